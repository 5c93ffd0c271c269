import { Capability, Role, signToken } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';
import { IndicatorPublisher } from '../../subgraphs/customer-service/src/indicators/indicator-publisher';
import { marketingSink } from '../../subgraphs/customer-service/src/indicators/marketing-sink';

/**
 * Issue 6: a tag rule of marketing uses an indicator owned by customer-service
 * (complaints in the last N days). Customer-service's publisher pushes the
 * recomputed per-day values to marketing; a resend never double counts;
 * marketing accepts indicators only from integration tokens.
 */
const CREATE = `mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`;

describe.each(testDatabaseKinds())('indicator publication customer-service -> marketing on %s', (kind) => {
  let g: TestGraph;
  let staff: string;
  let exec: string;
  let customerId: string;
  const publisher = () => {
    const cs = g.apps['customer-service'];
    return new IndicatorPublisher(cs.dataSource, marketingSink(cs.config.auth, g.urls.marketing));
  };
  const storedCount = async () => {
    const rows = await g.apps.marketing.dataSource.query("SELECT value FROM customer_indicator WHERE customer_id = ? AND code = 'COMPLAINT_COUNT'", [customerId]);
    return rows.reduce((s: number, r: { value: string | number }) => s + Number(r.value), 0);
  };

  beforeAll(async () => {
    g = await startTestGraph(kind);
    staff = await g.login('staff.resi@example.com');
    exec = await g.login('executive@example.com');
    const r = await g.request('{ customers(first: 1) { edges { node { id } } } }', { token: staff });
    customerId = r.body.data.customers.edges[0].node.id;
  }, 120_000);
  afterAll(() => g?.stop());

  it('publishes complaint counts per customer and day; a second run resends the same values (no double counting)', async () => {
    await publisher().run(); // the demo data's history
    const before = await storedCount();
    for (const title of ['指标一', '指标二']) {
      const res = await g.request(CREATE, {
        token: staff,
        variables: { i: { customerId, title, description: 'indicator publication', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' } },
      });
      expect(res.body.errors).toBeUndefined();
    }
    const first = await publisher().run();
    expect(first.advanced).toBe(true);
    expect(first.observations).toBeGreaterThan(0);
    expect(await storedCount()).toBe(before + 2);
    const again = await publisher().run(); // the look-back window re-reads today's complaints
    expect(again.advanced).toBe(true);
    expect(await storedCount()).toBe(before + 2);
  });

  it('a marketing tag rule over COMPLAINT_COUNT tags the customer from the published data', async () => {
    const tags = await g.request('{ tags(first: 1, filter: { kind: RULE }) { edges { node { id } } } }', { token: exec });
    const tagId = tags.body.data.tags.edges[0].node.id;
    const rule = await g.request(`{ tag(id: "${tagId}") { rule { version } } }`, { token: exec });
    const expectedVersion = rule.body.data.tag.rule?.version ?? 0;
    const expression = { condition: { indicator: 'COMPLAINT_COUNT', aggregate: 'SUM', windowDays: 30, op: 'GTE', value: 2 } };
    const saved = await g.request('mutation($i: SaveTagRuleInput!) { saveTagRule(input: $i) { version } }', {
      token: exec,
      variables: { i: { tagId, expression, expectedVersion } },
    });
    expect(saved.body.errors).toBeUndefined();
    const run = await g.request('mutation($t: ID!) { runTagRule(tagId: $t) { matched } }', { token: exec, variables: { t: tagId } });
    expect(run.body.errors).toBeUndefined();
    const assigned = await g.request(`{ tagAssignments(first: 100, filter: { tagId: "${tagId}" }) { edges { node { customer { id } } } } }`, { token: exec });
    expect(assigned.body.data.tagAssignments.edges.map((e: any) => e.node.customer.id)).toContain(customerId);
  });

  it('marketing refuses indicators from a token without the SYSTEM_INTEGRATION capability, even a SYSTEM_ADMIN one', async () => {
    const auth = g.apps['customer-service'].config.auth;
    const human = (await signToken(auth, { accountId: 'sysadmin', employeeId: null, role: Role.SYSTEM_ADMIN, segmentIds: [] })).token;
    const integration = (await signToken(auth, { accountId: 'system:x', employeeId: null, role: Role.SYSTEM_ADMIN, segmentIds: [], capabilities: [Capability.SYSTEM_INTEGRATION] }))
      .token;
    const query = 'mutation($i: RecordCustomerIndicatorsInput!) { recordCustomerIndicators(input: $i) { written } }';
    const variables = { i: { source: 'test', observations: [{ customerId, code: 'COMPLAINT_COUNT', value: 1, asOf: new Date(Date.now() - 86_400_000 * 40).toISOString() }] } };
    const refused = await g.request(query, { token: human, variables, url: g.urls.marketing });
    expect(refused.body.errors?.[0].extensions.reason).toBe('INDICATOR_INGESTION_FORBIDDEN');
    const accepted = await g.request(query, { token: integration, variables, url: g.urls.marketing });
    expect(accepted.body.data.recordCustomerIndicators.written).toBe(1);
  });
});
