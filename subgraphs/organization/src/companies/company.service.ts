import { DataSource, EntityManager, In, IsNull, Repository } from 'typeorm';
import { lockForUpdate, paginate, ConnectionShape, PageArgs, SortSpec } from '@group/shared';
import { Company, CompanyKind, Segment } from './company.entity';

export interface CompanyFilter {
  kind?: CompanyKind | null;
  parentId?: string | null;
}

/** The group's top companies (no parent), in id order. They never change: read them before the transaction. */
export async function groupTopIds(ds: DataSource): Promise<string[]> {
  return (await ds.getRepository(Company).find({ select: { id: true }, where: { parentId: IsNull() }, order: { id: 'ASC' } })).map((c) => c.id);
}

/**
 * For rules over a graph that crosses companies (no cycle of shareholdings, no loop in a reporting
 * line): locks the group's top companies (from `groupTopIds`), so such changes are checked one at a
 * time. The ids are read before the transaction: a read on another connection inside it can wait
 * forever for a pool whose connections all wait for this lock, and a plain read through `m` would
 * fix MariaDB's snapshot before the lock.
 */
export async function lockGroupTops(m: EntityManager, tops: string[]): Promise<void> {
  for (const id of tops) await lockForUpdate(m, Company, { id });
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
