import { connect } from '@nats-io/transport-node';

type NatsConnection = Awaited<ReturnType<typeof connect>>;
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, JetStreamApiError, type ConsumerMessages } from '@nats-io/jetstream';
import type { Logger } from '../logger';
import type { EventEnvelope } from './contract';

/**
 * NATS JetStream plumbing. One stream (`EVENTS_STREAM`, default GROUP_EVENTS)
 * holds every subgraph's events under subjects `<stream>.<source>.<type>`;
 * the broker de-duplicates by event id (`Nats-Msg-Id`) within the stream's
 * duplicate window, and consumers are idempotent by (aggregate, version)
 * beyond it.
 */
export interface NatsSettings {
  url: string;
  stream: string;
}

const DUPLICATE_WINDOW_NS = 10 * 60 * 1e9;

export const subjectOf = (stream: string, e: Pick<EventEnvelope, 'source' | 'type'>) => `${stream}.${e.source}.${e.type}`;

/** One lazily opened connection per (process, URL); reconnects by itself once opened. */
const connections = new Map<string, Promise<NatsConnection>>();
export function natsConnection(url: string): Promise<NatsConnection> {
  let c = connections.get(url);
  if (!c) {
    c = connect({ servers: url, maxReconnectAttempts: -1, reconnectTimeWait: 500, timeout: 3000, name: `group-graph-${process.pid}` });
    connections.set(url, c);
    c.then(
      (nc) => void nc.closed().then(() => connections.delete(url)),
      () => connections.delete(url),
    );
  }
  return c;
}

/** Closes the process's connections (tests, shutdown); one that cannot drain (the broker is down: it keeps reconnecting) is closed. */
export async function closeNatsConnections(): Promise<void> {
  const all = [...connections.values()];
  connections.clear();
  await Promise.all(all.map((c) => c.then((nc) => nc.drain().catch(() => nc.close())).catch(() => undefined)));
}

const ensured = new Set<string>();
/** Creates the stream if it does not exist (idempotent; safe from several processes). */
export async function ensureStream(s: NatsSettings): Promise<void> {
  const key = `${s.url}|${s.stream}`;
  if (ensured.has(key)) return;
  const jsm = await jetstreamManager(await natsConnection(s.url));
  try {
    await jsm.streams.info(s.stream);
  } catch (e) {
    if (!(e instanceof JetStreamApiError)) throw e;
    try {
      await jsm.streams.add({ name: s.stream, subjects: [`${s.stream}.>`], duplicate_window: DUPLICATE_WINDOW_NS });
    } catch (again) {
      // Another process created it at the same time.
      await jsm.streams.info(s.stream).catch(() => {
        throw again;
      });
    }
  }
  ensured.add(key);
}

/** Deletes a stream and its consumers, if it exists (tests' own streams). */
export async function deleteStream(s: NatsSettings): Promise<void> {
  ensured.delete(`${s.url}|${s.stream}`);
  const jsm = await jetstreamManager(await natsConnection(s.url));
  await jsm.streams.delete(s.stream).catch((e) => {
    if (!(e instanceof JetStreamApiError)) throw e;
  });
}

/** Publishes one event; true when the broker stored it, false when it recognised a duplicate. */
export async function publishEvent(s: NatsSettings, e: EventEnvelope): Promise<boolean> {
  await ensureStream(s);
  const js = jetstream(await natsConnection(s.url));
  const ack = await js.publish(subjectOf(s.stream, e), JSON.stringify(e), { msgID: e.id, timeout: 5000 });
  return !ack.duplicate;
}

export interface NatsSubscription {
  stop(): Promise<void>;
}

/**
 * Runs `handle` for each event under `subject` (a `<stream>.<source>.>` pattern).
 * `durable`: a named consumer shared by every instance (each event goes to one of them), acknowledged
 * after `handle` resolves and redelivered (after a short delay) when it throws.
 * One message in flight per durable consumer (max_ack_pending 1): events are applied in stream order, so
 * an aggregate's versions arrive in order whichever instance takes them.
 * Without `durable`: this process alone, from now on (used for revocations, which every process needs).
 */
export async function subscribeEvents(
  s: NatsSettings,
  opts: { durable?: string; /** One subject pattern (`<stream>.<source>.>`); servers before 2.10 take one filter only. */ subject: string },
  handle: (e: EventEnvelope) => Promise<void>,
  log?: Logger,
): Promise<NatsSubscription> {
  await ensureStream(s);
  const nc = await natsConnection(s.url);
  const js = jetstream(nc);
  let consumer;
  if (opts.durable) {
    const jsm = await jetstreamManager(nc);
    const config = {
      durable_name: opts.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: opts.subject,
      ack_wait: 30e9,
      max_ack_pending: 1,
    };
    try {
      await jsm.consumers.info(s.stream, opts.durable);
    } catch {
      await jsm.consumers.add(s.stream, config).catch(async (e) => {
        // Created by another instance meanwhile.
        await jsm.consumers.info(s.stream, opts.durable!).catch(() => {
          throw e;
        });
      });
    }
    consumer = await js.consumers.get(s.stream, opts.durable);
  } else {
    consumer = await js.consumers.get(s.stream, { filter_subjects: opts.subject, deliver_policy: DeliverPolicy.New });
  }
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 200 });
  const done = (async () => {
    for await (const m of messages) {
      try {
        await handle(JSON.parse(m.string()) as EventEnvelope);
        if (opts.durable) m.ack();
      } catch (e) {
        log?.warn({ err: (e as Error).message, subject: m.subject }, 'event not applied; redelivered later');
        if (opts.durable) m.nak(500);
      }
    }
  })();
  return {
    async stop() {
      await messages.close().catch(() => undefined);
      await done.catch(() => undefined);
    },
  };
}
