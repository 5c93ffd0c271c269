import { DataSource, In, Repository } from 'typeorm';
import { paginate, ConnectionShape, PageArgs, SortSpec } from '@group/shared';
import { Company, CompanyKind, Segment } from './company.entity';

export interface CompanyFilter {
  kind?: CompanyKind | null;
  parentId?: string | null;
}

/** Companies and segments: the group's structure, readable by every signed-in user. */
export class CompanyService {
  private readonly companies: Repository<Company>;
  private readonly segments: Repository<Segment>;

  constructor(ds: DataSource) {
    this.companies = ds.getRepository(Company);
    this.segments = ds.getRepository(Segment);
  }

  listCompanies(filter: CompanyFilter, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<Company>> {
    const qb = this.companies.createQueryBuilder('c');
    if (filter.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.parentId) qb.andWhere('c.parentId = :parentId', { parentId: filter.parentId });
    return paginate(qb, page, sort);
  }

  companiesByIds(ids: readonly string[]): Promise<Company[]> {
    return this.companies.findBy({ id: In([...ids]) });
  }

  companiesByParentIds(parentIds: readonly string[]): Promise<Company[]> {
    return this.companies.find({ where: { parentId: In([...parentIds]) }, order: { code: 'ASC' } });
  }

  listSegments(page: PageArgs, sort: SortSpec): Promise<ConnectionShape<Segment>> {
    return paginate(this.segments.createQueryBuilder('s'), page, sort);
  }

  segmentsByIds(ids: readonly string[]): Promise<Segment[]> {
    return this.segments.findBy({ id: In([...ids]) });
  }

  segmentsByCompanyIds(companyIds: readonly string[]): Promise<Segment[]> {
    return this.segments.find({ where: { companyId: In([...companyIds]) }, order: { code: 'ASC' } });
  }
}
