import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { badInput, Clock, inTransaction, likeContains, newId, PageArgs, SegmentScopedReader, SortSpec, systemClock, Viewer } from '@group/shared';
import { Customer, CustomerKind } from './customer.entity';
import { assertCanWriteSegment } from '../scope';

export interface CustomerFilter {
  segmentId?: string | null;
  kind?: CustomerKind | null;
  ownerId?: string | null;
  /** Case-insensitive substring of the name. */
  nameContains?: string | null;
}

export interface NewCustomer {
  name: string;
  kind: CustomerKind;
  segmentId: string;
  ownerId?: string | null;
}

function applyFilter(qb: SelectQueryBuilder<Customer>, alias: string, f: CustomerFilter): void {
  if (f.segmentId) qb.andWhere(`${alias}.segmentId = :segmentId`, { segmentId: f.segmentId });
  if (f.kind) qb.andWhere(`${alias}.kind = :kind`, { kind: f.kind });
  if (f.ownerId) qb.andWhere(`${alias}.ownerId = :ownerId`, { ownerId: f.ownerId });
  if (f.nameContains) qb.andWhere(`LOWER(${alias}.name) LIKE :nameLike ESCAPE '!'`, { nameLike: likeContains(f.nameContains.toLowerCase()) });
}

/**
 * Customers. Every read takes the viewer and is scoped to its readable
 * segments (scope.ts); a customer of another segment behaves as missing.
 */
export class CustomerService extends SegmentScopedReader<Customer, CustomerFilter> {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
  ) {
    super(ds.getRepository(Customer), applyFilter, 'c');
  }

  /** `Segment.customers` for many segments in one statement. */
  pagesBySegment(viewer: Viewer, segmentIds: readonly string[], filter: CustomerFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('segmentId', viewer, segmentIds, filter, page, sort);
  }

  /** `Employee.customers` (customers owned) for many employees in one statement. */
  pagesByOwner(viewer: Viewer, ownerIds: readonly string[], filter: CustomerFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('ownerId', viewer, ownerIds, filter, page, sort);
  }

  /** Segment heads and business staff create customers in their own segments. */
  /**
   * Customers by id WITHOUT the segment check: only for `Complaint.customer`
   * of a complaint the viewer can already see through its branch (scope.ts).
   */
  byIdsBehindVisibleComplaint(ids: readonly string[]): Promise<Customer[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  async create(viewer: Viewer, input: NewCustomer): Promise<Customer> {
    assertCanWriteSegment(viewer, input.segmentId);
    const name = input.name.trim();
    if (!name) throw badInput('CUSTOMER_NAME_BLANK', 'The customer name must not be blank');
    if (!Object.values(CustomerKind).includes(input.kind)) throw badInput('CUSTOMER_KIND_INVALID', `Unknown customer kind ${input.kind}`);
    const at = this.now();
    const customer = this.repo.create({
      id: newId(),
      name,
      kind: input.kind,
      segmentId: input.segmentId,
      ownerId: input.ownerId ?? null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
    await inTransaction(this.ds, (m) => m.insert(Customer, customer));
    return customer;
  }
}
