import { randomUUID } from 'node:crypto';
import { DEMO_SEGMENTS, demoSegmentPersonId, DurableConsumer, Role, type EventEnvelope, type EventPayloads, type EventType, type Viewer } from '@group/shared';
import { startSubgraph, testDatabaseKinds, type TestSubgraph } from '@group/shared/testing';
import { marketingModule } from '../../subgraphs/marketing/src/module';
import type { MarketingServices } from '../../subgraphs/marketing/src/context';
import { customerProjectionConsumer } from '../../subgraphs/marketing/src/customer-profiles/customer-events.consumer';
import { Tag, TagKind } from '../../subgraphs/marketing/src/tags/tag.entity';

/**
 * Issue 21: marketing's customer projection applies CustomerMerged (the duplicate's marketing data is
 * carried over to the survivor, unique-key collisions resolved in the survivor's favour) and
 * CustomerDeleted (live data removed, history kept), each in one transaction, once per (customer, version).
 * Events are delivered to the durable consumer directly (transport: test/e2e/events.test.ts).
 */
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const head: Viewer = { accountId: 'acc-head-resi', employeeId: demoSegmentPersonId('RESI', 'head'), role: Role.SEGMENT_HEAD, segmentIds: [RESI.id] };

describe.each(testDatabaseKinds())('marketing carries merged and deleted customers over on %s', (kind) => {
  let mkt: TestSubgraph<MarketingServices>;
  let consumer: DurableConsumer;
  let tags: string[];
  const q = (sql: string, params: unknown[] = []) => mkt.app.dataSource.query<any[]>(sql, params);

  const event = <T extends EventType>(type: T, aggregateId: string, aggregateVersion: number, payload: EventPayloads[T]): EventEnvelope => ({
    id: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'customer-service',
    aggregateType: 'Customer',
    aggregateId,
    aggregateVersion,
    segmentId: RESI.id,
    occurredAt: new Date().toISOString(),
    actor: { accountId: head.accountId, role: head.role },
    payload,
  });
  const newCustomer = async () => {
    const id = randomUUID();
    await consumer.deliver(event('CustomerCreated', id, 1, { customerId: id, name: '合并测试', kind: 'INDIVIDUAL', segmentId: RESI.id, ownerId: null }));
    return id;
  };
  const merge = (dup: string, survivorId: string) => [
    event('CustomerMerged', dup, 2, { customerId: dup, survivorId, segmentId: RESI.id }),
    event('CustomerDeleted', dup, 3, { customerId: dup, segmentId: RESI.id, reason: 'MERGED' }),
  ];
  /** The coverage summaries as maintained, and as recomputed from the rows: they must agree. */
  const coverage = async () => {
    const kept = await q('SELECT category_l1_id AS l1, segment_id AS seg, customers, assignments FROM tag_coverage_summary WHERE customers <> 0 OR assignments <> 0 ORDER BY 1, 2');
    const actual = await q(
      'SELECT category_l1_id AS l1, segment_id AS seg, COUNT(DISTINCT customer_id) AS customers, COUNT(*) AS assignments FROM tag_assignment WHERE category_l1_id IS NOT NULL GROUP BY category_l1_id, segment_id ORDER BY 1, 2',
    );
    const counts = await q('SELECT s.customers AS kept, (SELECT COUNT(*) FROM customer_profile p WHERE p.segment_id = s.segment_id) AS actual FROM segment_customer_count s');
    const norm = (rows: any[]) => rows.map((r) => [r.l1, r.seg, Number(r.customers), Number(r.assignments)]);
    return { kept: [norm(kept), counts.map((c) => Number(c.kept))], actual: [norm(actual), counts.map((c) => Number(c.actual))] };
  };

  beforeAll(async () => {
    mkt = await startSubgraph(kind, marketingModule, { http: true });
    consumer = new DurableConsumer(mkt.app.dataSource, customerProjectionConsumer());
    tags = (await mkt.app.dataSource.getRepository(Tag).find({ where: { kind: TagKind.MANUAL }, order: { code: 'ASC' }, take: 3 })).map((t) => t.id);
  }, 120_000);
  afterAll(async () => {
    await mkt?.stop();
  });

  it('a merge carries tags, history, audiences, indicators and manager assignments over; collisions keep the survivor\u2019s; re-delivery applies once', async () => {
    const [survivor, dup] = [await newCustomer(), await newCustomer()];
    const assign = (customerId: string, tagId: string) => mkt.app.services.tagAssignments.assign(head, { customerId, tagId, evidence: 'merge test' });
    const survivorShared = await assign(survivor, tags[0]);
    const dupShared = await assign(dup, tags[0]);
    const dupOwn = await assign(dup, tags[1]);
    const dupRemoved = await assign(dup, tags[2]);
    await mkt.app.services.tagAssignments.remove(head, dupRemoved.id);
    const audience = randomUUID();
    await q('INSERT INTO audience_member (audience_id, customer_id) VALUES (?, ?), (?, ?)', [audience, survivor, audience, dup]);
    const asOf = new Date('2026-01-01T00:00:00Z');
    const later = new Date('2026-02-01T00:00:00Z');
    const recordedAt = new Date();
    const indicator = { code: 'X', source: 'test', recordedAt };
    await mkt.app.dataSource.getRepository('CustomerIndicator').insert([
      { ...indicator, customerId: survivor, asOf, value: '1' },
      { ...indicator, customerId: dup, asOf, value: '2' },
      { ...indicator, customerId: dup, asOf: later, value: '3' },
    ]);
    const cma = (customerId: string) => ({ id: randomUUID(), customerId, segmentId: RESI.id, managerEmployeeId: randomUUID(), startedAt: asOf, endedAt: null, assignedBy: null });
    const [survivorManager, dupManager] = [cma(survivor), cma(dup)];
    await mkt.app.dataSource.getRepository('CustomerManagerAssignment').insert([survivorManager, dupManager]);

    const [merged, deleted] = merge(dup, survivor);
    expect(await consumer.deliver(merged)).toBe('applied');
    expect(await consumer.deliver(deleted)).toBe('applied');
    // Re-delivered (a relay that published twice, a redelivery): applied once.
    expect(await consumer.deliver(merged)).toBe('duplicate');
    expect(await consumer.deliver({ ...deleted, id: randomUUID() })).toBe('duplicate');

    const active = await q('SELECT id, customer_id FROM tag_assignment WHERE customer_id IN (?, ?)', [survivor, dup]);
    expect(active.map((r) => [r.id, r.customer_id]).sort()).toEqual(
      [
        [survivorShared.id, survivor],
        [dupOwn.id, survivor],
      ].sort(),
    );
    const history = await q('SELECT id, customer_id, removal_reason FROM tag_assignment_history WHERE customer_id IN (?, ?) ORDER BY removal_reason', [survivor, dup]);
    expect(history.map((r) => [r.id, r.customer_id, r.removal_reason])).toEqual([
      [dupShared.id, survivor, 'MERGED'],
      [dupRemoved.id, survivor, 'REMOVED'],
    ]);
    expect(await q('SELECT customer_id FROM audience_member WHERE audience_id = ?', [audience])).toEqual([{ customer_id: survivor }]);
    const observations = await q('SELECT customer_id, value FROM customer_indicator WHERE customer_id IN (?, ?) ORDER BY as_of', [survivor, dup]);
    expect(observations.map((o) => [o.customer_id, Number(o.value)])).toEqual([
      [survivor, 1],
      [survivor, 3],
    ]);
    const managers = await q('SELECT id, customer_id, ended_at FROM customer_manager_assignment WHERE customer_id IN (?, ?) ORDER BY started_at, ended_at', [survivor, dup]);
    expect(managers.map((r) => [r.id, r.customer_id, r.ended_at === null])).toEqual(
      expect.arrayContaining([
        [survivorManager.id, survivor, true],
        [dupManager.id, survivor, false],
      ]),
    );
    expect(await q('SELECT customer_id FROM customer_profile WHERE customer_id IN (?, ?)', [survivor, dup])).toEqual([{ customer_id: survivor }]);
    const c = await coverage();
    expect(c.kept).toEqual(c.actual);
    // The duplicate is unknown to marketing from then: no new tag.
    await expect(assign(dup, tags[1])).rejects.toThrow(/not found/i);
  });

  it('a deleted customer\u2019s live marketing data is removed, its tags archived (CUSTOMER_DELETED)', async () => {
    const id = await newCustomer();
    const a = await mkt.app.services.tagAssignments.assign(head, { customerId: id, tagId: tags[0], evidence: 'delete test' });
    await q('INSERT INTO audience_member (audience_id, customer_id) VALUES (?, ?)', [randomUUID(), id]);
    expect(await consumer.deliver(event('CustomerDeleted', id, 2, { customerId: id, segmentId: RESI.id, reason: 'DELETED' }))).toBe('applied');
    expect(await q('SELECT id FROM tag_assignment WHERE customer_id = ?', [id])).toEqual([]);
    expect(await q('SELECT id, removal_reason FROM tag_assignment_history WHERE customer_id = ?', [id])).toEqual([{ id: a.id, removal_reason: 'CUSTOMER_DELETED' }]);
    expect(await q('SELECT customer_id FROM audience_member WHERE customer_id = ?', [id])).toEqual([]);
    expect(await q('SELECT customer_id FROM customer_profile WHERE customer_id = ?', [id])).toEqual([]);
    const c = await coverage();
    expect(c.kept).toEqual(c.actual);
  });
});
