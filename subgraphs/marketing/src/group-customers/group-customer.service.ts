import { DataSource, Repository } from 'typeorm';
import {
  Clock,
  ConnectionShape,
  inTransaction,
  likeContains,
  newId,
  notFound,
  PageArgs,
  paginate,
  paginateByParent,
  Role,
  scopeOf,
  SortSpec,
  systemClock,
  updateWithVersion,
  Viewer,
  wholeSeconds,
  visibleParentOrNotFound,
  idempotentCreate,
  scopeTo,
  bySegment,
  deleteWithVersion,
} from '@group/shared';
import type { EntityManager } from 'typeorm';
import { changesOf } from '../versioned';
import { GroupCustomer, GroupMember, MemberRole, ProductHolding } from './group-customer.entity';
import { CustomerProfile } from '../customer-profiles/customer-profile.entity';
import { groupCustomerErrors as errors } from './group-customer.errors';

const WRITERS = new Set<Role>([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);

export interface GroupCustomerFilter {
  industryContains?: string | null;
  /** Also list retired group customers (hidden by default). */
  includeRetired?: boolean | null;
}
export interface CreateGroupCustomerInput {
  customerId: string;
  industry?: string | null;
  revenue?: number | null;
  idempotencyKey?: string | null;
}
export interface AddGroupMemberInput {
  groupCustomerId: string;
  name: string;
  role: MemberRole;
  title?: string | null;
  memberCustomerId?: string | null;
  joinedAt?: Date | null;
  idempotencyKey?: string | null;
}
export interface AddProductHoldingInput {
  groupCustomerId: string;
  productName: string;
  category?: string | null;
  since: Date;
  idempotencyKey?: string | null;
}
type Patch<T> = { [K in keyof T]?: T[K] | null };
export type UpdateGroupCustomerInput = { id: string; expectedVersion: number } & Patch<Pick<CreateGroupCustomerInput, 'industry' | 'revenue'>>;
export type UpdateGroupMemberInput = { id: string; expectedVersion: number } & Patch<Pick<AddGroupMemberInput, 'name' | 'role' | 'title' | 'memberCustomerId' | 'joinedAt'>>;
export type UpdateProductHoldingInput = { id: string; expectedVersion: number } & Patch<Pick<AddProductHoldingInput, 'productName' | 'category' | 'since'>> & {
    until?: Date | null;
  };

/**
 * Group customers (集团客户) and group members (集团成员): the source's two
 * lines (MKT-R12), with products held and key people. Everything carries the
 * customer's segment and is read through it (§3.1.3 rule 6).
 */
export class GroupCustomerService {
  private readonly repo: Repository<GroupCustomer>;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {
    this.repo = ds.getRepository(GroupCustomer);
  }

  list(viewer: Viewer, filter: GroupCustomerFilter, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<GroupCustomer>> {
    const qb = scopeTo(viewer, this.repo.createQueryBuilder('g'));
    if (filter.industryContains) qb.andWhere("LOWER(g.industry) LIKE :ind ESCAPE '!'", { ind: likeContains(filter.industryContains.toLowerCase()) });
    if (!filter.includeRetired) qb.andWhere('g.retiredAt IS NULL');
    return paginate(qb, page, sort);
  }

  byIds(viewer: Viewer, ids: readonly string[]): Promise<GroupCustomer[]> {
    return scopeTo(viewer, this.repo.createQueryBuilder('g').where('g.id IN (:...ids)', { ids: [...ids] })).getMany();
  }

  byCustomerIds(viewer: Viewer, ids: readonly string[]): Promise<GroupCustomer[]> {
    return scopeTo(viewer, this.repo.createQueryBuilder('g').where('g.customerId IN (:...ids)', { ids: [...ids] })).getMany();
  }

  memberPages(viewer: Viewer, groupIds: readonly string[], page: PageArgs, role: MemberRole | null, includeFormer: boolean) {
    return paginateByParent(this.ds.getRepository(GroupMember), {
      parentProperty: 'groupCustomerId',
      parentIds: groupIds,
      page,
      sort: { property: 'name', direction: 'ASC' },
      scope: (qb) => {
        scopeTo(viewer, qb, bySegment, 'e');
        if (role) qb.andWhere('e.role = :__role', { __role: role });
        if (!includeFormer) qb.andWhere('e.leftAt IS NULL');
      },
    });
  }

  productPages(viewer: Viewer, groupIds: readonly string[], page: PageArgs) {
    return paginateByParent(this.ds.getRepository(ProductHolding), {
      parentProperty: 'groupCustomerId',
      parentIds: groupIds,
      page,
      sort: { property: 'productName', direction: 'ASC' },
      scope: (qb) => scopeTo(viewer, qb, bySegment, 'e'),
    });
  }

  /** Marks a customer of your segment as a group customer (one per customer: CONFLICT GROUP_CUSTOMER_EXISTS). */
  async create(viewer: Viewer, input: CreateGroupCustomerInput): Promise<GroupCustomer> {
    if (!WRITERS.has(viewer.role)) throw errors.writeForbidden();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'createGroupCustomer',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const p = await visibleParentOrNotFound(m, CustomerProfile, input.customerId, viewer.segmentIds, { key: 'customerId', name: 'Customer' });
        const g = m.create(GroupCustomer, {
          id,
          customerId: p.customerId,
          segmentId: p.segmentId,
          industry: input.industry ?? null,
          revenue: input.revenue ?? null,
          retiredAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(GroupCustomer, g);
        return g;
      },
      (id) => this.visible(viewer, GroupCustomer, id),
      newId,
      { onUniqueViolation: () => errors.exists() },
    );
  }

  /** A row of the viewer's readable segments (for idempotent replays), else null. */
  private async visible<T extends { segmentId: string }>(viewer: Viewer, entity: new () => T, id: string): Promise<T | null> {
    const row = await this.ds.getRepository(entity).findOneBy({ id } as never);
    return row && (scopeOf(viewer) === 'ALL' || (scopeOf(viewer) as string[]).includes(row.segmentId)) ? row : null;
  }

  /** A row of `entity` in the viewer's own segment, for writes (NOT_FOUND otherwise, so other segments do not leak). */
  private async own<T extends { segmentId: string }>(m: EntityManager, viewer: Viewer, entity: new () => T, id: string, label: string): Promise<T> {
    if (!WRITERS.has(viewer.role)) throw errors.writeForbidden();
    const row = await m.findOneBy(entity, { id } as never);
    if (!row || !viewer.segmentIds.includes(row.segmentId)) throw notFound(label, id);
    return row;
  }

  updateGroupCustomer(viewer: Viewer, input: UpdateGroupCustomerInput): Promise<GroupCustomer> {
    const changes = changesOf(input, ['industry', 'revenue'] as const);
    return inTransaction(this.ds, async (m) => {
      await this.own(m, viewer, GroupCustomer, input.id, 'GroupCustomer');
      return updateWithVersion(m, GroupCustomer, input.id, input.expectedVersion, { ...changes, updatedAt: this.clock() });
    });
  }

  /**
   * Retires a group customer (no longer served as one): its members, products,
   * tags and churn history stay, it leaves `groupCustomers` lists (see
   * includeRetired) and cannot get new members or products.
   */
  retireGroupCustomer(viewer: Viewer, id: string, expectedVersion: number): Promise<GroupCustomer> {
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const g = await this.own(m, viewer, GroupCustomer, id, 'GroupCustomer');
      if (g.retiredAt) throw errors.alreadyRetired();
      return updateWithVersion(m, GroupCustomer, id, expectedVersion, { retiredAt: now, updatedAt: now });
    });
  }

  updateMember(viewer: Viewer, input: UpdateGroupMemberInput): Promise<GroupMember> {
    const changes = changesOf(input, ['name', 'role', 'title', 'memberCustomerId', 'joinedAt'] as const, ['name', 'role', 'joinedAt']);
    if (changes.joinedAt) changes.joinedAt = wholeSeconds(changes.joinedAt);
    return inTransaction(this.ds, async (m) => {
      await this.own(m, viewer, GroupMember, input.id, 'GroupMember');
      return updateWithVersion(m, GroupMember, input.id, input.expectedVersion, changes as Partial<GroupMember>);
    });
  }

  /** A member leaves the group customer: kept as a former member (history), hidden from `members` by default. */
  removeMember(viewer: Viewer, id: string, expectedVersion: number): Promise<GroupMember> {
    const now = wholeSeconds(this.clock());
    return inTransaction(this.ds, async (m) => {
      const member = await this.own(m, viewer, GroupMember, id, 'GroupMember');
      if (member.leftAt) throw errors.memberAlreadyLeft();
      return updateWithVersion(m, GroupMember, id, expectedVersion, { leftAt: now });
    });
  }

  updateProduct(viewer: Viewer, input: UpdateProductHoldingInput): Promise<ProductHolding> {
    const changes = changesOf(input, ['productName', 'category', 'since', 'until'] as const, ['productName', 'since']);
    if (changes.since) changes.since = wholeSeconds(changes.since);
    if (changes.until) changes.until = wholeSeconds(changes.until);
    return inTransaction(this.ds, async (m) => {
      const h = await this.own(m, viewer, ProductHolding, input.id, 'ProductHolding');
      const since = changes.since ?? h.since;
      const until = changes.until === undefined ? h.until : changes.until;
      if (until && until.getTime() < since.getTime()) throw errors.holdingPeriodInvalid();
      return updateWithVersion(m, ProductHolding, input.id, input.expectedVersion, changes as Partial<ProductHolding>);
    });
  }

  /** Deletes a product holding recorded by mistake (an ended holding is kept by setting `until`). */
  deleteProduct(viewer: Viewer, id: string, expectedVersion: number): Promise<boolean> {
    return inTransaction(this.ds, async (m) => {
      await this.own(m, viewer, ProductHolding, id, 'ProductHolding');
      await deleteWithVersion(m, ProductHolding, id, expectedVersion);
      return true;
    });
  }

  /** The viewer's own-segment, not retired group customer that gets a new member or product. */
  private async ownActiveGroup(m: EntityManager, viewer: Viewer, id: string) {
    const g = await this.own(m, viewer, GroupCustomer, id, 'GroupCustomer');
    if (g.retiredAt) throw errors.retired();
    return g;
  }

  async addMember(viewer: Viewer, input: AddGroupMemberInput): Promise<GroupMember> {
    if (!WRITERS.has(viewer.role)) throw errors.writeForbidden();
    return idempotentCreate(
      this.ds,
      viewer,
      'addGroupMember',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const g = await this.ownActiveGroup(m, viewer, input.groupCustomerId);
        const member = Object.assign(new GroupMember(), {
          id,
          groupCustomerId: g.id,
          segmentId: g.segmentId,
          memberCustomerId: input.memberCustomerId ?? null,
          name: input.name,
          role: input.role,
          title: input.title ?? null,
          joinedAt: wholeSeconds(input.joinedAt ?? this.clock()),
          leftAt: null,
          version: 1,
        });
        await m.insert(GroupMember, member);
        return member;
      },
      (id) => this.visible(viewer, GroupMember, id),
      newId,
    );
  }

  async addProduct(viewer: Viewer, input: AddProductHoldingInput): Promise<ProductHolding> {
    if (!WRITERS.has(viewer.role)) throw errors.writeForbidden();
    return idempotentCreate(
      this.ds,
      viewer,
      'addProductHolding',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const g = await this.ownActiveGroup(m, viewer, input.groupCustomerId);
        const holding = Object.assign(new ProductHolding(), {
          id,
          groupCustomerId: g.id,
          segmentId: g.segmentId,
          productName: input.productName,
          category: input.category ?? null,
          since: wholeSeconds(input.since),
          until: null,
          version: 1,
        });
        await m.insert(ProductHolding, holding);
        return holding;
      },
      (id) => this.visible(viewer, ProductHolding, id),
      newId,
    );
  }
}
