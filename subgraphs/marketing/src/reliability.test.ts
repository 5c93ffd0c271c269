import 'reflect-metadata';
import { GraphQLArgument, getNamedType, isInputObjectType } from 'graphql';
import { newId, Viewer } from '@group/shared';
import { segmentId, testDatabaseKinds, viewers } from '@group/shared/testing';
import { customerId, customersOf, MarketingTestApp, startMarketing } from './testing/harness';
import { demoGroupCustomerId, demoTagCategoryId, demoTagId } from './database/seed';

/**
 * Issue #8, reliability of writes in marketing: every mutation either takes an idempotency key
 * (creates; their retries are proven in idempotency/idempotency.test.ts) or an expectedVersion
 * (updates; proven here), or is listed with the reason it needs neither. Checked against the
 * schema itself, so a new mutation cannot skip both.
 */
const NEITHER: Record<string, string> = {
  removeTagAssignment: 'an assignment is never edited (no version): removal archives it, and a retry finds it gone (NOT_FOUND), never a second effect',
  archiveExpiredTagAssignments: 'a sweep job: archives what has expired, a retry archives nothing more',
  runTagRule: "a job run: set-based re-evaluation of the tag's current rule, safe to re-run",
  runTierRules: 'a job run: recomputes every tier from the rules in one statement, safe to re-run',
  recordCustomerIndicators: 'integration upsert keyed by (customer, code, asOf): a retried batch writes the same rows',
  recordCustomerSegments: "integration upsert of customers' segments into the projection: a retried batch writes the same rows",
  placeCustomerInGrid: "sets one customer's grid (or none); no read-modify-write, a retry writes the same state",
  assignCustomerManager: 'sets the current manager; a retry with the same employee returns the open assignment and writes nothing',
  overrideCustomerTier: "sets (or clears) one customer's manual tier; no read-modify-write, a retry writes the same state",
  importTagAssignments: 'bulk import keyed by (customer, tag): a retried file reports DUPLICATE_IN_DATABASE rows instead of assigning again',
};

/** The fields of an `input` object argument. */
function inputFields(arg: GraphQLArgument) {
  const type = getNamedType(arg.type);
  return isInputObjectType(type) ? type.getFields() : {};
}
/** Does the mutation (or its `input` object) take this argument / field? */
function takes(field: { args: readonly GraphQLArgument[] }, name: string): boolean {
  return field.args.some((a) => a.name === name || (a.name === 'input' && name in inputFields(a)));
}

describe.each(testDatabaseKinds())('idempotency keys and optimistic versioning of marketing (issue #8) on %s', (kind) => {
  let mkt: MarketingTestApp;
  const resi = customersOf('RESI');
  const head = viewers.head('RESI');
  const staff = viewers.staff('RESI');
  const exec = viewers.executive();
  let nextCustomer = 15; // demo customers of RESI without a group customer (as in idempotency.test.ts)

  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_reliability' })));
  afterAll(() => mkt?.stop());

  function mutations() {
    const fields = Object.values(mkt.app.schema.getMutationType()!.getFields());
    return {
      all: fields.map((f) => f.name).sort(),
      keyed: fields
        .filter((f) => takes(f, 'idempotencyKey'))
        .map((f) => f.name)
        .sort(),
      versioned: fields
        .filter((f) => takes(f, 'expectedVersion'))
        .map((f) => f.name)
        .sort(),
    };
  }
  const create = async (v: Viewer, mutation: string, type: string, input: Record<string, unknown>) =>
    (await mkt.ok(v, `mutation ($i: ${type}!) { ${mutation}(input: $i) { id version } }`, { i: input }))[mutation] as { id: string; version: number };
  const grid = () => create(head, 'createGrid', 'CreateGridInput', { code: `G-${newId().slice(0, 8)}`, name: '网格', segmentId: segmentId('RESI'), coverageTarget: 1 });
  const groupCustomer = () => create(staff, 'createGroupCustomer', 'CreateGroupCustomerInput', { customerId: customerId(resi[nextCustomer++]), industry: '制造' });
  const competitor = () => create(head, 'createCompetitor', 'CreateCompetitorInput', { legalName: `竞品公司 ${newId().slice(0, 8)}`, ownershipType: 'PRIVATE' });

  it('every mutation either takes an idempotency key (creates) or an expectedVersion (updates), or is listed with its reason', () => {
    const { all, keyed, versioned } = mutations();
    expect(all.filter((n) => !keyed.includes(n) && !versioned.includes(n))).toEqual(Object.keys(NEITHER).sort());
    for (const m of [
      'createTag',
      'assignTag',
      'createGrid',
      'createGroupCustomer',
      'addGroupMember',
      'addProductHolding',
      'recordChurn',
      'createCompetitor',
      'addCompetitorProduct',
      'recordCompetitorPrice',
      'addCompetitorStrategy',
      'createAudience',
      'createCampaign',
      'linkCompetitorToOpportunity',
      'createCompetitivenessIndicator',
      'recordCompetitivenessScore',
    ]) {
      expect(keyed).toContain(m);
    }
    for (const m of ['saveTagRule', 'saveTierRule']) expect(versioned).toContain(m);
  });

  /**
   * For every mutation whose arguments carry `expectedVersion`: a target in the state the mutation
   * accepts, and the operation with a stale version (one ahead of the current one). The list must
   * match the schema.
   */
  const STALE: Record<string, () => Promise<{ viewer: Viewer; query: string; vars: Record<string, unknown> }>> = {
    updateTag: async () => {
      const t = (await mkt.ok(exec, `query ($id: ID!) { tag(id: $id) { id version } }`, { id: demoTagId('WON_BACK') })).tag;
      return { viewer: exec, query: `mutation ($i: UpdateTagInput!) { updateTag(input: $i) { id } }`, vars: { i: { id: t.id, expectedVersion: t.version + 1, name: '改名' } } };
    },
    saveTagRule: async () => {
      const t = await create(exec, 'createTag', 'CreateTagInput', {
        code: `RULE_${newId().slice(0, 6).toUpperCase()}`,
        name: '规则标签',
        definition: '测试',
        kind: 'RULE',
        categoryId: demoTagCategoryId('MARKETING_SERVICE.CAMPAIGN'),
      });
      const expression = { condition: { indicator: 'ORDER_VALUE', aggregate: 'COUNT', windowDays: 365, op: 'GTE', value: 2 } };
      const SAVE = `mutation ($i: SaveTagRuleInput!) { saveTagRule(input: $i) { version } }`;
      const v1 = (await mkt.ok(exec, SAVE, { i: { tagId: t.id, expression } })).saveTagRule;
      // Omitting the version once a rule exists is stale too (it means "I read no rule").
      return { viewer: exec, query: SAVE, vars: { i: { tagId: t.id, expression, expectedVersion: v1.version - 1 } } };
    },
    saveTierRule: async () => {
      const r = (await mkt.ok(exec, `{ tierRules { tier priority version } }`)).tierRules[0];
      const expression = { condition: { indicator: 'ORDER_VALUE', aggregate: 'SUM', windowDays: 365, op: 'GTE', value: 1 } };
      return {
        viewer: exec,
        query: `mutation ($i: SaveTierRuleInput!) { saveTierRule(input: $i) { tier } }`,
        vars: { i: { tier: r.tier, priority: r.priority, expression, expectedVersion: r.version + 1 } },
      };
    },
    updateGrid: async () => {
      const g = await grid();
      return { viewer: head, query: `mutation ($i: UpdateGridInput!) { updateGrid(input: $i) { id } }`, vars: { i: { id: g.id, expectedVersion: g.version + 1, name: '改名' } } };
    },
    deleteGrid: async () => {
      const g = await grid();
      return { viewer: head, query: `mutation ($id: ID!, $v: Int!) { deleteGrid(id: $id, expectedVersion: $v) }`, vars: { id: g.id, v: g.version + 1 } };
    },
    updateGroupCustomer: async () => {
      const g = await groupCustomer();
      return {
        viewer: staff,
        query: `mutation ($i: UpdateGroupCustomerInput!) { updateGroupCustomer(input: $i) { id } }`,
        vars: { i: { id: g.id, expectedVersion: g.version + 1, industry: '能源' } },
      };
    },
    retireGroupCustomer: async () => {
      const g = await groupCustomer();
      return { viewer: staff, query: `mutation ($id: ID!, $v: Int!) { retireGroupCustomer(id: $id, expectedVersion: $v) { id } }`, vars: { id: g.id, v: g.version + 1 } };
    },
    updateGroupMember: async () => {
      const m = await create(staff, 'addGroupMember', 'AddGroupMemberInput', { groupCustomerId: demoGroupCustomerId(resi[0]), name: '张三', role: 'MEMBER' });
      return {
        viewer: staff,
        query: `mutation ($i: UpdateGroupMemberInput!) { updateGroupMember(input: $i) { id } }`,
        vars: { i: { id: m.id, expectedVersion: m.version + 1, name: '李四' } },
      };
    },
    removeGroupMember: async () => {
      const m = await create(staff, 'addGroupMember', 'AddGroupMemberInput', { groupCustomerId: demoGroupCustomerId(resi[0]), name: '王五', role: 'MEMBER' });
      return { viewer: staff, query: `mutation ($id: ID!, $v: Int!) { removeGroupMember(id: $id, expectedVersion: $v) { id } }`, vars: { id: m.id, v: m.version + 1 } };
    },
    updateProductHolding: async () => {
      const h = await create(staff, 'addProductHolding', 'AddProductHoldingInput', {
        groupCustomerId: demoGroupCustomerId(resi[0]),
        productName: '智慧停车',
        since: '2026-01-05T00:00:00.000Z',
      });
      return {
        viewer: staff,
        query: `mutation ($i: UpdateProductHoldingInput!) { updateProductHolding(input: $i) { id } }`,
        vars: { i: { id: h.id, expectedVersion: h.version + 1, productName: '智慧安防' } },
      };
    },
    deleteProductHolding: async () => {
      const h = await create(staff, 'addProductHolding', 'AddProductHoldingInput', {
        groupCustomerId: demoGroupCustomerId(resi[0]),
        productName: '物业APP',
        since: '2026-01-05T00:00:00.000Z',
      });
      return { viewer: staff, query: `mutation ($id: ID!, $v: Int!) { deleteProductHolding(id: $id, expectedVersion: $v) }`, vars: { id: h.id, v: h.version + 1 } };
    },
    updateCompetitor: async () => {
      const c = await competitor();
      return {
        viewer: head,
        query: `mutation ($i: UpdateCompetitorInput!) { updateCompetitor(input: $i) { id } }`,
        vars: { i: { id: c.id, expectedVersion: c.version + 1, scaleNote: '中型' } },
      };
    },
    archiveCompetitor: async () => {
      const c = await competitor();
      return { viewer: head, query: `mutation ($id: ID!, $v: Int!) { archiveCompetitor(id: $id, expectedVersion: $v) { id } }`, vars: { id: c.id, v: c.version + 1 } };
    },
    updateCompetitorProduct: async () => {
      const p = await create(head, 'addCompetitorProduct', 'AddCompetitorProductInput', { competitorId: (await competitor()).id, name: '产品' });
      return {
        viewer: head,
        query: `mutation ($i: UpdateCompetitorProductInput!) { updateCompetitorProduct(input: $i) { id } }`,
        vars: { i: { id: p.id, expectedVersion: p.version + 1, name: '新名' } },
      };
    },
    deleteCompetitorProduct: async () => {
      const p = await create(head, 'addCompetitorProduct', 'AddCompetitorProductInput', { competitorId: (await competitor()).id, name: '产品' });
      return { viewer: head, query: `mutation ($id: ID!, $v: Int!) { deleteCompetitorProduct(id: $id, expectedVersion: $v) }`, vars: { id: p.id, v: p.version + 1 } };
    },
    updateCompetitorStrategy: async () => {
      const s = await create(head, 'addCompetitorStrategy', 'AddCompetitorStrategyInput', { competitorId: (await competitor()).id, line: 'GROUP_MEMBER', tariff: '八折' });
      return {
        viewer: head,
        query: `mutation ($i: UpdateCompetitorStrategyInput!) { updateCompetitorStrategy(input: $i) { id } }`,
        vars: { i: { id: s.id, expectedVersion: s.version + 1, tariff: '七折' } },
      };
    },
    deleteCompetitorStrategy: async () => {
      const s = await create(head, 'addCompetitorStrategy', 'AddCompetitorStrategyInput', { competitorId: (await competitor()).id, line: 'GROUP_MEMBER', tariff: '八折' });
      return { viewer: head, query: `mutation ($id: ID!, $v: Int!) { deleteCompetitorStrategy(id: $id, expectedVersion: $v) }`, vars: { id: s.id, v: s.version + 1 } };
    },
    updateCompetitivenessIndicator: async () => {
      const i = await create(exec, 'createCompetitivenessIndicator', 'CreateCompetitivenessIndicatorInput', {
        code: `R_${newId().slice(0, 8).toUpperCase()}`,
        name: '指标',
        weight: 1,
      });
      return {
        viewer: exec,
        query: `mutation ($i: UpdateCompetitivenessIndicatorInput!) { updateCompetitivenessIndicator(input: $i) { id } }`,
        vars: { i: { id: i.id, expectedVersion: i.version + 1, weight: 2 } },
      };
    },
    retireCompetitivenessIndicator: async () => {
      const i = await create(exec, 'createCompetitivenessIndicator', 'CreateCompetitivenessIndicatorInput', {
        code: `R_${newId().slice(0, 8).toUpperCase()}`,
        name: '指标',
        weight: 1,
      });
      return { viewer: exec, query: `mutation ($id: ID!, $v: Int!) { retireCompetitivenessIndicator(id: $id, expectedVersion: $v) { id } }`, vars: { id: i.id, v: i.version + 1 } };
    },
    updateCompetitivenessScore: async () => {
      const i = await create(exec, 'createCompetitivenessIndicator', 'CreateCompetitivenessIndicatorInput', {
        code: `R_${newId().slice(0, 8).toUpperCase()}`,
        name: '指标',
        weight: 1,
      });
      const s = await create(head, 'recordCompetitivenessScore', 'RecordCompetitivenessScoreInput', {
        competitorId: (await competitor()).id,
        indicatorId: i.id,
        period: '2026-Q1',
        score: 50,
      });
      return {
        viewer: head,
        query: `mutation ($i: UpdateCompetitivenessScoreInput!) { updateCompetitivenessScore(input: $i) { id } }`,
        vars: { i: { id: s.id, expectedVersion: s.version + 1, score: 60 } },
      };
    },
    recordCampaignResults: async () => {
      const a = await create(staff, 'createAudience', 'CreateAudienceInput', {
        name: '受众',
        segmentId: segmentId('RESI'),
        kind: 'DYNAMIC',
        expression: { tagId: demoTagId('HIGH_VALUE') },
      });
      const c = await create(staff, 'createCampaign', 'CreateCampaignInput', {
        name: '活动',
        audienceId: a.id,
        channel: 'PHONE',
        startsAt: '2026-03-01T00:00:00Z',
        endsAt: '2026-03-31T00:00:00Z',
        budget: 10,
      });
      return {
        viewer: staff,
        query: `mutation ($i: CampaignResultsInput!) { recordCampaignResults(input: $i) { id } }`,
        vars: { i: { campaignId: c.id, expectedVersion: c.version + 1, reached: 10 } },
      };
    },
    updateOpportunityCompetitor: async () => {
      const l = await create(head, 'linkCompetitorToOpportunity', 'LinkOpportunityCompetitorInput', {
        opportunityId: newId(),
        segmentId: segmentId('RESI'),
        competitorId: (await competitor()).id,
        threatLevel: 'LOW',
      });
      return {
        viewer: head,
        query: `mutation ($i: UpdateOpportunityCompetitorInput!) { updateOpportunityCompetitor(input: $i) { id } }`,
        vars: { i: { id: l.id, expectedVersion: l.version + 1, threatLevel: 'HIGH' } },
      };
    },
    unlinkCompetitorFromOpportunity: async () => {
      const l = await create(head, 'linkCompetitorToOpportunity', 'LinkOpportunityCompetitorInput', {
        opportunityId: newId(),
        segmentId: segmentId('RESI'),
        competitorId: (await competitor()).id,
        threatLevel: 'LOW',
      });
      return {
        viewer: head,
        query: `mutation ($id: ID!, $v: Int!) { unlinkCompetitorFromOpportunity(id: $id, expectedVersion: $v) { id } }`,
        vars: { id: l.id, v: l.version + 1 },
      };
    },
  };

  it('every update mutation (every one whose arguments carry expectedVersion) refuses a stale version with CONFLICT / STALE_VERSION', async () => {
    expect(Object.keys(STALE).sort()).toEqual(mutations().versioned);
    const notRefused: string[] = [];
    for (const [name, setup] of Object.entries(STALE)) {
      const { viewer, query, vars } = await setup();
      const r = await mkt.exec(viewer, query, vars);
      const e = r.errors?.[0]?.extensions;
      if (e?.code !== 'CONFLICT' || e?.reason !== 'STALE_VERSION') notRefused.push(`${name}: ${JSON.stringify(r.errors?.[0] ?? r.data)}`);
    }
    expect(notRefused).toEqual([]);
  });

  it('MKT-R13 saveTierRule / saveTagRule never overwrite blindly: an omitted expectedVersion is refused once a rule exists, and nothing changes', async () => {
    const before = (await mkt.ok(exec, `{ tierRules { tier priority version summary } }`)).tierRules;
    const r = before[0];
    const expression = { condition: { indicator: 'ORDER_VALUE', aggregate: 'SUM', windowDays: 30, op: 'GTE', value: 5 } };
    const SAVE = `mutation ($i: SaveTierRuleInput!) { saveTierRule(input: $i) { tier version } }`;
    const blind = await mkt.exec(exec, SAVE, { i: { tier: r.tier, priority: r.priority, expression } });
    expect(blind.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', currentVersion: r.version });
    expect((await mkt.ok(exec, `{ tierRules { tier priority version summary } }`)).tierRules).toEqual(before);
    expect((await mkt.ok(exec, SAVE, { i: { tier: r.tier, priority: r.priority, expression, expectedVersion: r.version } })).saveTierRule).toEqual({
      tier: r.tier,
      version: r.version + 1,
    });

    const t = await create(exec, 'createTag', 'CreateTagInput', {
      code: `RULE_${newId().slice(0, 6).toUpperCase()}`,
      name: '规则标签二',
      definition: '测试',
      kind: 'RULE',
      categoryId: demoTagCategoryId('MARKETING_SERVICE.CAMPAIGN'),
    });
    const TAG = `mutation ($i: SaveTagRuleInput!) { saveTagRule(input: $i) { version } }`;
    expect((await mkt.ok(exec, TAG, { i: { tagId: t.id, expression } })).saveTagRule.version).toBe(1);
    expect((await mkt.exec(exec, TAG, { i: { tagId: t.id, expression } })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
  });
});
