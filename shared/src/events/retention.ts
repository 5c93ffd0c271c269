import type { DataSource } from 'typeorm';
import type { ScheduledJob } from '../jobs/scheduled-jobs';
import { OutboxEvent } from './outbox';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 1000;

/**
 * Deletes delivered outbox rows (the relay gave them a feed position) that
 * occurred before `before`, oldest position first, in batches (each one
 * DELETE). A row the relay has not taken is never deleted, whatever its age,
 * and neither is the newest delivered row (the feed's head, `feedHead`).
 * A feed consumer whose cursor points into the pruned range reads on from the
 * next row still there; anything it missed is repaired by the reconciliation
 * runs (docs/events.md).
 *
 * Consumers' `event_applied` is not pruned: it holds one row per (consumer,
 * aggregate), the latest version applied, which is exactly what idempotency
 * by (aggregate, version) needs (dropping it would let a late redelivery of
 * an older version, e.g. of a deleted customer, be applied again).
 */
export async function pruneOutbox(ds: DataSource, before: Date): Promise<number> {
  const repo = ds.getRepository(OutboxEvent);
  let pruned = 0;
  for (;;) {
    const [head] = await repo.createQueryBuilder('e').select('MAX(e.position)', 'p').getRawMany<{ p: number | string | null }>();
    if (head?.p == null) return pruned;
    const rows = await repo
      .createQueryBuilder('e')
      .select('e.seq', 'seq')
      .where('e.position < :head AND e.occurredAt < :before', { head: Number(head.p), before })
      .orderBy('e.position', 'ASC')
      .limit(BATCH)
      .getRawMany<{ seq: number }>();
    if (!rows.length) return pruned;
    await repo.delete(rows.map((r) => Number(r.seq)));
    pruned += rows.length;
    if (rows.length < BATCH) return pruned;
  }
}

/** The scheduled job (every subgraph, once per tick across instances): prunes what is older than `days`. */
export function outboxRetentionJob(ds: DataSource, days: number, now: () => number = Date.now): ScheduledJob {
  return { name: 'outbox-retention', run: () => pruneOutbox(ds, new Date(now() - days * DAY_MS)) };
}
