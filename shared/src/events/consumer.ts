import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../database/transaction';
import { lockForUpdate } from '../database/locks';
import { isUniqueViolation } from '../errors';
import type { Logger } from '../logger';
import { signServiceToken } from '../auth/revocations';
import { createSubgraphFetch } from '../server/subgraph-fetch';
import type { AuthConfig } from '../config/env';
import { EVENT_PRODUCERS, type EventEnvelope, type EventType, type PositionedEvent } from './contract';
import { EventApplied, EventCursor } from './outbox';
import { subscribeEvents, type NatsSettings } from './nats';

export const EVENTS_PATH = '/events';

/**
 * A consumer that changes its own database: `apply` runs in a transaction that
 * also records the (aggregate, version) it applied, so an event delivered
 * twice (a redelivery, a relay that published twice, two instances racing) is
 * applied once, and an older version than the one applied is skipped (payloads
 * carry the whole state). The same code runs behind the HTTP feed and NATS.
 */
export interface ConsumerSpec {
  /** Durable name: the NATS consumer and the row of its state (unique per subgraph and purpose). */
  name: string;
  types: EventType[];
  apply(m: EntityManager, e: EventEnvelope): Promise<void>;
}

export class DurableConsumer {
  constructor(
    private readonly ds: DataSource,
    readonly spec: ConsumerSpec,
  ) {}

  /**
   * Applies the event once; 'duplicate' when this (aggregate, version) or a later one was applied.
   * `cursor`: also moves the pull cursor, in the same transaction (HTTP feed mode).
   */
  async deliver(e: EventEnvelope, cursor?: { name: string; position: number }): Promise<'applied' | 'duplicate' | 'ignored'> {
    const key = { consumer: this.spec.name, aggregateType: e.aggregateType, aggregateId: e.aggregateId };
    return inTransaction(this.ds, async (m) => {
      // Locked first (see locks.ts); a missing row is inserted below, and a concurrent insert fails on the key (redelivered).
      const state = await lockForUpdate(m, EventApplied, key);
      if (cursor) await m.update(EventCursor, { name: cursor.name }, { position: cursor.position });
      if (!this.spec.types.includes(e.type)) return 'ignored';
      if (state && state.version >= e.aggregateVersion) return 'duplicate';
      await this.spec.apply(m, e);
      if (state) await m.update(EventApplied, key, { version: e.aggregateVersion });
      else await m.insert(EventApplied, { ...key, version: e.aggregateVersion });
      return 'applied';
    });
  }
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

/** Where a consumer reads: the producer's HTTP feed (default), or NATS JetStream when configured. */
export interface EventTransport {
  nats?: NatsSettings;
  /** Producer name -> its GraphQL URL (the feed is at /events next to /graphql). */
  producerUrls: Record<string, string>;
  auth: AuthConfig;
  /** The consuming service (named in its service token). */
  service: string;
  /** Feed poll interval (HTTP mode). */
  pollMs: number;
  log?: Logger;
}

const feedUrl = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, EVENTS_PATH);

/** Feed polls: every few hundred ms per producer, so over kept-alive connections (subgraph-fetch.ts). */
const feedFetch = createSubgraphFetch(5000);

/** Reads one page of a producer's feed. */
export async function fetchFeed(t: EventTransport, producer: string, after: number | 'head', types: string[], limit = 200): Promise<{ events: PositionedEvent[]; last: number }> {
  const url = new URL(feedUrl(t.producerUrls[producer]));
  url.searchParams.set('after', String(after));
  url.searchParams.set('limit', String(limit));
  if (types.length) url.searchParams.set('types', types.join(','));
  const res = await feedFetch(url.href, { method: 'GET', headers: { authorization: `Bearer ${await signServiceToken(t.auth, t.service)}` } });
  if (!res.ok) throw new Error(`${url.pathname} of ${producer} answered ${res.status}`);
  return (await res.json()) as { events: PositionedEvent[]; last: number };
}

function producersOf(types: EventType[]): string[] {
  return [...new Set(types.map((t) => EVENT_PRODUCERS[t]))];
}

/** Polls until stopped; one pass at a time. */
function poller(pollMs: number, pass: (stopped: () => boolean) => Promise<void>, log: Logger | undefined, what: string): RunningConsumer {
  let running: Promise<void> | undefined;
  let stopped = false;
  let failing = false;
  const tick = () => {
    running ??= pass(() => stopped)
      .then(
        () => {
          if (failing) log?.info({ consumer: what }, 'event consumer reads again');
          failing = false;
        },
        (e) => {
          if (!failing) log?.warn({ consumer: what, err: (e as Error).message }, 'event consumer cannot read its feed (retrying)');
          failing = true;
        },
      )
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, pollMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** Starts a durable consumer on its transport: a durable JetStream consumer, or a cursor in each producer's feed. */
export async function startDurableConsumer(ds: DataSource, spec: ConsumerSpec, t: EventTransport): Promise<RunningConsumer> {
  const consumer = new DurableConsumer(ds, spec);
  const producers = producersOf(spec.types);
  if (t.nats) {
    const nats = t.nats;
    const subs = await Promise.all(
      producers.map((producer) =>
        subscribeEvents(
          nats,
          { durable: `${spec.name}_${producer}`, subject: `${nats.stream}.${producer}.>` },
          async (e) => {
            if (spec.types.includes(e.type)) await consumer.deliver(e);
          },
          t.log,
        ),
      ),
    );
    return { stop: async () => void (await Promise.all(subs.map((s) => s.stop()))) };
  }
  const pollers = producers.map((producer) => {
    const cursorName = `${spec.name}@${producer}`;
    let cursorReady = false;
    return poller(
      t.pollMs,
      async (stopped) => {
        if (!cursorReady) cursorReady = await ensureCursor(ds, cursorName);
        while (!stopped()) {
          const cursor = (await ds.getRepository(EventCursor).findOneBy({ name: cursorName }))!;
          const page = await fetchFeed(t, producer, cursor.position, spec.types);
          for (const e of page.events) {
            if (stopped()) return;
            await consumer.deliver(e, { name: cursorName, position: e.position });
          }
          if (page.last > cursor.position && (!page.events.length || page.events[page.events.length - 1].position < page.last)) {
            await ds.getRepository(EventCursor).update({ name: cursorName }, { position: page.last });
          }
          if (page.last === cursor.position) return;
        }
      },
      t.log,
      spec.name,
    );
  });
  return { stop: async () => void (await Promise.all(pollers.map((p) => p.stop()))) };
}

async function ensureCursor(ds: DataSource, name: string): Promise<true> {
  if (await ds.getRepository(EventCursor).existsBy({ name })) return true;
  await ds
    .getRepository(EventCursor)
    .insert({ name, position: 0 })
    .catch((e) => {
      if (!isUniqueViolation(e)) throw e;
    });
  return true;
}

/**
 * A consumer without a database (the gateway, the in-memory revocation lists): every process gets every
 * event from the moment it starts (NATS: its own ephemeral consumer; HTTP: the feed from its head).
 * `handle` must be idempotent (it is given each event at least once).
 */
export async function startLiveConsumer(types: EventType[], t: EventTransport, handle: (e: EventEnvelope) => void | Promise<void>): Promise<RunningConsumer> {
  if (t.nats) {
    const nats = t.nats;
    const subs = await Promise.all(
      producersOf(types).map((producer) =>
        subscribeEvents(
          nats,
          { subject: `${nats.stream}.${producer}.>` },
          async (e) => {
            if (types.includes(e.type)) await handle(e);
          },
          t.log,
        ),
      ),
    );
    return { stop: async () => void (await Promise.all(subs.map((s) => s.stop()))) };
  }
  const pollers = producersOf(types).map((producer) => {
    let position: number | 'head' = 'head';
    return poller(
      t.pollMs,
      async (stopped) => {
        while (!stopped()) {
          const page = await fetchFeed(t, producer, position, types);
          for (const e of page.events) await handle(e);
          const moved = page.last !== position;
          position = page.last;
          if (!moved || !page.events.length) return;
        }
      },
      t.log,
      `live:${producer}`,
    );
  });
  return { stop: async () => void (await Promise.all(pollers.map((p) => p.stop()))) };
}
