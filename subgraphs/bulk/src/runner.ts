import { randomUUID } from 'node:crypto';
import { fdatasyncSync, promises as fs, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { Logger, Role, signToken, Viewer } from '@group/shared';
import type { Capability } from '@group/shared';
import { BulkClaims, BulkOperation, BulkOperationErrorCode, BulkOperationStatus, BulkTask } from './bulk-operation.entity';
import type { BulkOperationService } from './bulk.service';
import { batchSizeFor, BulkPlan, ConnectionValue, continuationPage, flattenNode, PageRequest, PageSizes, pageSizesFor, rootPage } from './query-plan';

class JobFailed extends Error {
  constructor(
    readonly code: BulkOperationErrorCode,
    message: string,
  ) {
    super(message);
  }
}
class Stopped extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs bulk operations: claims one (a conditional UPDATE, so each runs once
 * whatever the number of instances), then fetches its pages THROUGH THE GRAPH
 * (the gateway's /graphql) with short-lived tokens carrying the submitter's
 * claims, so segment isolation, sensitive fields and revocations apply as to
 * the same query paged by hand. After each page: append its lines at the
 * committed size, fsync, then commit the pending pages, counts and size in one transaction.
 */
export class BulkRunner {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly jobs = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private ticking?: Promise<void>;

  constructor(
    private readonly service: BulkOperationService,
    private readonly log: Logger,
  ) {}

  private get settings() {
    return this.service.config.bulk;
  }

  start(): this {
    if (this.settings.pollMs > 0) {
      this.timer = setInterval(() => void this.tick(), this.settings.pollMs);
      this.timer.unref();
    }
    return this;
  }

  /** Sweeps expired files and starts what it can claim (up to BULK_CONCURRENCY jobs). */
  tick(): Promise<void> {
    return (this.ticking ??= (async () => {
      try {
        await this.service.sweep();
        if (this.stopping) return;
        const free = this.settings.concurrency - this.jobs.size;
        if (free <= 0) return;
        for (const id of await this.service.claimable(free * 2)) {
          if (this.jobs.size >= this.settings.concurrency || this.stopping) break;
          const op = await this.service.claim(id, this.owner);
          if (!op) continue;
          const job = this.run(op).finally(() => this.jobs.delete(job));
          this.jobs.add(job);
        }
      } catch (e) {
        this.log.error({ err: (e as Error).message }, 'bulk runner tick failed');
      }
    })().finally(() => (this.ticking = undefined)));
  }

  /** Tests: claim and run until nothing is left to do. */
  async drain(): Promise<void> {
    do {
      await this.tick();
      await Promise.all([...this.jobs]);
    } while ((await this.service.claimable(1)).length && !this.stopping);
  }

  /**
   * Stops after the page in flight. `release` (a graceful stop) hands the leases back so that
   * another instance resumes at once; without it (a crash) they lapse after BULK_LEASE_MS.
   */
  async stop(opts: { release?: boolean } = { release: true }): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.ticking;
    await Promise.all([...this.jobs]);
    if (opts.release) await this.service.releaseLeases(this.owner);
  }

  private async run(op: BulkOperation): Promise<void> {
    const log = this.log.child({ bulkOperation: op.id });
    let plan: BulkPlan;
    let fd: fs.FileHandle | undefined;
    let heartbeat: NodeJS.Timeout | undefined;
    try {
      plan = this.service.plan(op.query);
      await this.service.files.ensureDir();
      const path = this.service.files.pathOf(op.id);
      await (await fs.open(path, 'a')).close();
      const file = (fd = await fs.open(path, 'r+'));
      // Whatever a crashed runner wrote after its last commit goes: the page is fetched again.
      await file.truncate(op.fileSize);
      const tasks = await this.service.pendingTasks(op.id);
      // The lease is kept alive while a slow page is fetched (so no other instance takes the job
      // over), and checked right before the file is written (a runner that lost it writes nothing).
      let leaseLost = false;
      heartbeat = setInterval(
        () => {
          void this.service.renewLease(op.id, this.owner).then(
            (ok) => (leaseLost ||= !ok),
            () => undefined,
          );
        },
        Math.max(500, Math.floor(this.settings.leaseMs / 3)),
      );
      const sizes = new Map<number, { sizes: PageSizes; batch: number }>();
      const session = new Session(this.service, op);
      let requests = 0;
      while (tasks.length) {
        if (this.stopping) throw new Stopped();
        const top = tasks[tasks.length - 1];
        let cfg = sizes.get(top.conn);
        if (!cfg) {
          const schema = this.service.publicSchema();
          // Pages of a bulk operation run under the bulk cost limit (the token's `bulk` claim, see bearer()).
          const maxCost = this.service.config.limits.bulkMaxCost;
          const build = (s: PageSizes) => (top.conn === 0 ? rootPage(plan, null, s) : continuationPage(plan, [top], s));
          const found = pageSizesFor(schema, build, maxCost, this.settings.maxPageSize);
          cfg = { sizes: found, batch: top.conn === 0 ? 1 : batchSizeFor(schema, plan, top, found, { ...this.service.config.limits, maxCost }) };
          sizes.set(top.conn, cfg);
        }
        const batch: BulkTask[] = [];
        let fromSeq = top.seq;
        while (batch.length < cfg.batch && tasks.length && tasks[tasks.length - 1].conn === top.conn) {
          const t = tasks.pop()!;
          fromSeq = t.seq;
          batch.push(t);
        }
        const req = top.conn === 0 ? rootPage(plan, top.after, cfg.sizes) : continuationPage(plan, batch, cfg.sizes);
        const fetchStarted = Date.now();
        const data = await session.fetchPage(req, () => this.stopping);
        const fetchMs = Date.now() - fetchStarted;
        requests++;

        const lines: string[] = [];
        const continuations: BulkTask[] = [];
        const children: BulkTask[] = [];
        let roots = 0;
        const read = (value: ConnectionValue | null | undefined, conn: number, on: string | null, parent: string | null, isPageOwner: boolean) => {
          if (!value) return;
          if (value.pageInfo?.hasNextPage && value.pageInfo.endCursor) (isPageOwner ? continuations : children).push({ conn, on, parent, after: value.pageInfo.endCursor });
          for (const edge of value.edges ?? []) {
            const node = edge?.node;
            if (!node) continue;
            const { line, nested } = flattenNode(node, plan.connections[conn].node);
            if (parent !== null) line.__parentId = parent;
            lines.push(JSON.stringify(line));
            if (conn === 0) roots++;
            for (const n of nested) read(n.value, n.conn, n.on, node.id as string, false);
          }
        };
        batch.forEach((t, i) => read(req.locate(data, i) as ConnectionValue | null, t.conn, t.on, t.parent, true));
        // Depth first: the children's further pages before this list's next page (a bounded stack).
        const pushed = [...continuations.reverse(), ...children.sort((a, b) => b.conn - a.conn)].map((t, i) => ({ ...t, seq: fromSeq + i }));
        tasks.push(...pushed);

        if (leaseLost) return await this.lost(op, log);
        const buf = lines.length ? Buffer.from(lines.join('\n') + '\n') : null;
        // Written inside the commit's transaction, after its conditional UPDATE of the job's row:
        // no other instance can take the job over between the check and the write.
        // (Synchronous: the transaction never waits on the event loop, which another SQLite
        // connection of this process may be blocking while it waits for this one's lock.)
        const committed = await this.service.commitPage(op, this.owner, fromSeq, pushed, async () => {
          if (!buf) return;
          writeSync(file.fd, buf, 0, buf.length, op.fileSize);
          fdatasyncSync(file.fd);
          op.fileSize += buf.length;
          op.objectCount += lines.length;
          op.rootObjectCount += roots;
        });
        if (!committed) return await this.lost(op, log);
        log.debug({ conn: top.conn, parents: batch.length, lines: lines.length, fetchMs, pageMs: Date.now() - fetchStarted, pending: tasks.length }, 'bulk page');
        if (op.objectCount > this.settings.maxObjects) throw new JobFailed(BulkOperationErrorCode.OBJECT_LIMIT_EXCEEDED, `more than ${this.settings.maxObjects} objects`);
      }
      if (!(await this.service.finish(op, this.owner, null))) return await this.lost(op, log);
      log.info({ objects: op.objectCount, bytes: op.fileSize, requests }, 'bulk operation completed');
    } catch (e) {
      if (e instanceof Stopped) return;
      const code = e instanceof JobFailed ? e.code : BulkOperationErrorCode.INTERNAL_SERVER_ERROR;
      log.warn({ code, err: (e as Error).message }, 'bulk operation failed');
      await this.service.finish(op, this.owner, code).catch((err) => log.error({ err: (err as Error).message }, 'could not record the failure'));
    } finally {
      clearInterval(heartbeat);
      await fd?.close().catch(() => undefined);
    }
  }

  /** The commit was refused: canceled (delete the file) or taken over by another instance (leave it). */
  private async lost(op: BulkOperation, log: Logger): Promise<void> {
    const status = await this.service.status(op.id);
    if (status === BulkOperationStatus.CANCELED) await this.service.files.remove(op.id);
    log.info({ status }, 'bulk operation stopped');
  }
}

/** One job's requests to the graph, as its submitter. */
class Session {
  private token?: { value: string; renewAt: number };

  constructor(
    private readonly service: BulkOperationService,
    private readonly op: BulkOperation,
  ) {}

  /**
   * A short-lived token with the submitter's claims, `iat` at submission: the gateway and every
   * subgraph verify it as any token, and refuse it once the account's tokens are revoked.
   */
  private async bearer(): Promise<string> {
    if (this.token && Date.now() < this.token.renewAt) return this.token.value;
    const claims: BulkClaims = JSON.parse(this.op.claims);
    const viewer: Viewer = {
      accountId: this.op.accountId,
      role: claims.role as Role,
      segmentIds: claims.segmentIds,
      employeeId: claims.employeeId,
      capabilities: claims.capabilities as Capability[],
      bulkOperationId: this.op.id,
    };
    const ttl = 300;
    const { token } = await signToken({ ...this.service.config.auth, tokenTtlSeconds: ttl }, viewer, claims.issuedAtMs ?? this.op.claimsIssuedAt * 1000);
    this.token = { value: token, renewAt: Date.now() + (ttl - 60) * 1000 };
    return token;
  }

  /**
   * The page's data. Field errors of access (a sensitive field: null with FORBIDDEN) leave the
   * data as the graph gives it. Refused tokens fail the job (ACCESS_DENIED); rate limits are waited
   * out; anything else (unavailable, partial data) is retried five times (then INTERNAL_SERVER_ERROR).
   */
  async fetchPage(req: PageRequest, stopping: () => boolean): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt++) {
      if (stopping()) throw new Stopped();
      let status = 0;
      let body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } | undefined;
      let retryAfter = 0;
      try {
        const res = await fetch(this.service.config.bulk.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.bearer()}`, 'apollo-require-preflight': 'true', 'x-request-id': `bulk-${this.op.id}` },
          body: JSON.stringify({ query: req.text, variables: req.variables, operationName: 'BulkPage' }),
          // Well inside the lease (kept alive meanwhile), so a hung request cannot stall a job for long.
          signal: AbortSignal.timeout(Math.min(120_000, this.service.config.bulk.leaseMs)),
        });
        status = res.status;
        retryAfter = Number(res.headers.get('retry-after') ?? 0);
        body = (await res.json().catch(() => undefined)) as typeof body;
      } catch {
        status = 0;
      }
      const codes = (body?.errors ?? []).map((e) => e.extensions?.code);
      if (status === 401 || codes.includes('UNAUTHENTICATED') || (!body?.data && codes.includes('FORBIDDEN'))) {
        throw new JobFailed(BulkOperationErrorCode.ACCESS_DENIED, `the graph refused the submitter's access (${status})`);
      }
      if (status === 429) {
        await sleep(Math.max(1, retryAfter) * 1000);
        attempt--;
        continue;
      }
      // FORBIDDEN (a sensitive field) and NOT_FOUND are answers, as for a client paging by hand; any
      // other error (a subgraph unavailable, a timeout) would leave holes: the page is fetched again.
      const holes = codes.filter((c) => c !== 'FORBIDDEN' && c !== 'NOT_FOUND');
      if (body?.data && !holes.length) return body.data;
      if (attempt >= 5 || (status >= 400 && status < 500) || holes.includes('BAD_USER_INPUT')) {
        throw new JobFailed(BulkOperationErrorCode.INTERNAL_SERVER_ERROR, `the graph answered ${status}: ${JSON.stringify(body?.errors ?? []).slice(0, 500)}`);
      }
      await sleep(this.service.config.bulk.retryBaseMs * 2 ** attempt);
    }
  }
}
