import { DataSource, EntityManager, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import {
  ConnectionShape,
  inTransaction,
  newId,
  PageArgs,
  paginate,
  paginateByParent,
  Role,
  scopeOf,
  SortSpec,
  systemClock,
  Viewer,
  wholeSeconds,
  visibleParentOrNotFound,
  idempotentWrite,
  scopeTo,
  bySegment,
} from '@group/shared';
import { TagAssignment, TagAssignmentHistory, TagRemovalReason, TagSource } from './tag-assignment.entity';
import { CustomerProfile } from '../customer-profiles/customer-profile.entity';
import { Tag, TagKind } from '../tags/tag.entity';
import { tagAssignmentErrors as errors } from './tag-assignment.errors';
import { commonErrors } from '../common.errors';
import { level1CategoryOf } from '../tag-categories/level1';
import { lockAll, lockSlice, trackCustomers } from './tag-coverage-summary';
import { roleOrOperator } from '../marketing-operator';

export interface TagAssignmentFilter {
  tagId?: string | null;
  customerId?: string | null;
  source?: TagSource | null;
  /** Also list assignments whose expiresAt has passed (hidden by default). */
  includeExpired?: boolean | null;
}

export interface RemovedTagAssignmentFilter {
  tagId?: string | null;
  customerId?: string | null;
}

export interface AssignTagInput {
  customerId: string;
  tagId: string;
  evidence?: string | null;
  expiresAt?: Date | null;
  idempotencyKey?: string | null;
}

/**
 * Create/update of business data is for segment heads and business staff,
 * within their own segment (domain.md §3.1.2); executives read only, admins
 * do not touch business data.
 */
const TAG_WRITERS = new Set<Role>([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);
/** The expiry sweep is a group-wide job, like rule runs: the scheduler (SYSTEM_ADMIN), executives, the marketing department. */
const SWEEPERS = new Set<Role>([Role.SYSTEM_ADMIN, Role.GROUP_EXECUTIVE]);
export const SWEEP_BATCH = 1000;

/** Effective = not expired at `now`. */
function effectiveAt<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, now: Date): SelectQueryBuilder<T> {
  return qb.andWhere(`(${alias}.expiresAt IS NULL OR ${alias}.expiresAt > :__now)`, { __now: now });
}

const isEffective = (a: TagAssignment, now: Date) => a.expiresAt === null || a.expiresAt.getTime() > now.getTime();

/**
 * Tag assignments: every read is scoped to the viewer's readable segments
 * through the denormalised `segment_id` (domain.md §3.1.3 rule 6); writes check
 * the customer's segment in marketing's customer_profile projection.
 */
export class TagAssignmentService {
  private readonly repo: Repository<TagAssignment>;
  private readonly history: Repository<TagAssignmentHistory>;

  constructor(private readonly ds: DataSource) {
    this.repo = ds.getRepository(TagAssignment);
    this.history = ds.getRepository(TagAssignmentHistory);
  }

  list(viewer: Viewer, filter: TagAssignmentFilter, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<TagAssignment>> {
    const qb = scopeTo(viewer, this.repo.createQueryBuilder('a'));
    if (filter.tagId) qb.andWhere('a.tagId = :tagId', { tagId: filter.tagId });
    if (filter.customerId) qb.andWhere('a.customerId = :customerId', { customerId: filter.customerId });
    if (filter.source) qb.andWhere('a.source = :source', { source: filter.source });
    if (!filter.includeExpired) effectiveAt(qb, 'a', new Date());
    return paginate(qb, page, sort);
  }

  listRemoved(viewer: Viewer, filter: RemovedTagAssignmentFilter, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<TagAssignmentHistory>> {
    const qb = scopeTo(viewer, this.history.createQueryBuilder('h'));
    if (filter.tagId) qb.andWhere('h.tagId = :tagId', { tagId: filter.tagId });
    if (filter.customerId) qb.andWhere('h.customerId = :customerId', { customerId: filter.customerId });
    return paginate(qb, page, sort);
  }

  /** Effective assignments of many customers, in ONE statement, within `scope`. */
  byCustomerIds(viewer: Viewer, customerIds: readonly string[]): Promise<TagAssignment[]> {
    const qb = this.repo.createQueryBuilder('a').where('a.customerId IN (:...customerIds)', { customerIds: [...customerIds] });
    scopeTo(viewer, qb);
    effectiveAt(qb, 'a', new Date());
    return qb.orderBy('a.assignedAt', 'ASC').addOrderBy('a.id', 'ASC').getMany();
  }

  /** (customer, tag) of the effective assignments within `scope`: what `Customer.tags` needs (it sorts by code). */
  async tagIdsByCustomerIds(viewer: Viewer, customerIds: readonly string[]): Promise<{ customerId: string; tagId: string }[]> {
    const qb = this.repo
      .createQueryBuilder('a')
      .select('a.customerId', 'customerId')
      .addSelect('a.tagId', 'tagId')
      .where('a.customerId IN (:...customerIds)', { customerIds: [...customerIds] });
    scopeTo(viewer, qb);
    effectiveAt(qb, 'a', new Date());
    return qb.getRawMany();
  }

  /** Number of effective assignments per tag within `scope`, one grouped statement. */
  async countsByTagIds(viewer: Viewer, tagIds: readonly string[]): Promise<{ tagId: string; count: number }[]> {
    const qb = this.repo
      .createQueryBuilder('a')
      .select('a.tagId', 'tagId')
      .addSelect('COUNT(*)', 'n')
      .where('a.tagId IN (:...tagIds)', { tagIds: [...tagIds] })
      .groupBy('a.tagId');
    scopeTo(viewer, qb);
    effectiveAt(qb, 'a', new Date());
    const rows: { tagId: string; n: string | number }[] = await qb.getRawMany();
    return rows.map((r) => ({ tagId: String(r.tagId), count: Number(r.n) }));
  }

  /** `Tag.customers` for many tags in one statement: assignments ordered by customer id. */
  customerPagesByTag(viewer: Viewer, tagIds: readonly string[], page: PageArgs) {
    const now = new Date();
    return paginateByParent(this.repo, {
      parentProperty: 'tagId',
      parentIds: tagIds,
      page,
      sort: { property: 'customerId', direction: 'ASC' },
      scope: (qb) => {
        scopeTo(viewer, qb, bySegment, 'e');
        effectiveAt(qb, 'e', now);
      },
    });
  }

  /**
   * Assigns a MANUAL tag to a customer of the viewer's own segment.
   * Rules, in order: role (FORBIDDEN), customer known and in the viewer's
   * segment (NOT_FOUND otherwise, so other segments' customers do not leak),
   * tag exists, is MANUAL and within its validity period, expiresAt in the
   * future, and not already effectively assigned (CONFLICT). An expired
   * assignment of the same tag is archived first (reason EXPIRED).
   */
  async assign(viewer: Viewer, input: AssignTagInput): Promise<TagAssignment> {
    if (!TAG_WRITERS.has(viewer.role)) throw errors.writeForbidden();
    const now = systemClock();
    const expiresAt = input.expiresAt ? wholeSeconds(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime()) throw errors.expiresAtNotInFuture();
    // The coverage slice (level-1 category, segment) this write changes, read before the transaction
    // so that locking it is the transaction's first statement (see tag-coverage-summary.ts).
    const slice = await this.sliceOf(input.customerId, input.tagId);
    const find = (id: string) => this.visible(viewer, id);
    return idempotentWrite(
      this.ds,
      viewer,
      'assignTag',
      input.idempotencyKey,
      input,
      async (m, claim) => {
        if (slice) await lockSlice(m, slice.l1, slice.segmentId);
        const id = newId();
        await claim(id);
        const profile = await visibleParentOrNotFound(m, CustomerProfile, input.customerId, viewer.segmentIds, { key: 'customerId', name: 'Customer' });
        const tag = await m.findOneBy(Tag, { id: input.tagId });
        if (!tag) throw errors.tagNotFound(input.tagId);
        if (tag.kind === TagKind.RULE) throw errors.ruleTagNotManual(tag.code);
        if ((tag.validFrom && now < tag.validFrom) || (tag.validTo && now >= tag.validTo)) throw commonErrors.tagNotValid(tag.code);
        const l1 = await level1CategoryOf(m, tag.categoryId);
        if (l1 && (slice?.l1 !== l1 || slice.segmentId !== profile.segmentId)) throw commonErrors.assignmentChangedMeanwhile();

        const write = async () => {
          const existing = await m.findOneBy(TagAssignment, { customerId: input.customerId, tagId: input.tagId });
          if (existing) {
            if (isEffective(existing, now)) throw errors.alreadyAssigned(existing.id);
            await this.archive(m, existing, now, null, TagRemovalReason.EXPIRED);
          }
          const assignment = m.create(TagAssignment, {
            id,
            tagId: tag.id,
            customerId: profile.customerId,
            segmentId: profile.segmentId,
            source: TagSource.MANUAL,
            assignedAt: now,
            assignedBy: viewer.accountId,
            evidence: input.evidence ?? null,
            expiresAt,
            ruleId: null,
            ruleVersion: null,
            categoryL1Id: l1,
          });
          await m.insert(TagAssignment, assignment);
          return assignment;
        };
        return l1 ? trackCustomers(m, [profile.customerId], l1, write) : write();
      },
      find,
      // A concurrent assign of the same (customer, tag) lost the race on the unique index.
      { onUniqueViolation: () => errors.alreadyAssigned(null) },
    );
  }

  /** An active assignment of a readable segment (idempotent replays of assignTag), else null. */
  private async visible(viewer: Viewer, id: string): Promise<TagAssignment | null> {
    const a = await this.repo.findOneBy({ id });
    const scope = scopeOf(viewer);
    return a && (scope === 'ALL' || scope.includes(a.segmentId)) ? a : null;
  }

  /**
   * Removes an assignment, keeping history: the row moves to
   * tag_assignment_history with who removed it and when (one transaction).
   * Same role/segment rules as `assign`; assignments of RULE tags belong to
   * their rule and are refused (RULE_TAG_NOT_MANUAL).
   */
  async remove(viewer: Viewer, id: string): Promise<TagAssignmentHistory> {
    if (!TAG_WRITERS.has(viewer.role)) throw errors.writeForbidden();
    const now = systemClock();
    const before = await this.repo.findOneBy({ id });
    return inTransaction(this.ds, async (m) => {
      if (before?.categoryL1Id) await lockSlice(m, before.categoryL1Id, before.segmentId);
      const a = await m.findOneBy(TagAssignment, { id });
      if (!a || !viewer.segmentIds.includes(a.segmentId)) throw errors.assignmentNotFound(id);
      if (a.categoryL1Id && (a.categoryL1Id !== before?.categoryL1Id || a.segmentId !== before.segmentId)) throw commonErrors.assignmentChangedMeanwhile();
      const tag = await m.findOneBy(Tag, { id: a.tagId });
      if (tag?.kind === TagKind.RULE) throw errors.ruleTagNotManual(tag.code);
      const write = () => this.archive(m, a, now, viewer.accountId, TagRemovalReason.REMOVED);
      return a.categoryL1Id ? trackCustomers(m, [a.customerId], a.categoryL1Id, write) : write();
    });
  }

  /**
   * Archives (reason EXPIRED) up to SWEEP_BATCH assignments whose expiresAt
   * has passed, oldest expiry first, keeping the coverage summary exact; the
   * scheduler calls it until it returns less than a full batch. Expired rows
   * are already hidden from every read: this keeps the table, and the expiry
   * correction of tagCoverage, small. Returns the number archived.
   */
  async archiveExpired(viewer: Viewer): Promise<number> {
    if (!roleOrOperator(SWEEPERS, viewer)) throw errors.sweepForbidden();
    const now = systemClock();
    return inTransaction(this.ds, async (m) => {
      await lockAll(m);
      const expired = await m
        .getRepository(TagAssignment)
        .createQueryBuilder('a')
        .where('a.expiresAt <= :now', { now })
        .orderBy('a.expiresAt', 'ASC')
        .addOrderBy('a.id', 'ASC')
        .take(SWEEP_BATCH)
        .getMany();
      if (expired.length === 0) return 0;
      const customers = [...new Set(expired.map((a) => a.customerId))];
      await trackCustomers(m, customers, null, async () => {
        for (const a of expired) await this.archive(m, a, now, null, TagRemovalReason.EXPIRED);
      });
      return expired.length;
    });
  }

  /** The (level-1 category, segment) coverage slice an assignment of this tag to this customer falls in. */
  private async sliceOf(customerId: string, tagId: string): Promise<{ l1: string; segmentId: string } | null> {
    const [profile, tag] = await Promise.all([this.ds.getRepository(CustomerProfile).findOneBy({ customerId }), this.ds.getRepository(Tag).findOneBy({ id: tagId })]);
    const l1 = tag ? await level1CategoryOf(this.ds.manager, tag.categoryId) : null;
    return profile && l1 ? { l1, segmentId: profile.segmentId } : null;
  }

  /**
   * Moves an assignment to the history table. DELETE first: it takes the row
   * lock, so of two concurrent removals the second deletes nothing and gets
   * NOT_FOUND instead of a duplicate history row.
   */
  private async archive(m: EntityManager, a: TagAssignment, now: Date, by: string | null, reason: TagRemovalReason): Promise<TagAssignmentHistory> {
    const deleted = await m.delete(TagAssignment, { id: a.id });
    if (deleted.affected === 0) throw errors.assignmentNotFound(a.id);
    const h = m.create(TagAssignmentHistory, {
      id: a.id,
      tagId: a.tagId,
      customerId: a.customerId,
      segmentId: a.segmentId,
      source: a.source,
      assignedAt: a.assignedAt,
      assignedBy: a.assignedBy,
      evidence: a.evidence,
      expiresAt: a.expiresAt,
      removedAt: now,
      removedBy: by,
      removalReason: reason,
      ruleId: a.ruleId,
      ruleVersion: a.ruleVersion,
    });
    await m.insert(TagAssignmentHistory, h);
    return h;
  }
}
