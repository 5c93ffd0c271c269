import { DataSource, Repository } from 'typeorm';
import { Clock, ConnectionShape, conflict, forbidden, inTransaction, likeContains, newId, notFound, PageArgs, paginate, paginateByParent, restrictToSegments, Role, scopeOf, SegmentScope, SortSpec, systemClock, Viewer, wholeSeconds, isUniqueViolation } from '@group/shared';
import { GroupCustomer, GroupMember, MemberRole, ProductHolding } from './group-customer.entity';
import { CustomerProfile } from '../customer-profiles/customer-profile.entity';

const WRITERS = new Set<Role>([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);
const forbiddenWrite = () => forbidden('GROUP_CUSTOMER_WRITE_FORBIDDEN', 'Only segment heads and business staff maintain group customers, within their own segment');

export interface GroupCustomerFilter {
  industryContains?: string | null;
}
export interface CreateGroupCustomerInput {
  customerId: string;
  industry?: string | null;
  revenue?: number | null;
}
export interface AddGroupMemberInput {
  groupCustomerId: string;
  name: string;
  role: MemberRole;
  title?: string | null;
  memberCustomerId?: string | null;
  joinedAt?: Date | null;
}
export interface AddProductHoldingInput {
  groupCustomerId: string;
  productName: string;
  category?: string | null;
  since: Date;
}

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
    const qb = restrictToSegments(this.repo.createQueryBuilder('g'), 'g.segmentId', scopeOf(viewer));
    if (filter.industryContains) qb.andWhere("LOWER(g.industry) LIKE :ind ESCAPE '!'", { ind: likeContains(filter.industryContains.toLowerCase()) });
    return paginate(qb, page, sort);
  }

  byIds(ids: readonly string[], scope: SegmentScope): Promise<GroupCustomer[]> {
    return restrictToSegments(this.repo.createQueryBuilder('g').where('g.id IN (:...ids)', { ids: [...ids] }), 'g.segmentId', scope).getMany();
  }

  byCustomerIds(ids: readonly string[], scope: SegmentScope): Promise<GroupCustomer[]> {
    return restrictToSegments(this.repo.createQueryBuilder('g').where('g.customerId IN (:...ids)', { ids: [...ids] }), 'g.segmentId', scope).getMany();
  }

  memberPages(groupIds: readonly string[], page: PageArgs, role: MemberRole | null, scope: SegmentScope) {
    return paginateByParent(this.ds.getRepository(GroupMember), {
      parentProperty: 'groupCustomerId',
      parentIds: groupIds,
      page,
      sort: { property: 'name', direction: 'ASC' },
      scope: (qb) => {
        restrictToSegments(qb, 'e.segmentId', scope);
        if (role) qb.andWhere('e.role = :__role', { __role: role });
      },
    });
  }

  productPages(groupIds: readonly string[], page: PageArgs, scope: SegmentScope) {
    return paginateByParent(this.ds.getRepository(ProductHolding), {
      parentProperty: 'groupCustomerId',
      parentIds: groupIds,
      page,
      sort: { property: 'productName', direction: 'ASC' },
      scope: (qb) => restrictToSegments(qb, 'e.segmentId', scope),
    });
  }

  /** Marks a customer of your segment as a group customer (one per customer: CONFLICT GROUP_CUSTOMER_EXISTS). */
  async create(viewer: Viewer, input: CreateGroupCustomerInput): Promise<GroupCustomer> {
    if (!WRITERS.has(viewer.role)) throw forbiddenWrite();
    const now = this.clock();
    try {
      return await inTransaction(this.ds, async (m) => {
        const p = await m.findOneBy(CustomerProfile, { customerId: input.customerId });
        if (!p || !viewer.segmentIds.includes(p.segmentId)) throw notFound('Customer', input.customerId);
        const g = m.create(GroupCustomer, {
          id: newId(),
          customerId: p.customerId,
          segmentId: p.segmentId,
          industry: input.industry ?? null,
          revenue: input.revenue ?? null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(GroupCustomer, g);
        return g;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('GROUP_CUSTOMER_EXISTS', 'This customer is already a group customer');
      throw e;
    }
  }

  private async ownGroup(viewer: Viewer, id: string) {
    if (!WRITERS.has(viewer.role)) throw forbiddenWrite();
    const g = await this.repo.findOneBy({ id });
    if (!g || !viewer.segmentIds.includes(g.segmentId)) throw notFound('GroupCustomer', id);
    return g;
  }

  async addMember(viewer: Viewer, input: AddGroupMemberInput): Promise<GroupMember> {
    const g = await this.ownGroup(viewer, input.groupCustomerId);
    const member = Object.assign(new GroupMember(), {
      id: newId(),
      groupCustomerId: g.id,
      segmentId: g.segmentId,
      memberCustomerId: input.memberCustomerId ?? null,
      name: input.name,
      role: input.role,
      title: input.title ?? null,
      joinedAt: wholeSeconds(input.joinedAt ?? this.clock()),
    });
    await inTransaction(this.ds, (m) => m.insert(GroupMember, member));
    return member;
  }

  async addProduct(viewer: Viewer, input: AddProductHoldingInput): Promise<ProductHolding> {
    const g = await this.ownGroup(viewer, input.groupCustomerId);
    const holding = Object.assign(new ProductHolding(), {
      id: newId(),
      groupCustomerId: g.id,
      segmentId: g.segmentId,
      productName: input.productName,
      category: input.category ?? null,
      since: wholeSeconds(input.since),
      until: null,
    });
    await inTransaction(this.ds, (m) => m.insert(ProductHolding, holding));
    return holding;
  }
}
