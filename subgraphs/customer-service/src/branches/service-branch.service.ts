import { DataSource, In } from 'typeorm';
import { PageArgs, paginate, paginateByParent, SortSpec } from '@group/shared';
import { ServiceBranch } from './service-branch.entity';

export interface ServiceBranchFilter {
  companyId?: string | null;
}

/** Service branches: organisational data, readable by every signed-in viewer. */
export class ServiceBranchService {
  constructor(private readonly ds: DataSource) {}

  list(filter: ServiceBranchFilter, page: PageArgs, sort: SortSpec) {
    const qb = this.ds.getRepository(ServiceBranch).createQueryBuilder('b');
    if (filter.companyId) qb.andWhere('b.companyId = :companyId', { companyId: filter.companyId });
    return paginate(qb, page, sort);
  }

  byIds(ids: readonly string[]): Promise<ServiceBranch[]> {
    return this.ds.getRepository(ServiceBranch).findBy({ id: In([...ids]) });
  }

  /** `Company.serviceBranches` for many companies in one statement. */
  pagesByCompany(companyIds: readonly string[], page: PageArgs, sort: SortSpec) {
    return paginateByParent(this.ds.getRepository(ServiceBranch), { parentProperty: 'companyId', parentIds: companyIds, page, sort });
  }
}
