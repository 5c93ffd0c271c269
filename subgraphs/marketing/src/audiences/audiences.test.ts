import 'reflect-metadata';
import { errorOf, segmentId, testDatabaseKinds, viewers } from '@group/shared/testing';
import { customerId, customersOf, MarketingTestApp, startMarketing } from '../testing/harness';
import { demoTagId } from '../database/seed';

const CREATE = /* GraphQL */ `
  mutation ($i: CreateAudienceInput!) {
    createAudience(input: $i) {
      id
      kind
      size
      frozenAt
    }
  }
`;
const MEMBERS = /* GraphQL */ `
  query ($id: ID!, $after: String, $first: Int!) {
    audienceMembers(audienceId: $id, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
        }
      }
    }
  }
`;
const ASSIGNED = /* GraphQL */ `
  query ($tagId: ID!) {
    tagAssignments(first: 100, filter: { tagId: $tagId }) {
      edges {
        node {
          id
          customer {
            id
          }
        }
      }
    }
  }
`;

describe.each(testDatabaseKinds())('audiences, campaigns and tag coverage on %s', (kind) => {
  let mkt: MarketingTestApp;
  const staff = viewers.staff('RESI');
  const resiIds = new Set(customersOf('RESI').map(customerId));

  /** RESI customers having the tag, computed through the public tagAssignments list. */
  const holders = async (code: string) => new Set<string>((await mkt.ok(staff, ASSIGNED, { tagId: demoTagId(code) })).tagAssignments.edges.map((e: any) => e.node.customer.id));
  const allMembers = async (id: string, v = staff) => {
    const out: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await mkt.ok(v, MEMBERS, { id, after, first: 7 })).audienceMembers;
      out.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) return out;
      after = page.pageInfo.endCursor;
    }
  };

  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_audiences' })));
  afterAll(() => mkt?.stop());

  it('a dynamic audience is the customers of its segment matching the tag expression (AND / OR / NOT), paged', async () => {
    const [hv, cr, ir] = await Promise.all([holders('HIGH_VALUE'), holders('CHURN_RISK'), holders('INACTIVE_90D')]);
    const expression = { and: [{ or: [{ tagId: demoTagId('HIGH_VALUE') }, { tagId: demoTagId('CHURN_RISK') }] }, { not: { tagId: demoTagId('INACTIVE_90D') } }] };
    const a = (await mkt.ok(staff, CREATE, { i: { name: '高价值或流失预警', segmentId: segmentId('RESI'), kind: 'DYNAMIC', expression } })).createAudience;
    const expected = [...resiIds].filter((c) => (hv.has(c) || cr.has(c)) && !ir.has(c)).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(a).toMatchObject({ kind: 'DYNAMIC', size: expected.length, frozenAt: null });
    expect(await allMembers(a.id)).toEqual(expected);
    // Another segment cannot see it.
    expect(errorOf(await mkt.exec(viewers.head('COMM'), MEMBERS, { id: a.id, first: 5 })).code).toBe('NOT_FOUND');
    expect((await mkt.ok(viewers.head('COMM'), `{ audiences(first: 5) { totalCount } }`)).audiences.totalCount).toBe(0);
  });

  it('a snapshot keeps its members when tags change; a dynamic audience follows them', async () => {
    const tagId = demoTagId('REFERRAL');
    const expression = { tagId };
    const dyn = (await mkt.ok(staff, CREATE, { i: { name: '转介绍(动态)', segmentId: segmentId('RESI'), kind: 'DYNAMIC', expression } })).createAudience;
    const snap = (await mkt.ok(staff, CREATE, { i: { name: '转介绍(快照)', segmentId: segmentId('RESI'), kind: 'SNAPSHOT', expression } })).createAudience;
    expect(snap.size).toBe(dyn.size);
    expect(snap.frozenAt).not.toBeNull();
    const had = await holders('REFERRAL');
    const target = [...resiIds].find((c) => !had.has(c))!;
    await mkt.ok(staff, `mutation ($i: AssignTagInput!) { assignTag(input: $i) { id } }`, { i: { customerId: target, tagId } });
    const sizes = await mkt.ok(staff, `{ audiences(first: 10, orderBy: { field: NAME, direction: ASC }) { edges { node { name size } } } }`);
    const byName = new Map(sizes.audiences.edges.map((e: any) => [e.node.name, e.node.size]));
    expect(byName.get('转介绍(动态)')).toBe(dyn.size + 1);
    expect(byName.get('转介绍(快照)')).toBe(snap.size);
    expect(await allMembers(snap.id)).not.toContain(target);
    expect(await allMembers(dyn.id)).toContain(target);
  });

  it('audience sizes of a whole page cost one statement; bad expressions and other segments are refused', async () => {
    const before = mkt.app.counter.count;
    await mkt.ok(staff, `{ audiences(first: 10) { edges { node { size } } } }`);
    expect(mkt.app.counter.count - before).toBe(2);
    const i = { name: 'x', segmentId: segmentId('RESI'), kind: 'DYNAMIC' };
    expect(errorOf(await mkt.exec(staff, CREATE, { i: { ...i, expression: { tagId: 'nope' } } }))).toMatchObject({ code: 'NOT_FOUND', reason: 'TAG_NOT_FOUND' });
    expect(errorOf(await mkt.exec(staff, CREATE, { i: { ...i, expression: { and: [] } } })).reason).toBe('AUDIENCE_EXPRESSION_INVALID');
    expect(errorOf(await mkt.exec(staff, CREATE, { i: { ...i, segmentId: segmentId('COMM'), expression: { tagId: demoTagId('REFERRAL') } } })).code).toBe('FORBIDDEN');
    expect(errorOf(await mkt.exec(viewers.executive(), CREATE, { i: { ...i, expression: { tagId: demoTagId('REFERRAL') } } })).code).toBe('FORBIDDEN');
  });

  it('campaigns target an audience through a channel with period, budget and results', async () => {
    const a = (await mkt.ok(staff, CREATE, { i: { name: '活动目标', segmentId: segmentId('RESI'), kind: 'SNAPSHOT', expression: { tagId: demoTagId('KEY_ACCOUNT') } } }))
      .createAudience;
    const c = (
      await mkt.ok(staff, `mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id version channel budget audience { id size } } }`, {
        i: { name: '春季回访', audienceId: a.id, channel: 'PHONE', startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-03-31T00:00:00Z', budget: 50000 },
      })
    ).createCampaign;
    expect(c).toMatchObject({ channel: 'PHONE', budget: 50000, audience: { id: a.id, size: a.size } });
    const RESULTS = `mutation ($i: CampaignResultsInput!) { recordCampaignResults(input: $i) { version reached responded converted revenue } }`;
    const r = (await mkt.ok(viewers.head('RESI'), RESULTS, { i: { campaignId: c.id, expectedVersion: c.version, reached: 10, responded: 4, converted: 2, revenue: 80000 } }))
      .recordCampaignResults;
    expect(r).toEqual({ version: c.version + 1, reached: 10, responded: 4, converted: 2, revenue: 80000 });
    expect(errorOf(await mkt.exec(staff, RESULTS, { i: { campaignId: c.id, expectedVersion: c.version, reached: 11 } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect((await mkt.ok(viewers.head('COMM'), `{ campaigns(first: 5) { totalCount } }`)).campaigns.totalCount).toBe(0);
    expect((await mkt.ok(viewers.executive(), `query ($a: ID) { campaigns(first: 5, filter: { audienceId: $a }) { totalCount } }`, { a: a.id })).campaigns.totalCount).toBe(1);
  });

  it('MKT-M3 tag coverage per level-1 category over the readable segments', async () => {
    const q = `{ tagCoverage { customers assignments tagsPerCustomer byCategory { category { code } customers rate } } }`;
    const resi = (await mkt.ok(viewers.head('RESI'), q)).tagCoverage;
    expect(resi.customers).toBe(resiIds.size);
    expect(resi.byCategory.map((c: any) => c.category.code)).toEqual(['CHANNEL_MANAGEMENT', 'COMPETITOR_RESEARCH', 'CUSTOMER_BEHAVIOR', 'MARKETING_SERVICE', 'PRODUCT_OPERATIONS']);
    // Cross-check one category against the public assignment list.
    const behaviour = ['HIGH_VALUE', 'INACTIVE_90D', 'REPEAT_BUYER', 'COMPLAINT_30D', 'REPEAT_COMPLAINER', 'COMPLAINT_RESOLVED', 'CHURN_RISK', 'CONTRACT_EXPIRING', 'WON_BACK'];
    const covered = new Set<string>();
    for (const code of behaviour) for (const c of await holders(code)) covered.add(c);
    const row = resi.byCategory.find((c: any) => c.category.code === 'CUSTOMER_BEHAVIOR');
    expect(row).toEqual({ category: { code: 'CUSTOMER_BEHAVIOR' }, customers: covered.size, rate: covered.size / resiIds.size });
    const all = (await mkt.ok(viewers.executive(), q)).tagCoverage;
    expect(all.customers).toBeGreaterThan(resi.customers);
    expect((await mkt.ok(viewers.sysadmin(), q)).tagCoverage).toMatchObject({ customers: 0, assignments: 0 });
  });
});
