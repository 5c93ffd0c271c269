import { DataSource, EntityTarget, In, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { ConnectionShape, PageArgs, paginate, Role, Viewer } from '@group/shared';
import { GovernanceChange } from './governance-change.entity';
import { Segment } from '../companies/company.entity';
import { firstOrNull } from '../common/idempotency-key';

/**
 * Governance data is company-scoped (domain.md §3.1.5): group roles see every
 * company's; everyone else sees the companies that own their segments. Also reads
 * the governance change log every governance change writes (governance-access.ts).
 */
export class GovernanceService {
  private readonly segments: Repository<Segment>;
  private readonly changes: Repository<GovernanceChange>;

  constructor(private readonly ds: DataSource) {
    this.changes = ds.getRepository(GovernanceChange);
    this.segments = ds.getRepository(Segment);
  }

  /** Companies whose governance the viewer may read: 'ALL' or a list of ids. */
  async readableCompanies(viewer: Viewer): Promise<'ALL' | string[]> {
    if (viewer.role === Role.GROUP_EXECUTIVE || viewer.role === Role.SYSTEM_ADMIN) return 'ALL';
    if (viewer.segmentIds.length === 0) return [];
    const rows = await this.segments.find({ select: { companyId: true }, where: { id: In(viewer.segmentIds) } });
    return [...new Set(rows.map((r) => r.companyId))];
  }

  /** The subset of `companyIds` whose governance data the viewer may read. */
  async visibleCompanyIds(viewer: Viewer, companyIds: readonly string[]): Promise<string[]> {
    const scope = await this.readableCompanies(viewer);
    return scope === 'ALL' ? [...companyIds] : companyIds.filter((id) => scope.includes(id));
  }

  /** Limits a list to the companies the viewer may read (alias must expose `companyId`). */
  async scope<T extends ObjectLiteral>(viewer: Viewer, qb: SelectQueryBuilder<T>, alias: string, companyId?: string | null): Promise<SelectQueryBuilder<T>> {
    const scope = await this.readableCompanies(viewer);
    if (scope !== 'ALL') {
      if (scope.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere(`${alias}.companyId IN (:...scope)`, { scope });
    }
    if (companyId) qb.andWhere(`${alias}.companyId = :companyId`, { companyId });
    return qb;
  }

  /** One row of a company-scoped table, if the viewer may read its company (the re-read of an idempotent create). */
  async visibleById<T extends { id: string; companyId: string }>(viewer: Viewer, entity: EntityTarget<T>, id: string): Promise<T | null> {
    return firstOrNull(await this.visible(viewer, await this.ds.getRepository(entity).findBy({ id } as never)));
  }

  /** The rows whose company the viewer may read. */
  async visible<T extends { companyId: string }>(viewer: Viewer, rows: T[]): Promise<T[]> {
    const ok = new Set(await this.visibleCompanyIds(viewer, [...new Set(rows.map((r) => r.companyId))]));
    return rows.filter((r) => ok.has(r.companyId));
  }

  /** The governance change log, newest first, limited to the companies the viewer may read. */
  async listChanges(
    viewer: Viewer,
    filter: { companyId?: string | null; entityType?: string | null; entityId?: string | null },
    page: PageArgs,
  ): Promise<ConnectionShape<GovernanceChange>> {
    const scope = await this.readableCompanies(viewer);
    const qb = this.changes.createQueryBuilder('g');
    if (scope !== 'ALL') {
      if (scope.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere('g.companyId IN (:...scope)', { scope });
    }
    if (filter.companyId) qb.andWhere('g.companyId = :companyId', { companyId: filter.companyId });
    if (filter.entityType) qb.andWhere('g.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('g.entityId = :entityId', { entityId: filter.entityId });
    return paginate(qb, page, { property: 'at', direction: 'DESC' });
  }
}
