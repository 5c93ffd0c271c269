import { DataSource, In, Repository } from 'typeorm';
import { likeContains, paginate, paginateByParent, ConnectionShape, PageArgs, SortSpec } from '@group/shared';
import { Employee, EmployeeStatus } from './employee.entity';

export interface EmployeeFilter {
  companyId?: string | null;
  departmentId?: string | null;
  status?: EmployeeStatus | null;
  /** Case-insensitive substring of the name. */
  nameContains?: string | null;
}

export class EmployeeService {
  private readonly repo: Repository<Employee>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(Employee);
  }

  list(filter: EmployeeFilter, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<Employee>> {
    const qb = this.repo.createQueryBuilder('e');
    if (filter.companyId) qb.andWhere('e.companyId = :companyId', { companyId: filter.companyId });
    if (filter.departmentId) qb.andWhere('e.departmentId = :departmentId', { departmentId: filter.departmentId });
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter.nameContains) qb.andWhere("LOWER(e.name) LIKE :name ESCAPE '!'", { name: likeContains(filter.nameContains.toLowerCase()) });
    return paginate(qb, page, sort);
  }

  byIds(ids: readonly string[]): Promise<Employee[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  pagesByDepartment(departmentIds: readonly string[], page: PageArgs, sort: SortSpec) {
    return paginateByParent(this.repo, { parentProperty: 'departmentId', parentIds: departmentIds, page, sort });
  }
}
