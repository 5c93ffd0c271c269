import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { actorOf, Clock, ConnectionShape, emitEvent, inTransaction, isUniqueViolation, lockForUpdate, newId, PageArgs, paginate, Viewer } from '@group/shared';
import { BulkAccount, BulkClaims, BulkOperation, BulkOperationErrorCode, BulkOperationStatus, BulkTask, BulkTaskRow } from './bulk-operation.entity';
import { BulkPlan, loadPublicSchema, planBulkQuery, PublicSchema } from './query-plan';
import type { BulkConfig } from './config/env';
import { BulkFiles } from './files';
import { bulkErrors as errors } from './bulk.errors';

const ACTIVE = [BulkOperationStatus.CREATED, BulkOperationStatus.RUNNING];

/**
 * BulkOperationFinished (docs/events.md), in the transaction that ends the operation: an operation ends once (aggregate
 * version 1). `employeeId` (the submitter's, null for an account without one) lets customer-service notify them.
 */
const finished = (
  m: EntityManager,
  viewer: Viewer | null,
  op: { operationId: string; accountId: string; employeeId: string | null },
  status: 'COMPLETED' | 'FAILED' | 'CANCELED',
  errorCode: string | null,
) =>
  emitEvent(m, {
    type: 'BulkOperationFinished',
    aggregateId: op.operationId,
    aggregateVersion: 1,
    segmentId: null,
    actor: actorOf(viewer),
    payload: { ...op, status, errorCode },
  });

/** Bulk operations: submission (validated, at most N active per account), status, cancel, and the runner's claims and commits. */
export class BulkOperationService {
  private schema?: PublicSchema;

  constructor(
    readonly ds: DataSource,
    readonly config: BulkConfig,
    readonly files: BulkFiles,
    readonly clock: Clock,
  ) {}

  private repo() {
    return this.ds.getRepository(BulkOperation);
  }

  /** The public API schema (gateway/schema.graphql): what a client may ask of the graph. */
  publicSchema(): PublicSchema {
    return (this.schema ??= loadPublicSchema(this.config.bulk.publicSchemaFile));
  }

  plan(query: string): BulkPlan {
    return planBulkQuery(this.publicSchema(), query, this.config.limits);
  }

  /**
   * Validates the query and queues it. The viewer's claims are kept (not its token): each page is
   * signed with them and the submitting token's own `iat`, so the job stands exactly as that token
   * does: a revocation of the account that refuses the token (freeze, permission or password change
   * since it was issued) stops the job at its next page, and an account created or re-keyed just
   * before (its token is newer than the change) runs its job. A viewer without a token (in-process
   * callers) is dated one second before submission.
   */
  async submit(viewer: Viewer, query: string): Promise<BulkOperation> {
    this.plan(query);
    const now = this.clock();
    // The submitting token's issue time to the millisecond (revocations count in ms); a viewer without a token: one second before submission.
    const issuedAtMs = viewer.issuedAtMs ?? now.getTime() - 1000;
    const claims: BulkClaims = { role: viewer.role, segmentIds: [...viewer.segmentIds], employeeId: viewer.employeeId, capabilities: [...(viewer.capabilities ?? [])], issuedAtMs };
    await this.ensureAccountRow(viewer.accountId);
    return inTransaction(this.ds, async (m) => {
      // At most N active operations per account, also under concurrent submissions: the account's row first.
      await lockForUpdate(m, BulkAccount, { accountId: viewer.accountId });
      const active = await m.getRepository(BulkOperation).countBy({ accountId: viewer.accountId, status: In(ACTIVE) });
      const max = this.config.bulk.maxRunningPerAccount;
      if (active >= max) {
        throw errors.operationLimit(max);
      }
      const op = m.getRepository(BulkOperation).create({
        id: newId(),
        accountId: viewer.accountId,
        claims: JSON.stringify(claims),
        claimsIssuedAt: Math.floor(issuedAtMs / 1000),
        query,
        status: BulkOperationStatus.CREATED,
        errorCode: null,
        objectCount: 0,
        rootObjectCount: 0,
        fileSize: 0,
        leaseOwner: null,
        leaseUntil: null,
        createdAt: now,
        completedAt: null,
        expiresAt: null,
        fileDeletedAt: null,
      });
      await m.getRepository(BulkOperation).insert(op);
      const first: BulkTask = { conn: 0, on: null, parent: null, after: null };
      await m.getRepository(BulkTaskRow).insert({ operationId: op.id, seq: 0, payload: JSON.stringify(first) });
      return op;
    });
  }

  private async ensureAccountRow(accountId: string) {
    try {
      if (!(await this.ds.getRepository(BulkAccount).existsBy({ accountId }))) await this.ds.getRepository(BulkAccount).insert({ accountId });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }

  /** The viewer's own operation (another account's: NOT_FOUND, as if it did not exist). */
  async get(viewer: Viewer, id: string): Promise<BulkOperation> {
    const op = await this.repo().findOneBy({ id, accountId: viewer.accountId });
    if (!op) throw errors.notFound(id);
    return op;
  }

  /** The viewer's operations, newest first. */
  list(viewer: Viewer, page: PageArgs): Promise<ConnectionShape<BulkOperation>> {
    const qb = this.repo().createQueryBuilder('o').where('o.accountId = :a', { a: viewer.accountId });
    return paginate(qb, page, { property: 'createdAt', direction: 'DESC' });
  }

  /** CREATED or RUNNING → CANCELED (the runner stops at its next page and deletes the file); else CONFLICT. */
  async cancel(viewer: Viewer, id: string): Promise<BulkOperation> {
    await this.get(viewer, id);
    const now = this.clock();
    const moved = await inTransaction(this.ds, async (m) => {
      const r = await m
        .createQueryBuilder()
        .update(BulkOperation)
        .set({ status: BulkOperationStatus.CANCELED, completedAt: now })
        .where('id = :id AND account_id = :a AND status IN (:...active)', { id, a: viewer.accountId, active: ACTIVE })
        .execute();
      if (r.affected) {
        await m.getRepository(BulkTaskRow).delete({ operationId: id });
        await finished(m, viewer, { operationId: id, accountId: viewer.accountId, employeeId: viewer.employeeId }, BulkOperationStatus.CANCELED, null);
      }
      return r;
    });
    const op = await this.get(viewer, id);
    if (!moved.affected) throw errors.notRunning(id, op.status);
    return op;
  }

  // --- the runner's side -------------------------------------------------------------------

  /** Operations waiting for a runner: queued, or running under a lease that lapsed (its runner died). */
  async claimable(limit: number): Promise<string[]> {
    const now = this.clock();
    const rows = await this.repo()
      .createQueryBuilder('o')
      .select('o.id', 'id')
      .where(
        new Brackets((w) => w.where('o.status = :c', { c: BulkOperationStatus.CREATED }).orWhere('o.status = :r AND o.leaseUntil < :now', { r: BulkOperationStatus.RUNNING, now })),
      )
      .orderBy('o.createdAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** One conditional UPDATE: exactly one runner (of any instance) wins an operation. */
  async claim(id: string, owner: string): Promise<BulkOperation | null> {
    const now = this.clock();
    const moved = await this.repo()
      .createQueryBuilder()
      .update()
      .set({ status: BulkOperationStatus.RUNNING, leaseOwner: owner, leaseUntil: this.leaseEnd() })
      .where(
        new Brackets((w) =>
          w
            .where('id = :id', { id })
            .andWhere(
              new Brackets((x) =>
                x.where('status = :c', { c: BulkOperationStatus.CREATED }).orWhere('status = :r AND lease_until < :now', { r: BulkOperationStatus.RUNNING, now }),
              ),
            ),
        ),
      )
      .execute();
    return moved.affected ? this.repo().findOneBy({ id }) : null;
  }

  private leaseEnd() {
    return new Date(this.clock().getTime() + this.config.bulk.leaseMs);
  }

  /** The pending pages of an operation, bottom of the stack first. */
  async pendingTasks(id: string): Promise<(BulkTask & { seq: number })[]> {
    const rows = await this.ds.getRepository(BulkTaskRow).find({ where: { operationId: id }, order: { seq: 'ASC' } });
    return rows.map((r) => ({ ...(JSON.parse(r.payload) as BulkTask), seq: r.seq }));
  }

  /**
   * Commits a page in one transaction. First a conditional UPDATE of the job's row (still RUNNING
   * and still ours, else nothing happens and false comes back: canceled, or taken over after the
   * lease lapsed); it holds the row's lock, so no other instance can claim the job until the end.
   * Then `write` (the page's lines appended to the file, which advances the counts and size), then
   * the counts and size, and the stack: the pages taken (seq >= `fromSeq`) go, the pages found
   * (`pushed`, numbered from `fromSeq`) come.
   */
  async commitPage(op: BulkOperation, owner: string, fromSeq: number, pushed: (BulkTask & { seq: number })[], write: () => Promise<void>): Promise<boolean> {
    return inTransaction(this.ds, async (m) => {
      const ours = await m
        .createQueryBuilder()
        .update(BulkOperation)
        .set({ leaseUntil: this.leaseEnd() })
        .where('id = :id AND status = :r AND lease_owner = :owner', { id: op.id, r: BulkOperationStatus.RUNNING, owner })
        .execute();
      if (!ours.affected) return false;
      await write();
      await m
        .createQueryBuilder()
        .update(BulkOperation)
        .set({ objectCount: op.objectCount, rootObjectCount: op.rootObjectCount, fileSize: op.fileSize })
        .where('id = :id', { id: op.id })
        .execute();
      await m.createQueryBuilder().delete().from(BulkTaskRow).where('operation_id = :id AND seq >= :fromSeq', { id: op.id, fromSeq }).execute();
      for (let i = 0; i < pushed.length; i += 500) {
        const rows = pushed.slice(i, i + 500).map(({ seq, ...task }) => ({ operationId: op.id, seq, payload: JSON.stringify(task) }));
        await m.getRepository(BulkTaskRow).insert(rows);
      }
      return true;
    });
  }

  /** RUNNING → COMPLETED or FAILED (with the error code; the partial file stays downloadable until it expires). */
  async finish(op: BulkOperation, owner: string, errorCode: BulkOperationErrorCode | null): Promise<boolean> {
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const moved = await m
        .createQueryBuilder()
        .update(BulkOperation)
        .set({
          status: errorCode ? BulkOperationStatus.FAILED : BulkOperationStatus.COMPLETED,
          errorCode,
          completedAt: now,
          expiresAt: new Date(now.getTime() + this.config.bulk.fileTtlSeconds * 1000),
          objectCount: op.objectCount,
          rootObjectCount: op.rootObjectCount,
          fileSize: op.fileSize,
          leaseOwner: null,
          leaseUntil: null,
        })
        .where('id = :id AND status = :r AND lease_owner = :owner', { id: op.id, r: BulkOperationStatus.RUNNING, owner })
        .execute();
      if (!moved.affected) return false;
      await m.getRepository(BulkTaskRow).delete({ operationId: op.id });
      const employeeId = (JSON.parse(op.claims) as BulkClaims).employeeId ?? null;
      await finished(m, null, { operationId: op.id, accountId: op.accountId, employeeId }, errorCode ? BulkOperationStatus.FAILED : BulkOperationStatus.COMPLETED, errorCode);
      return true;
    });
  }

  /**
   * Extends a running job's lease; false when it is no longer ours (canceled, or taken over after
   * the lease lapsed): the runner then stops before writing anything more to the file.
   */
  async renewLease(id: string, owner: string): Promise<boolean> {
    const moved = await this.repo()
      .createQueryBuilder()
      .update()
      .set({ leaseUntil: this.leaseEnd() })
      .where('id = :id AND status = :r AND lease_owner = :owner', { id, r: BulkOperationStatus.RUNNING, owner })
      .execute();
    return !!moved.affected;
  }

  /** A graceful stop hands its jobs back: claimable at once by another instance (or the next start). */
  async releaseLeases(owner: string): Promise<void> {
    await this.repo()
      .createQueryBuilder()
      .update()
      .set({ leaseOwner: null, leaseUntil: new Date(this.clock().getTime() - 1000) })
      .where('lease_owner = :owner AND status = :r', { owner, r: BulkOperationStatus.RUNNING })
      .execute();
  }

  async status(id: string): Promise<BulkOperationStatus | null> {
    return (await this.repo().findOne({ where: { id }, select: { id: true, status: true } }))?.status ?? null;
  }

  /** The signed URL of an operation's file, valid until the file expires. */
  downloadUrl(op: BulkOperation, kind: 'result' | 'partial'): string {
    return this.files.url(this.config.bulk.publicUrl, op.id, kind, op.expiresAt!);
  }

  /** For downloads: the operation behind a verified URL. */
  byId(id: string): Promise<BulkOperation | null> {
    return this.repo().findOneBy({ id });
  }

  /**
   * Deletes the files of operations past their expiry (COMPLETED ones become EXPIRED) and of
   * canceled ones. Returns how many files went.
   */
  async sweep(): Promise<number> {
    const now = this.clock();
    const due = await this.repo()
      .createQueryBuilder('o')
      .where('o.fileDeletedAt IS NULL')
      .andWhere(new Brackets((w) => w.where('o.expiresAt < :now', { now }).orWhere('o.status = :x', { x: BulkOperationStatus.CANCELED })))
      .limit(100)
      .getMany();
    for (const op of due) {
      await this.files.remove(op.id);
      await this.repo()
        .createQueryBuilder()
        .update()
        .set({ fileDeletedAt: now, ...(op.status === BulkOperationStatus.COMPLETED ? { status: BulkOperationStatus.EXPIRED } : {}) })
        .where('id = :id AND status = :s', { id: op.id, s: op.status })
        .execute();
    }
    return due.length;
  }

  /** Test and operator hook: expire an operation's file now. */
  async expireNow(id: string): Promise<void> {
    await this.repo().update({ id }, { expiresAt: new Date(this.clock().getTime() - 1000) });
  }
}
