import { DataSource, In, Repository } from 'typeorm';
import { paginate, paginateByParent, ConnectionShape, PageArgs, SortSpec } from '@group/shared';
import { Department, DepartmentKind } from './department.entity';

export interface DepartmentFilter {
  companyId?: string | null;
  parentId?: string | null;
  kind?: DepartmentKind | null;
  /** Only top-level departments (no parent). */
  rootsOnly?: boolean | null;
}

export class DepartmentService {
  private readonly repo: Repository<Department>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(Department);
  }

  private filtered(filter: DepartmentFilter) {
    const qb = this.repo.createQueryBuilder('d');
    if (filter.companyId) qb.andWhere('d.companyId = :companyId', { companyId: filter.companyId });
    if (filter.parentId) qb.andWhere('d.parentId = :parentId', { parentId: filter.parentId });
    if (filter.rootsOnly) qb.andWhere('d.parentId IS NULL');
    if (filter.kind) qb.andWhere('d.kind = :kind', { kind: filter.kind });
    return qb;
  }

  list(filter: DepartmentFilter, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<Department>> {
    return paginate(this.filtered(filter), page, sort);
  }

  byIds(ids: readonly string[]): Promise<Department[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  /** Every department of a company (org chart), one statement. */
  ofCompany(companyId: string): Promise<Department[]> {
    return this.repo.find({ where: { companyId }, order: { code: 'ASC', id: 'ASC' } });
  }

  childrenOf(parentIds: readonly string[]): Promise<Department[]> {
    return this.repo.find({ where: { parentId: In([...parentIds]) }, order: { code: 'ASC' } });
  }

  /** `Company.departments` for many companies in one statement. */
  pagesByCompany(companyIds: readonly string[], filter: DepartmentFilter, page: PageArgs, sort: SortSpec) {
    return paginateByParent(this.repo, {
      parentProperty: 'companyId',
      parentIds: companyIds,
      page,
      sort,
      scope: (qb) => {
        if (filter.rootsOnly) qb.andWhere('e.parentId IS NULL');
        if (filter.kind) qb.andWhere('e.kind = :kind', { kind: filter.kind });
      },
    });
  }
}
