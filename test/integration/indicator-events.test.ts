import { randomUUID } from 'node:crypto';
import { DEMO_SEGMENTS, DurableConsumer, integrationViewer, systemActor, type EventEnvelope, type EventPayloads, type EventType } from '@group/shared';
import { startSubgraph, testDatabaseKinds, type TestSubgraph } from '@group/shared/testing';
import { marketingModule } from '../../subgraphs/marketing/src/module';
import type { MarketingServices } from '../../subgraphs/marketing/src/context';
import { customerProjectionConsumer } from '../../subgraphs/marketing/src/customer-profiles/customer-events.consumer';
import { indicatorProjectionConsumer } from '../../subgraphs/marketing/src/indicators/indicator-events.consumer';

/**
 * Issue 21, indicators by events: marketing's indicator projection applies customer-service's
 * CustomerIndicatorsChanged once per (customer indicators, version), and neither the events nor the
 * periodic repair run (recordCustomerSegments / recordCustomerIndicators) brings back a customer
 * marketing learnt was deleted (merged away). Events are handed to the durable consumers directly
 * (producer side and transport: test/e2e/indicator-events.test.ts).
 */
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const integration = integrationViewer(systemActor('customer-service'));

describe.each(testDatabaseKinds())('marketing indicator projection by events on %s', (kind) => {
  let mkt: TestSubgraph<MarketingServices>;
  let customers: DurableConsumer;
  let indicators: DurableConsumer;
  const q = (sql: string, params: unknown[] = []) => mkt.app.dataSource.query<any[]>(sql, params);
  const event = <T extends EventType>(type: T, aggregateType: string, aggregateId: string, aggregateVersion: number, payload: EventPayloads[T]): EventEnvelope => ({
    id: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'customer-service',
    aggregateType,
    aggregateId,
    aggregateVersion,
    segmentId: RESI.id,
    occurredAt: new Date().toISOString(),
    actor: null,
    payload,
  });
  const day = '2026-03-02T00:00:00.000Z';
  const figures = (customerId: string, version: number, value: number) =>
    event('CustomerIndicatorsChanged', 'CustomerIndicators', customerId, version, { customerId, observations: [{ code: 'COMPLAINT_COUNT', asOf: day, value }] });
  const stored = async (customerId: string) =>
    (await q("SELECT value FROM customer_indicator WHERE customer_id = ? AND code = 'COMPLAINT_COUNT'", [customerId])).map((r) => Number(r.value));
  const created = async () => {
    const id = randomUUID();
    await customers.deliver(event('CustomerCreated', 'Customer', id, 1, { customerId: id, name: '指标事件', kind: 'INDIVIDUAL', segmentId: RESI.id, ownerId: null }));
    return id;
  };

  beforeAll(async () => {
    mkt = await startSubgraph(kind, marketingModule, { http: true });
    customers = new DurableConsumer(mkt.app.dataSource, customerProjectionConsumer());
    indicators = new DurableConsumer(mkt.app.dataSource, indicatorProjectionConsumer());
  }, 120_000);
  afterAll(async () => {
    await mkt?.stop();
  });

  it('applies each version once, in order: a redelivery or an older version changes nothing', async () => {
    const id = await created();
    expect(await indicators.deliver(figures(id, 1, 1))).toBe('applied');
    expect(await stored(id)).toEqual([1]);
    expect(await indicators.deliver(figures(id, 2, 2))).toBe('applied');
    expect(await indicators.deliver(figures(id, 2, 2))).toBe('duplicate');
    // A late copy of version 1 (its count is older): skipped, the newer figure stays.
    expect(await indicators.deliver(figures(id, 1, 1))).toBe('duplicate');
    expect(await stored(id)).toEqual([2]);
  });

  it('a deleted (merged-away) customer is not brought back: not by the repair run (segments, indicators), not by an earlier indicator event', async () => {
    const [survivor, dup] = [await created(), await created()];
    await customers.deliver(event('CustomerMerged', 'Customer', dup, 2, { customerId: dup, survivorId: survivor, segmentId: RESI.id }));
    await customers.deliver(event('CustomerDeleted', 'Customer', dup, 3, { customerId: dup, segmentId: RESI.id, reason: 'MERGED' }));
    expect(await q('SELECT customer_id FROM customer_profile WHERE customer_id = ?', [dup])).toEqual([]);
    // The repair run read the duplicate (version 1) before the merge and sends it after.
    await mkt.app.services.customerIndicators.recordSegments(integration, [{ customerId: dup, segmentId: RESI.id, version: 1 }]);
    await mkt.app.services.customerIndicators.record(integration, 'customer-service', [{ customerId: dup, code: 'COMPLAINT_COUNT', value: 4, asOf: new Date(day) }]);
    // An indicator event emitted before the merge, applied by its own consumer after it.
    expect(await indicators.deliver(figures(dup, 1, 4))).toBe('applied');
    expect(await q('SELECT customer_id FROM customer_profile WHERE customer_id = ?', [dup])).toEqual([]);
    expect(await stored(dup)).toEqual([]);
    // The survivor is not affected.
    await mkt.app.services.customerIndicators.record(integration, 'customer-service', [{ customerId: survivor, code: 'COMPLAINT_COUNT', value: 5, asOf: new Date(day) }]);
    expect(await stored(survivor)).toEqual([5]);
  });
});
