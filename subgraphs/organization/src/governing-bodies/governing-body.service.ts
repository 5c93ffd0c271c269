import { DataSource, In, Repository } from 'typeorm';
import { Viewer } from '@group/shared';
import { GoverningBody } from './governing-body.entity';
import { GovernanceService } from '../governance/governance.service';

/** Governing bodies, read company-scoped like all governance data (their seats and meetings have services of their own). */
export class GoverningBodyService {
  private readonly bodies: Repository<GoverningBody>;

  constructor(
    ds: DataSource,
    private readonly governance: GovernanceService,
  ) {
    this.bodies = ds.getRepository(GoverningBody);
  }

  async byCompanyIds(viewer: Viewer, companyIds: readonly string[]): Promise<GoverningBody[]> {
    const scope = await this.governance.readableCompanies(viewer);
    const ids = scope === 'ALL' ? [...companyIds] : companyIds.filter((id) => scope.includes(id));
    if (ids.length === 0) return [];
    return this.bodies.find({ where: { companyId: In(ids) }, order: { type: 'ASC' } });
  }

  async byIds(viewer: Viewer, ids: readonly string[]): Promise<GoverningBody[]> {
    const scope = await this.governance.readableCompanies(viewer);
    const rows = await this.bodies.findBy({ id: In([...ids]) });
    return scope === 'ALL' ? rows : rows.filter((b) => scope.includes(b.companyId));
  }
}
