import { randomBytes } from 'node:crypto';
import { DEMO_SEGMENTS } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';
import { IndicatorPublisher } from '../../subgraphs/customer-service/src/indicators/indicator-publisher';
import { marketingSink } from '../../subgraphs/customer-service/src/indicators/marketing-sink';

/**
 * Issue 21, indicators by events: every change that moves a customer's indicators emits, in its
 * transaction, a CustomerIndicatorsChanged with the recomputed figures of the touched days, and
 * marketing's indicator projection follows it through the event transport (HTTP feed here; NATS is
 * the same consumer code: test/e2e/events.test.ts). The periodic publisher is the repair run: run
 * afterwards it writes the same values. Concurrent changes of one customer take distinct versions,
 * and the newest version carries the figure of all of them (locking reads, indicator-events.ts).
 */
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const DAY = 86_400_000;
const today = () => new Date(Math.floor(Date.now() / DAY) * DAY);

describe.each(testDatabaseKinds())('customer indicators by events on %s', (kind) => {
  let g: TestGraph;
  let staff: string;
  const env = { EVENTS_ENABLED: 'true', EVENTS_RELAY_MS: '50', EVENTS_POLL_MS: '100', EVENTS_STREAM: `T_${randomBytes(5).toString('hex')}` };
  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const r = await g.request(query, { token: staff, variables });
    if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
    return r.body.data;
  };
  const newCustomer = async () =>
    (
      await ok('mutation ($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }', {
        i: { segmentId: RESI.id, name: `指标客户${randomBytes(3).toString('hex')}`, kind: 'INDIVIDUAL' },
      })
    ).createCustomer.id as string;
  const complain = (customerId: string) =>
    ok('mutation ($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }', {
      i: { customerId, title: '指标事件', description: 'd', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' },
    });
  /** Marketing's figure of `code` for the customer today (null: none). */
  const stored = async (customerId: string, code: string) => {
    const rows = await g.apps.marketing.dataSource.query('SELECT value, as_of FROM customer_indicator WHERE customer_id = ? AND code = ?', [customerId, code]);
    return rows.length ? Number(rows[0].value) : null;
  };
  const until = async (check: () => Promise<boolean>, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return check();
  };
  const emitted = async (customerId: string): Promise<{ version: number; observations: unknown[] }[]> =>
    (
      await g.apps['customer-service'].dataSource.query(
        "SELECT aggregate_version, payload FROM outbox_event WHERE type = 'CustomerIndicatorsChanged' AND aggregate_id = ? ORDER BY aggregate_version",
        [customerId],
      )
    ).map((r: { aggregate_version: number; payload: string }) => ({ version: Number(r.aggregate_version), ...JSON.parse(r.payload) }));

  beforeAll(async () => {
    g = await startTestGraph(kind, { subgraphEnv: env, gatewayEnv: env });
    staff = await g.login('staff.resi@example.com');
  }, 120_000);
  afterAll(() => g?.stop());

  it('a complaint moves COMPLAINT_COUNT in marketing by its event; the repair run afterwards writes the same value', async () => {
    const customerId = await newCustomer();
    await complain(customerId);
    await complain(customerId);
    expect(await until(async () => (await stored(customerId, 'COMPLAINT_COUNT')) === 2)).toBe(true);
    expect((await emitted(customerId)).map((e) => [e.version, e.observations])).toEqual([
      [1, [{ code: 'COMPLAINT_COUNT', asOf: today().toISOString(), value: 1 }]],
      [2, [{ code: 'COMPLAINT_COUNT', asOf: today().toISOString(), value: 2 }]],
    ]);
    const cs = g.apps['customer-service'];
    await new IndicatorPublisher(cs.dataSource, marketingSink(cs.config.auth, g.urls.marketing)).run();
    expect(await stored(customerId, 'COMPLAINT_COUNT')).toBe(2);
  });

  it('a sales order signed, then cancelled: ORDER_VALUE follows (0 once cancelled)', async () => {
    const customerId = await newCustomer();
    const order = (
      await ok('mutation ($i: CreateSalesOrderInput!) { createSalesOrder(input: $i) { id version } }', {
        i: { customerId, contractNumber: `HT-${randomBytes(4).toString('hex')}`, signedAt: new Date().toISOString(), amount: 1234.5 },
      })
    ).createSalesOrder;
    expect(await until(async () => (await stored(customerId, 'ORDER_VALUE')) === 1234.5)).toBe(true);
    await ok('mutation ($i: UpdateSalesOrderInput!) { updateSalesOrder(input: $i) { version } }', { i: { id: order.id, expectedVersion: order.version, status: 'CANCELLED' } });
    expect(await until(async () => (await stored(customerId, 'ORDER_VALUE')) === 0)).toBe(true);
  });

  it('concurrent complaints of one customer: distinct versions, and the newest carries the count of all', async () => {
    const customerId = await newCustomer();
    await Promise.all(Array.from({ length: 6 }, () => complain(customerId)));
    const events = await emitted(customerId);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.at(-1)?.observations).toEqual([{ code: 'COMPLAINT_COUNT', asOf: today().toISOString(), value: 6 }]);
    expect(await until(async () => (await stored(customerId, 'COMPLAINT_COUNT')) === 6)).toBe(true);
  });
});
