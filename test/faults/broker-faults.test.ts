import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { closeNatsConnections, DEMO_SEGMENTS, EventApplied, EventCursor, startDurableConsumer, type AuthConfig, type ConsumerSpec, type RunningConsumer } from '@group/shared';
import { build, ProcessGraph, report, startProcessGraph, until } from '../support/processes';

/**
 * Issue 21, the broker killed mid-stream: customer-service (SQLite, its relay) and marketing (its
 * customer projection) run as processes against a nats-server of this test's own (its own port
 * and store directory; the shared broker on 4222 is never touched). A stream of customer creates
 * and updates goes through the gateway; nats-server is SIGKILLed in the middle, the changes go on
 * while it is down (the outbox holds their events), and it is restarted on the same port and store.
 * Then every event must be applied exactly once: marketing's projection equals customer-service's
 * customers, and a witness durable consumer (this process, the shared consumer code) counted each
 * (customer, version) once. No timed assertion: convergence is awaited with a generous deadline
 * and the time it took is printed.
 */
const NATS_SERVER = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const CUSTOMERS = 30;
const UPDATES = 2; // per customer: versions 1..3
/** publishEvent's timeout (nats.ts). */
const PUBLISH_TIMEOUT_MS = 5000;
const STREAM = `FAULT_${randomBytes(4).toString('hex')}`;

/** A free port below the ephemeral range (see processes.ts). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const free = await new Promise<boolean>((r) => {
      const s = createServer()
        .once('error', () => r(false))
        .listen(port, '127.0.0.1', () => s.close(() => r(true)));
    });
    if (free) return port;
  }
}

/** nats-server with JetStream on `port`, its store in `dir`; resolves once it accepts connections. */
async function startNats(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
  await until(
    () =>
      new Promise<true | undefined>((resolve) => {
        if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}`);
        const s = tcpConnect(port, '127.0.0.1')
          .once('data', () => (s.destroy(), resolve(true))) // its INFO line
          .once('error', () => resolve(undefined));
      }),
    20_000,
    'nats-server to accept connections',
  );
  return child;
}

function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGKILL');
  return exited;
}

describe('fault: the NATS broker killed and restarted mid-stream', () => {
  const storeDir = mkdtempSync(join(tmpdir(), 'gg-nats-'));
  const witnessFile = join(storeDir, '..', `gg-witness-${randomBytes(4).toString('hex')}.sqlite`);
  let port: number;
  let natsUrl: string;
  let nats: ChildProcess | undefined;
  let g: ProcessGraph | undefined;
  let witnessDs: DataSource | undefined;
  let witness: RunningConsumer | undefined;

  beforeAll(async () => {
    build();
    port = await freePort();
    natsUrl = `nats://127.0.0.1:${port}`;
    nats = await startNats(port, storeDir);
    g = await startProcessGraph({ env: { EVENTS_ENABLED: 'true', EVENTS_NATS_URL: natsUrl, EVENTS_STREAM: STREAM, EVENTS_RELAY_MS: '50' } });
  }, 300_000);
  afterAll(async () => {
    await witness?.stop();
    await closeNatsConnections();
    await witnessDs?.destroy();
    await g?.stop();
    if (nats) await killHard(nats);
    rmSync(storeDir, { recursive: true, force: true });
    rmSync(witnessFile, { force: true });
  });

  const sqlite = <T>(name: string, sql: string): T[] => {
    const db = new Database(join(g!.dir, `${name}.sqlite`), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };

  it('0 lost and 0 doubly applied events: the outbox holds them while the broker is down, relay and consumers reconnect by themselves', async () => {
    // The witness: a durable consumer of this process counting each (customer, version) it applies, in its own database.
    witnessDs = await new DataSource({ type: 'better-sqlite3', database: witnessFile, entities: [EventApplied, EventCursor], synchronize: true }).initialize();
    const spec: ConsumerSpec = {
      name: 'fault_witness',
      types: ['CustomerCreated', 'CustomerUpdated'],
      apply: async (m, e) => {
        const key = `${e.aggregateId}:${e.aggregateVersion}`;
        const row = await m.findOneBy(EventCursor, { name: key });
        if (row) await m.update(EventCursor, { name: key }, { position: row.position + 1 });
        else await m.insert(EventCursor, { name: key, position: 1 });
      },
    };
    witness = await startDurableConsumer(witnessDs, spec, { nats: { url: natsUrl, stream: STREAM }, producerUrls: {}, auth: {} as AuthConfig, service: 'fault-test', pollMs: 100 });

    const token = await g!.login('head.resi@example.com');
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const r = await fetch(g!.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await r.json()) as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };

    // The stream: each customer created then updated twice; the broker dies after a third of them and
    // comes back after two thirds (counted in changes, not in time).
    const total = CUSTOMERS * (1 + UPDATES);
    const killAt = Math.floor(total / 3);
    const restartAt = Math.floor((2 * total) / 3);
    const ids: string[] = [];
    let changes = 0;
    let heldWhileDown = 0;
    let downAt = 0;
    let upAt = 0;
    const step = async () => {
      changes++;
      if (changes === killAt) {
        await killHard(nats!);
        downAt = Date.now();
      }
      if (changes === restartAt) {
        // Down at least longer than a publish's 5 s timeout, so that the relay's passes fail outright (not only wait).
        await new Promise((r) => setTimeout(r, Math.max(0, downAt + PUBLISH_TIMEOUT_MS + 1000 - Date.now())));
        // The outbox held the events of the changes made while the broker was down.
        [{ n: heldWhileDown }] = sqlite<{ n: number }>('customer-service', 'SELECT COUNT(*) AS n FROM outbox_event WHERE position IS NULL');
        nats = await startNats(port, storeDir);
        upAt = Date.now();
      }
    };
    for (let i = 0; i < CUSTOMERS; i++) {
      const c = await gql('mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id version } }', {
        i: { name: `断线-${i}`, kind: 'INDIVIDUAL', segmentId: RESI.id },
      });
      ids.push(c.createCustomer.id);
      await step();
      let version = c.createCustomer.version as number;
      for (let u = 1; u <= UPDATES; u++) {
        const r = await gql('mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { version } }', {
          i: { id: c.createCustomer.id, expectedVersion: version, name: `断线-${i}-${u}` },
        });
        version = r.updateCustomer.version;
        await step();
      }
    }
    const producedAt = Date.now();

    const inList = ids.map((id) => `'${id}'`).join(',');
    const source = () =>
      sqlite<{ id: string; version: number; segment_id: string }>('customer-service', `SELECT id, version, segment_id FROM customer WHERE id IN (${inList}) ORDER BY id`);
    const projection = () =>
      sqlite<{ id: string; version: number; segment_id: string }>(
        'marketing',
        `SELECT customer_id AS id, customer_version AS version, segment_id FROM customer_profile WHERE customer_id IN (${inList}) ORDER BY customer_id`,
      );
    const counted = async () => witnessDs!.query<{ name: string; position: number }[]>('SELECT name, position FROM event_cursor');
    const expected = source();
    expect(expected).toHaveLength(CUSTOMERS);
    expect(expected.every((c) => Number(c.version) === 1 + UPDATES)).toBe(true);

    let marketingAt = 0;
    let witnessAt = 0;
    await until(
      async () => {
        if (!marketingAt && JSON.stringify(projection()) === JSON.stringify(expected)) marketingAt = Date.now();
        if (!witnessAt && (await counted()).length === total) witnessAt = Date.now();
        return marketingAt && witnessAt ? true : undefined;
      },
      180_000,
      'marketing and the witness to apply every event',
    );
    const convergedAt = Date.now();
    // Let any redelivery (a message in flight at the kill comes back after the 30 s ack wait) show up as a double.
    await new Promise((r) => setTimeout(r, 1000));

    const counts = await counted();
    const applied = sqlite<{ aggregate_id: string; version: number }>(
      'marketing',
      `SELECT aggregate_id, version FROM event_applied WHERE consumer = 'marketing-customer-projection' AND aggregate_id IN (${inList}) ORDER BY aggregate_id`,
    );
    const unpositioned = sqlite<{ n: number }>('customer-service', 'SELECT COUNT(*) AS n FROM outbox_event WHERE position IS NULL')[0].n;
    report(`NATS broker SIGKILLed mid-stream (${CUSTOMERS} customers x ${1 + UPDATES} versions = ${total} events, relay 50 ms)`, {
      'killed after change': `${killAt} of ${total}`,
      'restarted after change': `${restartAt} of ${total}`,
      'broker down for': `${upAt - downAt} ms`,
      'events held in the outbox when restarted': heldWhileDown,
      'last change to convergence': `${convergedAt - producedAt} ms`,
      'restart to convergence': `${convergedAt - upAt} ms`,
      'restart to marketing converged': `${marketingAt - upAt} ms`,
      'restart to witness converged': `${witnessAt - upAt} ms`,
      'witness: (customer, version) applied': counts.length,
      'witness: applied more than once': counts.filter((c) => Number(c.position) !== 1).length,
    });
    expect(heldWhileDown).toBeGreaterThan(0); // the broker's absence was real: the relay could not deliver
    expect(projection()).toEqual(expected); // 0 lost: marketing's projection equals the source
    expect(applied.map((a) => [a.aggregate_id, Number(a.version)])).toEqual(expected.map((c) => [c.id, Number(c.version)]));
    expect(counts).toHaveLength(total); // every (customer, version) applied...
    expect(counts.filter((c) => Number(c.position) !== 1)).toEqual([]); // ...exactly once
    expect(unpositioned).toBe(0); // the outbox is drained
  }, 300_000);
});
