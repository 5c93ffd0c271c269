import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import {
  Clock,
  inTransaction,
  likeContains,
  Role,
  updateWithVersion,
  newId,
  PageArgs,
  SegmentScopedReader,
  SortSpec,
  systemClock,
  Viewer,
  scopeTo,
  idempotentCreate,
} from '@group/shared';
import { assertCanEditOwned, byCrmSegments } from '../crm/crm-access';
import { Customer, CustomerKind } from './customer.entity';
import { assertCanWriteSegment } from '../scope';
import { customerCreated, customerUpdated } from './customer-events';
import { assertAssignable } from '../roster/employee-roster';
import { customerErrors as errors } from './customer.errors';

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
  idempotencyKey?: string | null;
}

export interface CustomerUpdate {
  id: string;
  expectedVersion: number;
  name?: string | null;
  kind?: CustomerKind | null;
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
    // Customers are marketing information (G-39): the group marketing department reads every segment too.
    super(ds.getRepository(Customer), applyFilter, 'c', byCrmSegments);
  }

  /** `Segment.customers` for many segments in one statement. */
  pagesBySegment(viewer: Viewer, segmentIds: readonly string[], filter: CustomerFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('segmentId', viewer, segmentIds, filter, page, sort);
  }

  /** `Employee.customers` (customers owned) for many employees in one statement. */
  pagesByOwner(viewer: Viewer, ownerIds: readonly string[], filter: CustomerFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('ownerId', viewer, ownerIds, filter, page, sort);
  }

  /**
   * Customers by id WITHOUT the segment check: only for `Complaint.customer`
   * of a complaint the viewer can already see through its branch (scope.ts).
   */
  byIdsBehindVisibleComplaint(ids: readonly string[]): Promise<Customer[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  /** Segment heads and business staff create customers in their own segments; idempotent by key (issue #8). */
  async create(viewer: Viewer, input: NewCustomer): Promise<Customer> {
    assertCanWriteSegment(viewer, input.segmentId);
    const name = input.name.trim();
    if (!name) throw errors.nameBlank();
    if (!Object.values(CustomerKind).includes(input.kind)) throw errors.kindInvalid(input.kind);
    return idempotentCreate(
      this.ds,
      viewer,
      'createCustomer',
      input.idempotencyKey,
      input,
      (m, id) => this.insert(m, viewer, input, name, id),
      async (id) => (await this.byIds(viewer, [id]))[0] ?? null,
      newId,
    );
  }

  private async insert(m: EntityManager, viewer: Viewer, input: NewCustomer, name: string, id: string): Promise<Customer> {
    if (input.ownerId && input.ownerId !== viewer.employeeId) await assertAssignable(m, input.ownerId, input.segmentId);
    const at = this.now();
    const customer = this.repo.create({
      id,
      name,
      kind: input.kind,
      segmentId: input.segmentId,
      ownerId: input.ownerId ?? null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
    await m.insert(Customer, customer);
    await customerCreated(m, viewer, customer);
    return customer;
  }

  /**
   * Edits a customer (name, kind; owner: segment heads only). Segment heads
   * and business staff of its segment; staff only the customers they own (or unassigned ones).
   * The segment never changes here (only by cross-segment allocation, CS-R36).
   */
  update(viewer: Viewer, input: CustomerUpdate): Promise<Customer> {
    const changes: Partial<Customer> = {};
    if (input.name != null) {
      changes.name = input.name.trim();
      if (!changes.name) throw errors.nameBlank();
    }
    if (input.kind != null) {
      if (!Object.values(CustomerKind).includes(input.kind)) throw errors.kindInvalid(input.kind);
      changes.kind = input.kind;
    }
    return inTransaction(this.ds, async (m) => {
      const c = await scopeTo(viewer, m.getRepository(Customer).createQueryBuilder('c'), byCrmSegments).andWhere('c.id = :id', { id: input.id }).getOne();
      if (!c) throw errors.notFound(input.id);
      // An unassigned customer may be edited by any writer of its segment.
      assertCanEditOwned(viewer, { segmentId: c.segmentId, ownerId: c.ownerId ?? viewer.employeeId }, 'customers');
      if (input.ownerId !== undefined && input.ownerId !== c.ownerId) {
        if (viewer.role !== Role.SEGMENT_HEAD) throw errors.ownerAssignmentForbidden();
        if (input.ownerId) await assertAssignable(m, input.ownerId, c.segmentId);
        changes.ownerId = input.ownerId;
      }
      const updated = await updateWithVersion(m, Customer, c.id, input.expectedVersion, { ...changes, updatedAt: this.now() }, 'Customer');
      await customerUpdated(m, viewer, updated);
      return updated;
    });
  }
}
