import { In, IsNull, type DataSource } from 'typeorm';
import { inTransaction } from '../database/transaction';
import { lockForUpdate } from '../database/locks';
import { isUniqueViolation } from '../errors';
import type { Logger } from '../logger';
import { EventCursor, OutboxEvent, envelopeOf } from './outbox';
import type { PositionedEvent } from './contract';
import { publishEvent, type NatsSettings } from './nats';

const RELAY = 'outbox-relay';
const BATCH = 200;

/**
 * Moves committed outbox rows into the delivery order: takes the rows without
 * a position in insertion order, publishes them to NATS JetStream when
 * configured (de-duplicated by event id, so a relay that crashes after
 * publishing and before recording it publishes again harmlessly), then gives
 * them the next positions. One relay at a time per database assigns positions
 * (the lock on its cursor row), whichever instance runs it. The subgraph's HTTP
 * feed serves the positioned rows (feed.ts) in both modes.
 *
 * The broker is called outside any transaction: a broker that is down or slow
 * must not hold the database (on SQLite every transaction of the process waits
 * behind an open one, so the subgraph's own changes would stall until the
 * publish timed out). Only rows this pass published get a position; a row
 * that committed late is published and positioned by the next pass.
 */
export class OutboxRelay {
  constructor(
    private readonly ds: DataSource,
    private readonly source: string,
    private readonly nats?: NatsSettings,
  ) {}

  /** One pass; returns how many events it delivered. */
  async run(): Promise<number> {
    await this.ensureCursor();
    let published: number[] | undefined;
    if (this.nats) {
      const rows = await this.ds.getRepository(OutboxEvent).find({ where: { position: IsNull() }, order: { seq: 'ASC' }, take: BATCH });
      if (!rows.length) return 0;
      // In order, each acknowledged before the next: the stream holds an aggregate's versions in order.
      for (const row of rows) await publishEvent(this.nats, envelopeOf(row, this.source));
      published = rows.map((r) => r.seq);
    }
    return inTransaction(this.ds, async (m) => {
      const cursor = (await lockForUpdate(m, EventCursor, { name: RELAY }))!;
      // Another instance's relay may have positioned some of them meanwhile (it published them too).
      const rows = await m.find(OutboxEvent, { where: { position: IsNull(), ...(published ? { seq: In(published) } : {}) }, order: { seq: 'ASC' }, take: BATCH });
      if (!rows.length) return 0;
      let position = cursor.position;
      for (const row of rows) {
        row.position = ++position;
        await m.update(OutboxEvent, { seq: row.seq }, { position: row.position });
      }
      await m.update(EventCursor, { name: RELAY }, { position });
      return rows.length;
    });
  }

  private cursorReady = false;

  private async ensureCursor(): Promise<void> {
    if (this.cursorReady) return;
    if (await this.ds.getRepository(EventCursor).existsBy({ name: RELAY })) return void (this.cursorReady = true);
    await this.ds
      .getRepository(EventCursor)
      .insert({ name: RELAY, position: 0 })
      .catch((e) => {
        if (!isUniqueViolation(e)) throw e;
      });
    this.cursorReady = true;
  }

  /** Runs every `intervalMs` until stopped (a failed pass is logged and retried). */
  start(intervalMs: number, log?: Logger): { stop(): Promise<void> } {
    let running: Promise<unknown> | undefined;
    let failing = false;
    const tick = () => {
      running ??= this.run()
        .then(
          async (n) => {
            if (failing) log?.info({}, 'event relay delivers again');
            failing = false;
            if (n === BATCH) setImmediate(tick); // more waiting
          },
          (e) => {
            if (!failing) log?.error({ err: (e as Error).message }, 'event relay failed (retrying)');
            failing = true;
          },
        )
        .finally(() => (running = undefined));
    };
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    return {
      async stop() {
        clearInterval(timer);
        await running;
      },
    };
  }
}

/** The positioned events after `after`, in order (the subgraph's HTTP feed), optionally only some types. */
export async function readFeed(ds: DataSource, source: string, after: number, limit: number, types?: string[]): Promise<{ events: PositionedEvent[]; last: number }> {
  const qb = ds.getRepository(OutboxEvent).createQueryBuilder('e').where('e.position > :after', { after }).orderBy('e.position', 'ASC').take(limit);
  const rows = await qb.getMany();
  const last = rows.length ? rows[rows.length - 1].position! : after;
  const wanted = types?.length ? rows.filter((r) => types.includes(r.type)) : rows;
  return { events: wanted.map((r) => envelopeOf(r, source)), last };
}

/** The last position of the feed (a process that only needs what happens from now on starts there). */
export async function feedHead(ds: DataSource): Promise<number> {
  const [row] = await ds.query('SELECT MAX(position) AS p FROM outbox_event');
  return Number(row?.p ?? 0);
}
