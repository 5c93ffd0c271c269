import { DataSource, In, Repository } from 'typeorm';
import { Role, Viewer } from '@group/shared';
import { GoverningBody } from './governing-body.entity';
import { Segment } from '../companies/company.entity';

/**
 * Governance data is company-scoped (domain.md §3.1.5): group roles see every
 * company's; everyone else sees the companies that own their segments.
 */
export class GovernanceService {
  private readonly bodies: Repository<GoverningBody>;
  private readonly segments: Repository<Segment>;

  constructor(ds: DataSource) {
    this.bodies = ds.getRepository(GoverningBody);
    this.segments = ds.getRepository(Segment);
  }

  /** Companies whose governance the viewer may read: 'ALL' or a list of ids. */
  async readableCompanies(viewer: Viewer): Promise<'ALL' | string[]> {
    if (viewer.role === Role.GROUP_EXECUTIVE || viewer.role === Role.SYSTEM_ADMIN) return 'ALL';
    if (viewer.segmentIds.length === 0) return [];
    const rows = await this.segments.find({ select: { companyId: true }, where: { id: In(viewer.segmentIds) } });
    return [...new Set(rows.map((r) => r.companyId))];
  }

  async bodiesByCompanyIds(viewer: Viewer, companyIds: readonly string[]): Promise<GoverningBody[]> {
    const scope = await this.readableCompanies(viewer);
    const ids = scope === 'ALL' ? [...companyIds] : companyIds.filter((id) => scope.includes(id));
    if (ids.length === 0) return [];
    return this.bodies.find({ where: { companyId: In(ids) }, order: { type: 'ASC' } });
  }

  async bodiesByIds(viewer: Viewer, ids: readonly string[]): Promise<GoverningBody[]> {
    const scope = await this.readableCompanies(viewer);
    const rows = await this.bodies.findBy({ id: In([...ids]) });
    return scope === 'ALL' ? rows : rows.filter((b) => scope.includes(b.companyId));
  }
}
