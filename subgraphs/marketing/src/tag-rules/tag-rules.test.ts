import 'reflect-metadata';
import { errorOf, segmentId, testDatabaseKinds, viewers } from '@group/shared/testing';
import { customerId, customersOf, MarketingTestApp, startMarketing } from '../testing/harness';
import { demoTagId } from '../database/seed';

const DAY = 24 * 3600 * 1000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();

const SAVE = /* GraphQL */ `
  mutation ($input: SaveTagRuleInput!) {
    saveTagRule(input: $input) {
      id
      version
      summary
      expression
      createdBy
    }
  }
`;
const RUN = /* GraphQL */ `
  mutation ($tagId: ID!) {
    runTagRule(tagId: $tagId) {
      ruleVersion
      matched
      added
      removed
      restamped
    }
  }
`;
const RECORD = /* GraphQL */ `
  mutation ($input: RecordCustomerIndicatorsInput!) {
    recordCustomerIndicators(input: $input) {
      written
    }
  }
`;
const SEGMENTS = /* GraphQL */ `
  mutation ($input: RecordCustomerSegmentsInput!) {
    recordCustomerSegments(input: $input) {
      written
    }
  }
`;
const ASSIGNED = /* GraphQL */ `
  query ($tagId: ID!) {
    tagAssignments(first: 100, filter: { tagId: $tagId }) {
      totalCount
      edges {
        node {
          id
          source
          ruleVersion
          assignedBy
          customer {
            id
          }
        }
      }
    }
  }
`;
const REMOVED = /* GraphQL */ `
  query ($tagId: ID!) {
    removedTagAssignments(first: 100, filter: { tagId: $tagId }) {
      edges {
        node {
          id
          removalReason
          ruleVersion
          customer {
            id
          }
        }
      }
    }
  }
`;

describe.each(testDatabaseKinds())('tag rules on %s', (kind) => {
  let mkt: MarketingTestApp;
  const resi = customersOf('RESI');
  const comm = customersOf('COMM');
  const exec = viewers.executive();
  const integration = viewers.integration();

  const assigned = async (tagCode: string, v = exec) => {
    const data = await mkt.ok(v, ASSIGNED, { tagId: demoTagId(tagCode) });
    return data.tagAssignments.edges.map((e: any) => e.node) as { id: string; source: string; ruleVersion: number | null; assignedBy: string | null; customer: { id: string } }[];
  };
  const customersWith = async (tagCode: string, v = exec) => (await assigned(tagCode, v)).map((a) => a.customer.id).sort();
  const record = (observations: { customerId: string; code: string; value: number; asOf: string }[]) =>
    mkt.ok(integration, RECORD, { input: { source: 'customer-service', observations } });

  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_rules' })));
  afterAll(() => mkt?.stop());

  it('MKT-R04 saves validated, versioned rules; only group executives author them', async () => {
    const tagId = demoTagId('REPEAT_BUYER');
    const expression = { condition: { indicator: 'ORDER_VALUE', aggregate: 'COUNT', windowDays: 365, op: 'GTE', value: 2 } };
    for (const v of [viewers.staff('RESI'), viewers.head('RESI'), viewers.admin('RESI'), integration]) {
      expect(errorOf(await mkt.exec(v, SAVE, { input: { tagId, expression } }))).toEqual({ code: 'FORBIDDEN', reason: 'TAG_RULE_FORBIDDEN' });
    }
    const invalid = [
      { condition: { ...expression.condition, indicator: 'NO_SUCH_INDICATOR' } },
      { condition: expression.condition, segmentIn: [segmentId('RESI')] },
      { and: [] },
      { not: { condition: { ...expression.condition, windowDays: 0 } } },
      {},
    ];
    for (const e of invalid) {
      expect(errorOf(await mkt.exec(exec, SAVE, { input: { tagId, expression: e } })).code).toBe('BAD_USER_INPUT');
    }
    expect(errorOf(await mkt.exec(exec, SAVE, { input: { tagId, expression: invalid[0] } })).reason).toBe('RULE_EXPRESSION_INVALID');
    expect(errorOf(await mkt.exec(exec, SAVE, { input: { tagId: demoTagId('REFERRAL'), expression } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'TAG_NOT_RULE_BASED',
    });

    const v1 = (await mkt.ok(exec, SAVE, { input: { tagId, expression, expectedVersion: 0 } })).saveTagRule;
    expect(v1).toMatchObject({ version: 1, summary: 'COUNT(ORDER_VALUE, 365d) >= 2', createdBy: exec.accountId });
    expect(JSON.parse(v1.expression)).toEqual({ condition: { indicator: 'ORDER_VALUE', aggregate: 'COUNT', windowDays: 365, op: 'GTE', value: 2 } });
    // A second author who also read "no rule" is refused.
    expect(errorOf(await mkt.exec(exec, SAVE, { input: { tagId, expression, expectedVersion: 0 } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const v2 = (await mkt.ok(exec, SAVE, { input: { tagId, expression: { not: expression }, expectedVersion: 1 } })).saveTagRule;
    expect(v2).toMatchObject({ version: 2, summary: 'NOT COUNT(ORDER_VALUE, 365d) >= 2' });

    const tag = await mkt.ok(viewers.staff('RESI'), `query ($id: ID!) { tag(id: $id) { owner indicatorDimension rule { version } ruleVersions { version } } }`, { id: tagId });
    expect(tag.tag).toEqual({ owner: '集团市场营销部', indicatorDimension: null, rule: { version: 2 }, ruleVersions: [{ version: 2 }, { version: 1 }] });
  });

  it('only a system integration account records indicators; unknown codes refuse the batch', async () => {
    const obs = [{ customerId: customerId(resi[0]), code: 'COMPLAINT_COUNT', value: 1, asOf: daysAgo(1) }];
    // A person's SYSTEM_ADMIN token is not an integration: the SYSTEM_INTEGRATION capability is required.
    for (const v of [exec, viewers.staff('RESI'), viewers.admin('RESI'), viewers.sysadmin()]) {
      expect(errorOf(await mkt.exec(v, RECORD, { input: { source: 'x', observations: obs } }))).toEqual({
        code: 'FORBIDDEN',
        reason: 'INDICATOR_INGESTION_FORBIDDEN',
      });
    }
    expect(errorOf(await mkt.exec(integration, RECORD, { input: { source: 'x', observations: [{ ...obs[0], code: 'NOPE' }] } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'UNKNOWN_INDICATOR',
    });
    expect(errorOf(await mkt.exec(integration, RECORD, { input: { source: 'x', observations: [{ ...obs[0], asOf: daysAgo(-2) }] } })).reason).toBe('INDICATOR_AS_OF_IN_FUTURE');
  });

  it('a rule over complaints ingested from customer-service tags exactly the matching customers; a second run changes nothing', async () => {
    const [a, b, c] = [resi[20], resi[21], resi[22]].map(customerId);
    const d = customerId(comm[20]);
    const before = await customersWith('COMPLAINT_30D');
    // Recorded twice (a producer retrying): the upsert keeps one observation per key.
    for (let i = 0; i < 2; i++) {
      await record([
        { customerId: a, code: 'COMPLAINT_COUNT', value: 1, asOf: daysAgo(3) },
        { customerId: b, code: 'COMPLAINT_COUNT', value: 2, asOf: daysAgo(10) },
        { customerId: c, code: 'COMPLAINT_COUNT', value: 5, asOf: daysAgo(45) }, // outside the 30-day window
        { customerId: d, code: 'COMPLAINT_COUNT', value: 1, asOf: daysAgo(1) },
      ]);
    }

    const first = (await mkt.ok(exec, RUN, { tagId: demoTagId('COMPLAINT_30D') })).runTagRule;
    const expected = [a, b, d].sort();
    expect(await customersWith('COMPLAINT_30D')).toEqual(expected);
    expect(first).toMatchObject({ ruleVersion: 1, matched: 3 });
    expect(first.added).toBe(expected.filter((x) => !before.includes(x)).length);
    expect(first.removed).toBe(before.filter((x) => !expected.includes(x)).length);
    const after1 = await assigned('COMPLAINT_30D');
    expect(after1.every((x) => x.source === 'RULE' && x.ruleVersion === 1 && x.assignedBy === 'rule:COMPLAINT_30D')).toBe(true);

    // Seeded assignments that no longer match stay visible as history.
    const removed = (await mkt.ok(exec, REMOVED, { tagId: demoTagId('COMPLAINT_30D') })).removedTagAssignments.edges.map((e: any) => e.node);
    expect(removed.map((r: any) => r.customer.id).sort()).toEqual(before.filter((x) => !expected.includes(x)).sort());
    expect(removed.every((r: any) => r.removalReason === 'RULE_UNMATCHED')).toBe(true);

    // Safe to re-run: nothing changes, the same assignments (ids) remain.
    const second = (await mkt.ok(exec, RUN, { tagId: demoTagId('COMPLAINT_30D') })).runTagRule;
    expect(second).toEqual({ ruleVersion: 1, matched: 3, added: 0, removed: 0, restamped: 0 });
    expect((await assigned('COMPLAINT_30D')).map((x) => x.id).sort()).toEqual(after1.map((x) => x.id).sort());

    // Segment visibility (§3.1.3 rule 6): RESI sees its two, COMM its one.
    expect(await customersWith('COMPLAINT_30D', viewers.head('RESI'))).toEqual([a, b].sort());
    expect(await customersWith('COMPLAINT_30D', viewers.staff('COMM'))).toEqual([d]);

    // Incremental: a new complaint for c adds exactly one assignment; the others are untouched.
    await record([{ customerId: c, code: 'COMPLAINT_COUNT', value: 1, asOf: daysAgo(0) }]);
    const third = (await mkt.ok(exec, RUN, { tagId: demoTagId('COMPLAINT_30D') })).runTagRule;
    expect(third).toEqual({ ruleVersion: 1, matched: 4, added: 1, removed: 0, restamped: 0 });
    const after3 = await assigned('COMPLAINT_30D');
    expect(
      after3
        .filter((x) => x.customer.id !== c)
        .map((x) => x.id)
        .sort(),
    ).toEqual(after1.map((x) => x.id).sort());
  });

  it('AND / OR / NOT over order value and the customer’s segment; a new version re-stamps what still matches', async () => {
    const [e, g] = [resi[23], resi[24]].map(customerId);
    const f = customerId(comm[23]);
    await record([
      { customerId: e, code: 'ORDER_VALUE', value: 70000, asOf: daysAgo(20) },
      { customerId: e, code: 'ORDER_VALUE', value: 50000, asOf: daysAgo(150) },
      { customerId: e, code: 'ORDER_VALUE', value: 900000, asOf: daysAgo(400) }, // older than 12 months
      { customerId: f, code: 'ORDER_VALUE', value: 200000, asOf: daysAgo(5) },
      { customerId: g, code: 'ORDER_VALUE', value: 50000, asOf: daysAgo(5) },
    ]);
    const bigSpender = { condition: { indicator: 'ORDER_VALUE', aggregate: 'SUM', windowDays: 365, op: 'GTE', value: 100000 } };
    const tagId = demoTagId('HIGH_VALUE');
    await mkt.ok(exec, SAVE, { input: { tagId, expression: { and: [bigSpender, { not: { segmentIn: [segmentId('COMM')] } }] } } });
    const r1 = (await mkt.ok(exec, RUN, { tagId })).runTagRule;
    expect(r1.matched).toBe(1);
    expect(await customersWith('HIGH_VALUE')).toEqual([e]);

    const v2 = { or: [{ and: [bigSpender, { not: { segmentIn: [segmentId('COMM')] } }] }, { and: [{ segmentIn: [segmentId('COMM')] }, bigSpender] }] };
    await mkt.ok(exec, SAVE, { input: { tagId, expression: v2, expectedVersion: 1 } });
    const r2 = (await mkt.ok(exec, RUN, { tagId })).runTagRule;
    expect(r2).toEqual({ ruleVersion: 2, matched: 2, added: 1, removed: 0, restamped: 1 });
    const rows = await assigned('HIGH_VALUE');
    expect(rows.map((x) => x.customer.id).sort()).toEqual([e, f].sort());
    expect(rows.every((x) => x.ruleVersion === 2)).toBe(true);
  });

  it('a run is set-based: a constant number of SQL statements whatever the number of customers', async () => {
    const tagId = demoTagId('LOW_SATISFACTION');
    let lastMatched = 0;
    const count = async () => {
      const start = mkt.app.counter.count;
      lastMatched = (await mkt.app.services.tagRules.run(tagId, null)).matched;
      return mkt.app.counter.count - start;
    };
    const small = await count();
    // Many more customers and observations: the statement count does not move.
    const extra = Array.from({ length: 400 }, (_, i) => ({ customerId: `bulk-${i}`, segmentId: segmentId('RESI') }));
    await mkt.ok(integration, SEGMENTS, { input: { customers: extra } });
    await record(extra.map((x, i) => ({ customerId: x.customerId, code: 'SATISFACTION_SCORE', value: i % 10, asOf: daysAgo(1) })));
    const large = await count();
    expect(large).toBe(small);
    // 10 for the run itself, +2 to keep the tag coverage summary (MKT-M3), +1 lock on MariaDB/MySQL.
    expect(large).toBeLessThanOrEqual(14);
    expect(lastMatched).toBeGreaterThanOrEqual(240);
    expect((await mkt.ok(exec, `{ tag(id: "${tagId}") { rule { version lastRun { ruleVersion } } } }`)).tag.rule).toEqual({ version: 1, lastRun: { ruleVersion: 1 } });
  });

  it('MKT §3.1.3-6 a customer moved to another segment takes its tags along', async () => {
    const moved = customerId(resi[25]);
    const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id tags { code } } } }`;
    const r = { r: [{ __typename: 'Customer', id: moved }] };
    const tagsBefore = (await mkt.ok(viewers.head('RESI'), q, r))._entities[0].tags;
    expect(tagsBefore.length).toBeGreaterThan(0);
    expect((await mkt.ok(viewers.head('COMM'), q, r))._entities[0]).toBeNull();

    expect((await mkt.ok(integration, SEGMENTS, { input: { customers: [{ customerId: moved, segmentId: segmentId('COMM') }] } })).recordCustomerSegments.written).toBe(1);
    // Sending it again is a no-op.
    expect((await mkt.ok(integration, SEGMENTS, { input: { customers: [{ customerId: moved, segmentId: segmentId('COMM') }] } })).recordCustomerSegments.written).toBe(0);
    expect((await mkt.ok(viewers.head('RESI'), q, r))._entities[0]).toBeNull();
    expect((await mkt.ok(viewers.head('COMM'), q, r))._entities[0].tags).toEqual(tagsBefore);
    const list = await mkt.ok(viewers.head('RESI'), `query ($c: ID!) { tagAssignments(first: 10, filter: { customerId: $c }) { totalCount } }`, { c: moved });
    expect(list.tagAssignments.totalCount).toBe(0);
    expect(errorOf(await mkt.exec(viewers.staff('RESI'), SEGMENTS, { input: { customers: [] } })).code).toBe('FORBIDDEN');

    // Its group-customer record (with members) and grid placement follow too.
    const group = customerId(resi[1]);
    const gq = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { grid { code } groupCustomer { members { totalCount } } } } }`;
    const gr = { r: [{ __typename: 'Customer', id: group }] };
    expect((await mkt.ok(viewers.head('RESI'), gq, gr))._entities[0].groupCustomer.members.totalCount).toBe(3);
    await mkt.ok(integration, SEGMENTS, { input: { customers: [{ customerId: group, segmentId: segmentId('COMM') }] } });
    expect((await mkt.ok(viewers.head('COMM'), gq, gr))._entities[0]).toEqual({ grid: null, groupCustomer: { members: { totalCount: 3 } } });
    expect(
      (await mkt.ok(viewers.head('COMM'), `{ groupCustomers(first: 50) { edges { node { customer { id } } } } }`)).groupCustomers.edges.map((e: any) => e.node.customer.id),
    ).toContain(group);
  });
});
