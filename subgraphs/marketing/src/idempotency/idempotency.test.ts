import 'reflect-metadata';
import { errorOf, segmentId, testDatabaseKinds, viewers } from '@group/shared/testing';
import { customerId, customersOf, MarketingTestApp, startMarketing } from '../testing/harness';
import { demoGroupCustomerId, demoTagCategoryId, demoTagId } from '../database/seed';
import { demoIndicatorId } from '../competitors/competitiveness-demo.seed';

const days = (d: number) => new Date(Date.now() - d * 24 * 3600 * 1000).toISOString();

describe.each(testDatabaseKinds())('idempotent creates on %s', (kind) => {
  let mkt: MarketingTestApp;
  const resi = customersOf('RESI');
  const head = viewers.head('RESI');
  const staff = viewers.staff('RESI');
  const exec = viewers.executive();
  const count = async (table: string) => Number((await mkt.app.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_idempotency' })));
  afterAll(() => mkt?.stop());

  it('every create mutation takes an idempotencyKey: a retry returns the first result and creates nothing', async () => {
    const competitor = (await mkt.ok(head, `mutation { createCompetitor(input: { legalName: "幂等测试公司", ownershipType: PRIVATE }) { id } }`)).createCompetitor.id;
    const product = (await mkt.ok(head, `mutation ($c: ID!) { addCompetitorProduct(input: { competitorId: $c, name: "产品" }) { id } }`, { c: competitor })).addCompetitorProduct
      .id;
    const audience = (
      await mkt.ok(staff, `mutation ($i: CreateAudienceInput!) { createAudience(input: $i) { id } }`, {
        i: { name: '受众', segmentId: segmentId('RESI'), kind: 'DYNAMIC', expression: { tagId: demoTagId('HIGH_VALUE') } },
      })
    ).createAudience.id;
    const cases: { viewer: typeof head; mutation: string; input: Record<string, unknown>; change: Record<string, unknown>; table: string }[] = [
      {
        viewer: head,
        mutation: 'createGrid(input: $i) { id }',
        input: { code: 'IDEM-1', name: '网格', segmentId: segmentId('RESI'), coverageTarget: 1 },
        change: { name: '另一个' },
        table: 'grid',
      },
      {
        viewer: staff,
        mutation: 'createGroupCustomer(input: $i) { id }',
        input: { customerId: customerId(resi[15]), industry: '制造' },
        change: { industry: '其他' },
        table: 'group_customer',
      },
      {
        viewer: staff,
        mutation: 'addGroupMember(input: $i) { id }',
        input: { groupCustomerId: demoGroupCustomerId(resi[0]), name: '张三', role: 'MEMBER' },
        change: { name: '王五' },
        table: 'group_member',
      },
      {
        viewer: staff,
        mutation: 'addProductHolding(input: $i) { id }',
        input: { groupCustomerId: demoGroupCustomerId(resi[0]), productName: '智慧停车', since: days(5) },
        change: { productName: '其他' },
        table: 'group_product_holding',
      },
      {
        viewer: head,
        mutation: 'createCompetitor(input: $i) { id }',
        input: { legalName: '另一家公司', ownershipType: 'OTHER' },
        change: { ownershipType: 'PRIVATE' },
        table: 'competitor',
      },
      {
        viewer: head,
        mutation: 'addCompetitorProduct(input: $i) { id }',
        input: { competitorId: competitor, name: '新品' },
        change: { name: '其他' },
        table: 'competitor_product',
      },
      {
        viewer: head,
        mutation: 'addCompetitorStrategy(input: $i) { id }',
        input: { competitorId: competitor, line: 'GROUP_MEMBER', tariff: '八折' },
        change: { tariff: '其他' },
        table: 'competitor_strategy',
      },
      {
        viewer: head,
        mutation: 'linkCompetitorToOpportunity(input: $i) { id }',
        input: { opportunityId: 'opp-idem', segmentId: segmentId('RESI'), competitorId: competitor, threatLevel: 'LOW' },
        change: { threatLevel: 'HIGH' },
        table: 'opportunity_competitor',
      },
      {
        viewer: exec,
        mutation: 'createCompetitivenessIndicator(input: $i) { id }',
        input: { code: 'IDEM_INDICATOR', name: '幂等指标', weight: 1 },
        change: { weight: 2 },
        table: 'competitiveness_indicator',
      },
      {
        viewer: head,
        mutation: 'recordCompetitivenessScore(input: $i) { id }',
        input: { competitorId: competitor, indicatorId: demoIndicatorId('MARKET_SHARE'), period: '2026-Q1', score: 50 },
        change: { score: 60 },
        table: 'competitiveness_score',
      },
      {
        viewer: staff,
        mutation: 'createAudience(input: $i) { id }',
        input: { name: '受众2', segmentId: segmentId('RESI'), kind: 'DYNAMIC', expression: { tagId: demoTagId('CHURN_RISK') } },
        change: { name: '其他' },
        table: 'audience',
      },
      {
        viewer: staff,
        mutation: 'createCampaign(input: $i) { id }',
        input: { name: '活动', audienceId: audience, channel: 'PHONE', startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-03-31T00:00:00Z', budget: 10 },
        change: { budget: 11 },
        table: 'campaign',
      },
      {
        viewer: staff,
        mutation: 'recordChurn(input: $i) { id }',
        input: { customerId: customerId(resi[16]), churnedAt: days(2), reason: '迁出' },
        change: { reason: '其他' },
        table: 'churn_event',
      },
      {
        viewer: exec,
        mutation: 'createTag(input: $i) { id }',
        input: { code: 'IDEM_TAG', name: '幂等', definition: '测试', kind: 'MANUAL', categoryId: demoTagCategoryId('MARKETING_SERVICE.CAMPAIGN') },
        change: { name: '其他' },
        table: 'tag',
      },
      {
        viewer: staff,
        mutation: 'assignTag(input: $i) { id }',
        input: { customerId: customerId(resi[17]), tagId: demoTagId('WON_BACK') },
        change: { evidence: '其他' },
        table: 'tag_assignment',
      },
    ];
    const types: Record<string, string> = {
      createGrid: 'CreateGridInput',
      createGroupCustomer: 'CreateGroupCustomerInput',
      addGroupMember: 'AddGroupMemberInput',
      addProductHolding: 'AddProductHoldingInput',
      createCompetitor: 'CreateCompetitorInput',
      addCompetitorProduct: 'AddCompetitorProductInput',
      addCompetitorStrategy: 'AddCompetitorStrategyInput',
      linkCompetitorToOpportunity: 'LinkOpportunityCompetitorInput',
      createAudience: 'CreateAudienceInput',
      createCampaign: 'CreateCampaignInput',
      recordChurn: 'RecordChurnInput',
      assignTag: 'AssignTagInput',
      createTag: 'CreateTagInput',
      createCompetitivenessIndicator: 'CreateCompetitivenessIndicatorInput',
      recordCompetitivenessScore: 'RecordCompetitivenessScoreInput',
    };
    for (const [i, c] of cases.entries()) {
      const name = c.mutation.slice(0, c.mutation.indexOf('('));
      const q = `mutation ($i: ${types[name]}!) { ${c.mutation} }`;
      const key = `key-${i}`;
      const first = (await mkt.ok(c.viewer, q, { i: { ...c.input, idempotencyKey: key } }))[name].id;
      const rows = await count(c.table);
      const again = (await mkt.ok(c.viewer, q, { i: { ...c.input, idempotencyKey: key } }))[name].id;
      expect({ name, again, rows: await count(c.table) }).toEqual({ name, again: first, rows });
      // The same key with another body is refused, and creates nothing.
      const other = { ...c.input, ...c.change, idempotencyKey: key };
      expect({ name, ...errorOf(await mkt.exec(c.viewer, q, { i: other })) }).toEqual({ name, code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await count(c.table)).toBe(rows);
    }
    // recordCompetitorPrice takes the key as an argument.
    const PRICE = `mutation ($p: ID!, $k: String) { recordCompetitorPrice(productId: $p, price: 9, effectiveAt: "2026-01-01T00:00:00Z", idempotencyKey: $k) { id } }`;
    const p1 = (await mkt.ok(head, PRICE, { p: product, k: 'price-1' })).recordCompetitorPrice.id;
    const prices = await count('competitor_price');
    expect((await mkt.ok(head, PRICE, { p: product, k: 'price-1' })).recordCompetitorPrice.id).toBe(p1);
    expect(await count('competitor_price')).toBe(prices);
  });

  it('keys are per account; without a key every call creates', async () => {
    const q = `mutation ($i: AddGroupMemberInput!) { addGroupMember(input: $i) { id } }`;
    const input = { groupCustomerId: demoGroupCustomerId(resi[0]), name: '李四', role: 'MEMBER' };
    const a = (await mkt.ok(staff, q, { i: { ...input, idempotencyKey: 'shared-key' } })).addGroupMember.id;
    const b = (await mkt.ok(head, q, { i: { ...input, idempotencyKey: 'shared-key' } })).addGroupMember.id;
    expect(b).not.toBe(a);
    const c = (await mkt.ok(staff, q, { i: input })).addGroupMember.id;
    const d = (await mkt.ok(staff, q, { i: input })).addGroupMember.id;
    expect(new Set([a, b, c, d]).size).toBe(4);
  });

  it('concurrent retries with one key create exactly one row', async () => {
    const q = `mutation ($i: AddProductHoldingInput!) { addProductHolding(input: $i) { id } }`;
    const input = { groupCustomerId: demoGroupCustomerId(resi[0]), productName: '并发产品', since: days(1), idempotencyKey: 'race-1' };
    const before = await count('group_product_holding');
    const results = await Promise.all(Array.from({ length: 6 }, () => mkt.ok(staff, q, { i: input })));
    expect(new Set(results.map((r) => r.addProductHolding.id)).size).toBe(1);
    expect(await count('group_product_holding')).toBe(before + 1);
  });

  it('a replay never shows a result the viewer can no longer see', async () => {
    const q = `mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }`;
    const input = { code: 'IDEM-2', name: '网格2', segmentId: segmentId('RESI'), coverageTarget: 1, idempotencyKey: 'grid-2' };
    const g = (await mkt.ok(head, q, { i: input })).createGrid;
    await mkt.ok(head, `mutation ($id: ID!) { deleteGrid(id: $id, expectedVersion: 1) }`, { id: g.id });
    expect(errorOf(await mkt.exec(head, q, { i: input }))).toEqual({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });
});
