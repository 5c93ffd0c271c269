import 'reflect-metadata';
import { Capability, Viewer } from '@group/shared';
import { errorOf, segmentId, testDatabaseKinds, viewers } from '@group/shared/testing';
import { customerId, customersOf, MarketingTestApp, startMarketing } from './testing/harness';
import { demoTagId } from './database/seed';

const operatorOf = (v: Viewer): Viewer => ({ ...v, capabilities: [Capability.MARKETING_OPERATOR] });

describe.each(testDatabaseKinds())('the group marketing department operator on %s', (kind) => {
  let mkt: MarketingTestApp;
  const staff = viewers.staff('RESI');
  const operator = operatorOf(staff);

  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_operator' })));
  afterAll(() => mkt?.stop());

  it('MKT-R23 authors and runs tag rules (the tag library owner), which its role alone may not', async () => {
    const SAVE = `mutation ($i: SaveTagRuleInput!) { saveTagRule(input: $i) { version createdBy } }`;
    const input = { tagId: demoTagId('REPEAT_BUYER'), expression: { condition: { indicator: 'ORDER_VALUE', aggregate: 'COUNT', windowDays: 365, op: 'GTE', value: 2 } } };
    expect(errorOf(await mkt.exec(staff, SAVE, { i: input }))).toEqual({ code: 'FORBIDDEN', reason: 'TAG_RULE_FORBIDDEN' });
    expect((await mkt.ok(operator, SAVE, { i: input })).saveTagRule).toEqual({ version: 1, createdBy: operator.accountId });
    const RUN = `mutation ($t: ID!) { runTagRule(tagId: $t) { ruleVersion } }`;
    expect(errorOf(await mkt.exec(staff, RUN, { t: input.tagId }))).toEqual({ code: 'FORBIDDEN', reason: 'TAG_RULE_RUN_FORBIDDEN' });
    expect((await mkt.ok(operator, RUN, { t: input.tagId })).runTagRule).toEqual({ ruleVersion: 1 });
    // Without the capability, the role alone stays refused.
    expect(errorOf(await mkt.exec(viewers.admin('RESI'), RUN, { t: input.tagId })).code).toBe('FORBIDDEN');
  });

  it('MKT-R13 G-23 defines and runs tier rules and sets KEY_ACCOUNT in the segments it reads', async () => {
    const SAVE = `mutation ($i: SaveTierRuleInput!) { saveTierRule(input: $i) { tier version } }`;
    const current = (await mkt.ok(operator, `{ tierRules { tier version } }`)).tierRules.find((r: { tier: string; version: number }) => r.tier === 'HIGH_END')?.version ?? 0;
    const input = {
      tier: 'HIGH_END',
      priority: 5,
      expression: { condition: { indicator: 'ORDER_VALUE', aggregate: 'SUM', windowDays: 365, op: 'GTE', value: 200000 } },
      expectedVersion: current,
    };
    expect(errorOf(await mkt.exec(staff, SAVE, { i: input })).reason).toBe('TIER_RULE_FORBIDDEN');
    const saved = (await mkt.ok(operator, SAVE, { i: input })).saveTierRule;
    // Tier rules are versioned: a stale expectedVersion is refused.
    expect(errorOf(await mkt.exec(operator, SAVE, { i: { ...input, expectedVersion: saved.version - 1 } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect((await mkt.ok(operator, SAVE, { i: { ...input, expectedVersion: saved.version } })).saveTierRule.version).toBe(saved.version + 1);
    expect(errorOf(await mkt.exec(staff, `mutation { runTierRules { tier } }`)).reason).toBe('TIER_RUN_FORBIDDEN');
    await mkt.ok(operator, `mutation { runTierRules { tier } }`);

    const OVERRIDE = `mutation ($c: ID!) { overrideCustomerTier(customerId: $c, tier: KEY_ACCOUNT) { tier } }`;
    const resiCustomer = customerId(customersOf('RESI')[3]);
    expect(errorOf(await mkt.exec(staff, OVERRIDE, { c: resiCustomer })).reason).toBe('TIER_OVERRIDE_FORBIDDEN');
    expect((await mkt.ok(operator, OVERRIDE, { c: resiCustomer })).overrideCustomerTier).toEqual({ tier: 'KEY_ACCOUNT' });
    // Still bound by segment visibility: a COMM customer is not found for a RESI operator...
    expect(errorOf(await mkt.exec(operator, OVERRIDE, { c: customerId(customersOf('COMM')[3]) })).code).toBe('NOT_FOUND');
    // ...but found for an executive operator, who reads every segment.
    expect((await mkt.ok(operatorOf(viewers.executive()), OVERRIDE, { c: customerId(customersOf('COMM')[3]) })).overrideCustomerTier).toEqual({ tier: 'KEY_ACCOUNT' });
  });

  it('campaigns: an executive operator creates audiences and campaigns in any segment; the plain executive may not', async () => {
    const exec = viewers.executive();
    const CREATE = `mutation ($i: CreateAudienceInput!) { createAudience(input: $i) { id } }`;
    const input = { name: '集团营销活动受众', segmentId: segmentId('COMM'), kind: 'DYNAMIC', expression: { tagId: demoTagId('HIGH_VALUE') } };
    expect(errorOf(await mkt.exec(exec, CREATE, { i: input })).reason).toBe('AUDIENCE_WRITE_FORBIDDEN');
    const a = (await mkt.ok(operatorOf(exec), CREATE, { i: input })).createAudience;
    const CAMPAIGN = `mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id audience { id } } }`;
    const c = (
      await mkt.ok(operatorOf(exec), CAMPAIGN, {
        i: { name: '集团统一活动', audienceId: a.id, channel: 'PHONE', startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-03-31T00:00:00Z', budget: 1 },
      })
    ).createCampaign;
    expect(c.audience.id).toBe(a.id);
    // A RESI staff operator cannot write COMM data (it cannot read it).
    expect(errorOf(await mkt.exec(operator, CREATE, { i: input })).reason).toBe('SEGMENT_FORBIDDEN');
  });
});
