import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  closeNatsConnections,
  deleteStream,
  DEMO_SEGMENTS,
  demoSegmentPersonId,
  DurableConsumer,
  emitEvent,
  ensureStream,
  eventProblems,
  EventCursor,
  EventEnvelope,
  eventTransport,
  inTransaction,
  natsConnection,
  OutboxEvent,
  OutboxRelay,
  readFeed,
  Role,
  startDurableConsumer,
  type ConsumerSpec,
  type Viewer,
} from '@group/shared';
import { startSubgraph, testDatabaseKinds, TestSubgraph } from '@group/shared/testing';
import { customerServiceModule } from '../../subgraphs/customer-service/src/module';
import type { CustomerServiceServices } from '../../subgraphs/customer-service/src/context';
import { Customer, CustomerKind } from '../../subgraphs/customer-service/src/customers/customer.entity';

/**
 * Issue 21: the outbox, the relay and the consumers, on a real database (SQLite and MariaDB) and a real
 * NATS JetStream (TEST_NATS_URL, default nats://127.0.0.1:4222; unreachable = these tests fail).
 * Every test uses its own stream and consumer names, so parallel runs never collide.
 */
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const head: Viewer = { accountId: 'acc-head-resi', employeeId: demoSegmentPersonId('RESI', 'head'), role: Role.SEGMENT_HEAD, segmentIds: [RESI.id] };
const uniq = () => randomBytes(5).toString('hex');

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(testDatabaseKinds())('event outbox, relay and consumers on %s', (kind) => {
  let cs: TestSubgraph<CustomerServiceServices>;
  const outbox = (aggregateId: string) => cs.app.dataSource.getRepository(OutboxEvent).find({ where: { aggregateId }, order: { seq: 'ASC' } });

  beforeAll(async () => {
    cs = await startSubgraph(kind, customerServiceModule, { http: true });
  }, 120_000);
  afterAll(async () => {
    await cs?.stop();
    await closeNatsConnections();
  });

  it('a customer change writes its event in the same transaction; a rolled-back change leaves none', async () => {
    const created = await cs.app.services.customers.create(head, { name: '事件一', kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id });
    const updated = await cs.app.services.customers.update(head, { id: created.id, expectedVersion: 1, name: '事件一改' });
    const rows = await outbox(created.id);
    expect(rows.map((r) => [r.type, r.aggregateVersion, r.segmentId, r.actorAccountId])).toEqual([
      ['CustomerCreated', 1, RESI.id, head.accountId],
      ['CustomerUpdated', updated.version, RESI.id, head.accountId],
    ]);
    expect(JSON.parse(rows[1].payload)).toEqual({ customerId: created.id, name: '事件一改', kind: 'INDIVIDUAL', segmentId: RESI.id, ownerId: null, previousSegmentId: null });
    // A stale update changes nothing and emits nothing.
    await expect(cs.app.services.customers.update(head, { id: created.id, expectedVersion: 1, name: 'stale' })).rejects.toThrow(/changed by someone else/);
    expect(await outbox(created.id)).toHaveLength(2);
    // The change and its event commit or roll back together.
    const id = `rolled-back-${uniq()}`;
    await expect(
      inTransaction(cs.app.dataSource, async (m) => {
        await m.insert(Customer, { id, name: 'x', kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id, ownerId: null, createdAt: new Date(), updatedAt: new Date(), version: 1 });
        await emitEvent(m, {
          type: 'CustomerCreated',
          aggregateId: id,
          aggregateVersion: 1,
          segmentId: RESI.id,
          actor: null,
          payload: { customerId: id, name: 'x', kind: 'INDIVIDUAL', segmentId: RESI.id, ownerId: null },
        });
        throw new Error('the change fails after its event was written');
      }),
    ).rejects.toThrow(/fails/);
    expect(await cs.app.dataSource.getRepository(Customer).existsBy({ id })).toBe(false);
    expect(await outbox(id)).toEqual([]);
  });

  it('an import of customers writes one CustomerCreated per customer in its transaction; a refused import writes none', async () => {
    const before = await cs.app.dataSource.getRepository(OutboxEvent).countBy({ type: 'CustomerCreated' });
    const ref = uniq();
    const csv = (rows: string[][]) => ['ref,name,kind,segment,owner', ...rows.map((r) => r.join(','))].join('\n') + '\n';
    const refused = await cs.app.services.imports.importCustomers(
      head,
      csv([
        [`A${ref}`, 'ok', 'INDIVIDUAL', 'RESI', ''],
        [`B${ref}`, 'bad', 'NOPE', 'RESI', ''],
      ]),
      null,
    );
    expect(refused.committed).toBe(false);
    expect(await cs.app.dataSource.getRepository(OutboxEvent).countBy({ type: 'CustomerCreated' })).toBe(before);
    const done = await cs.app.services.imports.importCustomers(
      head,
      csv([
        [`A${ref}`, '导入一', 'INDIVIDUAL', 'RESI', ''],
        [`B${ref}`, '导入二', 'ORGANIZATION', 'RESI', ''],
      ]),
      null,
    );
    expect(done).toMatchObject({ inserted: 2, committed: true });
    const events = await cs.app.dataSource.getRepository(OutboxEvent).find({ where: { type: 'CustomerCreated' }, order: { seq: 'DESC' }, take: 2 });
    expect(events.map((e) => JSON.parse(e.payload).name).sort()).toEqual(['导入一', '导入二']);
    expect(events.every((e) => e.aggregateVersion === 1 && e.actorAccountId === head.accountId)).toBe(true);
  });

  it('an event that does not match its JSON Schema is refused, and with it the change', async () => {
    const bad = {
      id: '00000000-0000-4000-8000-000000000000',
      type: 'CustomerCreated',
      schemaVersion: 1,
      source: 'x',
      aggregateType: 'Customer',
      aggregateId: 'c',
      aggregateVersion: 1,
      segmentId: null,
      occurredAt: '',
      actor: null,
      payload: { customerId: 'c' },
    };
    expect(eventProblems(bad)).toEqual(expect.arrayContaining(['$.payload.name: required', '$.payload.segmentId: required']));
    await expect(
      inTransaction(cs.app.dataSource, (m) =>
        emitEvent(m, { type: 'CustomerCreated', aggregateId: 'c', aggregateVersion: 1, segmentId: null, actor: null, payload: bad.payload as never }),
      ),
    ).rejects.toThrow(/does not match its schema/);
  });

  it('the relay gives committed rows feed positions in order; a row of a transaction that commits late is delivered after, never skipped', async () => {
    const relay = new OutboxRelay(cs.app.dataSource, 'customer-service');
    await relay.run();
    const start = (await readFeed(cs.app.dataSource, 'customer-service', 0, 1000)).last;
    let releaseLate!: () => void;
    const lateHeld = new Promise<void>((r) => (releaseLate = r));
    let lateWritten!: () => void;
    const lateInserted = new Promise<void>((r) => (lateWritten = r));
    const payload = (id: string) => ({ customerId: id, name: id, kind: 'INDIVIDUAL', segmentId: RESI.id, ownerId: null });
    // SQLite runs transactions one at a time (nothing can commit late there); MariaDB runs them side by side.
    const late =
      kind === 'mariadb'
        ? inTransaction(cs.app.dataSource, async (m) => {
            await emitEvent(m, { type: 'CustomerCreated', aggregateId: 'late', aggregateVersion: 1, segmentId: RESI.id, actor: null, payload: payload('late') });
            lateWritten();
            await lateHeld;
          })
        : (lateWritten(), lateHeld);
    await lateInserted;
    await inTransaction(cs.app.dataSource, (m) =>
      emitEvent(m, { type: 'CustomerCreated', aggregateId: 'early', aggregateVersion: 1, segmentId: RESI.id, actor: null, payload: payload('early') }),
    );
    await relay.run();
    const first = await readFeed(cs.app.dataSource, 'customer-service', start, 1000);
    expect(first.events.map((e) => e.aggregateId)).toEqual(['early']);
    releaseLate();
    await late;
    if (kind !== 'mariadb')
      await inTransaction(cs.app.dataSource, (m) =>
        emitEvent(m, { type: 'CustomerCreated', aggregateId: 'late', aggregateVersion: 1, segmentId: RESI.id, actor: null, payload: payload('late') }),
      );
    await relay.run();
    const next = await readFeed(cs.app.dataSource, 'customer-service', first.last, 1000);
    expect(next.events.map((e) => [e.aggregateId, e.position])).toEqual([['late', first.last + 1]]);
  });

  it('a consumer applies each (aggregate, version) once: a redelivery and an older version change nothing', async () => {
    let applied = 0;
    const spec: ConsumerSpec = { name: `idem-${uniq()}`, types: ['CustomerUpdated'], apply: async () => void applied++ };
    const consumer = new DurableConsumer(cs.app.dataSource, spec);
    const event = (version: number): EventEnvelope => ({
      id: `00000000-0000-4000-8000-${String(version).padStart(12, '0')}`,
      type: 'CustomerUpdated',
      schemaVersion: 1,
      source: 'customer-service',
      aggregateType: 'Customer',
      aggregateId: 'agg-1',
      aggregateVersion: version,
      segmentId: RESI.id,
      occurredAt: new Date().toISOString(),
      actor: null,
      payload: { customerId: 'agg-1', name: 'n', kind: 'INDIVIDUAL', segmentId: RESI.id, ownerId: null, previousSegmentId: null },
    });
    expect(await consumer.deliver(event(2))).toBe('applied');
    expect(await consumer.deliver(event(2))).toBe('duplicate');
    expect(await consumer.deliver(event(1))).toBe('duplicate');
    expect(await consumer.deliver(event(3))).toBe('applied');
    expect(applied).toBe(2);
    // Two deliveries of the same event at once (two instances): applied once.
    const both = await Promise.allSettled([consumer.deliver(event(4)), consumer.deliver(event(4))]);
    expect(applied).toBe(3);
    expect(both.filter((r) => r.status === 'fulfilled' && r.value === 'applied')).toHaveLength(1);
  });

  it('NATS: the relay publishes with de-duplication by event id: a relay that publishes twice (crash before recording) stores the event once, and it is applied once', async () => {
    const stream = `T_${uniq()}`;
    const nats = { url: NATS_URL, stream };
    const c = await cs.app.services.customers.create(head, { name: `去重-${uniq()}`, kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id });
    const relay = new OutboxRelay(cs.app.dataSource, 'customer-service', nats);
    await relay.run();
    // The relay "crashed" after publishing: its positions were never recorded, so it publishes everything again.
    const [{ n }] = await cs.app.dataSource.query('SELECT COUNT(*) AS n FROM outbox_event');
    await cs.app.dataSource.query('UPDATE outbox_event SET position = NULL');
    await cs.app.dataSource.getRepository(EventCursor).update({ name: 'outbox-relay' }, { position: 0 });
    await relay.run();
    const jsm = await jetstreamManager(await natsConnection(NATS_URL));
    expect((await jsm.streams.info(stream)).state.messages).toBe(Number(n));
    const applied: string[] = [];
    const spec: ConsumerSpec = { name: `dedup_${uniq()}`, types: ['CustomerCreated'], apply: async (_m, e) => void applied.push(e.aggregateId) };
    const transport = { ...eventTransport(cs.app.config), nats };
    const running = await startDurableConsumer(cs.app.dataSource, spec, transport);
    await until(async () => applied.includes(c.id));
    await new Promise((r) => setTimeout(r, 300));
    await running.stop();
    expect(applied.filter((id) => id === c.id)).toHaveLength(1);
    expect(new Set(applied).size).toBe(applied.length);
    await deleteStream(nats);
  });

  it('NATS: two relays (two instances) running at once while changes are made: every event is stored once in the stream and gets one position, in order', async () => {
    const stream = `T_${uniq()}`;
    const nats = { url: NATS_URL, stream };
    const [a, b] = [new OutboxRelay(cs.app.dataSource, 'customer-service', nats), new OutboxRelay(cs.app.dataSource, 'customer-service', nats)];
    await a.run();
    const start = (await readFeed(cs.app.dataSource, 'customer-service', 0, 100_000)).last;
    await ensureStream(nats);
    const jsm = await jetstreamManager(await natsConnection(NATS_URL));
    const earlier = (await jsm.streams.info(stream)).state.messages; // rows still pending from earlier tests
    let producing = true;
    const relays = [a, b].map(async (relay) => {
      while (producing) await relay.run();
    });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const c = await cs.app.services.customers.create(head, { name: `双中继-${i}`, kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id });
      await cs.app.services.customers.update(head, { id: c.id, expectedVersion: 1, name: `双中继-${i}-改` });
      ids.push(c.id);
    }
    producing = false;
    await Promise.all(relays);
    await Promise.all([a.run(), b.run()]);
    const feed = await readFeed(cs.app.dataSource, 'customer-service', start, 100_000);
    expect(feed.events.map((e) => e.position)).toEqual(feed.events.map((_, i) => start + i + 1)); // one position each, no gap
    expect(feed.events.filter((e) => ids.includes(e.aggregateId))).toHaveLength(20);
    expect((await jsm.streams.info(stream)).state.messages).toBe(earlier + feed.events.length); // each stored once
    // The stream holds each customer's versions in order.
    const seen: string[] = [];
    const consumer = await jetstream(await natsConnection(NATS_URL)).consumers.get(stream);
    const messages = await consumer.fetch({ max_messages: earlier + feed.events.length, expires: 5000 });
    for await (const m of messages) {
      const e = m.json<EventEnvelope>();
      seen.push(`${e.aggregateId}:${e.aggregateVersion}`);
    }
    for (const id of ids) expect(seen.filter((x) => x.startsWith(`${id}:`))).toEqual([`${id}:1`, `${id}:2`]);
    await deleteStream(nats);
  });

  it('an unreachable NATS is an error (the service does not start), never a silent fallback to the feed', async () => {
    const spec: ConsumerSpec = { name: `down_${uniq()}`, types: ['CustomerCreated'], apply: async () => undefined };
    await expect(startDurableConsumer(cs.app.dataSource, spec, { ...eventTransport(cs.app.config), nats: { url: 'nats://127.0.0.1:1', stream: `T_${uniq()}` } })).rejects.toThrow();
  });

  describe.each(['http feed', 'nats'] as const)('fault: a consumer restarted mid-stream (%s)', (mode) => {
    it('loses nothing and applies nothing twice', async () => {
      const stream = `T_${uniq()}`;
      const nats = mode === 'nats' ? { url: NATS_URL, stream } : undefined;
      const relay = new OutboxRelay(cs.app.dataSource, 'customer-service', nats);
      await relay.run();
      const ids: string[] = [];
      for (let i = 0; i < 15; i++) {
        const c = await cs.app.services.customers.create(head, { name: `重启-${mode}-${i}`, kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id });
        await cs.app.services.customers.update(head, { id: c.id, expectedVersion: 1, name: `重启-${mode}-${i}-改` });
        ids.push(c.id);
      }
      await relay.run();
      const mine = new Set(ids);
      // The effect of applying: a counter per (customer, version) in the consumer's database, in the apply transaction.
      const name = `restart_${mode === 'nats' ? 'n' : 'h'}_${uniq()}`;
      const spec: ConsumerSpec = {
        name,
        types: ['CustomerCreated', 'CustomerUpdated'],
        apply: async (m, e) => {
          if (!mine.has(e.aggregateId)) return;
          await new Promise((r) => setTimeout(r, 5));
          const key = `${name}:${e.aggregateId.slice(0, 20)}:${e.aggregateVersion}`;
          const row = await m.findOneBy(EventCursor, { name: key });
          if (row) await m.update(EventCursor, { name: key }, { position: row.position + 1 });
          else await m.insert(EventCursor, { name: key, position: 1 });
        },
      };
      const counters = async () => cs.app.dataSource.query<{ name: string; position: number }[]>('SELECT name, position FROM event_cursor WHERE name LIKE ?', [`${name}:%`]);
      const transport = { ...eventTransport(cs.app.config), producerUrls: { 'customer-service': cs.url }, pollMs: 20, ...(nats ? { nats } : {}) };
      const first = await startDurableConsumer(cs.app.dataSource, spec, transport);
      await until(async () => (await counters()).length >= 8);
      await first.stop(); // mid-stream
      const midway = (await counters()).length;
      expect(midway).toBeLessThan(30);
      const second = await startDurableConsumer(cs.app.dataSource, spec, transport);
      // A message in flight when the first consumer stopped is redelivered after the ack wait (30 s).
      await until(async () => (await counters()).length === 30, 45_000);
      await new Promise((r) => setTimeout(r, 300));
      await second.stop();
      const all = await counters();
      expect(all).toHaveLength(30); // 0 lost
      expect(all.filter((c) => Number(c.position) !== 1)).toEqual([]); // 0 doubly applied
      if (nats) await deleteStream(nats);
    }, 90_000);
  });
});
