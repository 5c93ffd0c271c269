import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { startTestGraph, TestGraph } from '../support/graph';
import { report } from '../support/processes';

/**
 * Issue 17 item 1, customer-service and marketing: every "at most N / exactly
 * one" rule holds under 20 concurrent attempts on MariaDB (SQLite serialises
 * writes, so only MariaDB can break them). Each case fires 20 attempts at once
 * through the gateway and asserts the outcome is exactly at the limit, every
 * other attempt refused with the rule's stable reason (no 500, no
 * UNAVAILABLE/deadlock, nothing else), and the stored rows agree.
 */
const N = 20;

type Result = { status: number; body: { data?: any; errors?: any[] } };

/** Successes (the root field answered, no error) and refusals by `extensions.reason` (or code). */
function tally(results: Result[], field: string) {
  const ok = results.filter((r) => !r.body.errors?.length && r.body.data?.[field] !== undefined);
  const refused: Record<string, number> = {};
  for (const r of results) {
    if (ok.includes(r)) continue;
    const e = r.body.errors?.[0];
    const reason = String(e?.extensions?.reason ?? e?.extensions?.code ?? `HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    refused[reason] = (refused[reason] ?? 0) + 1;
  }
  return { ok, refused };
}

/** Exactly `okCount` successes; every other attempt refused with one of `reasons`. */
function expectExactly(title: string, results: Result[], field: string, okCount: number, reasons: string[], extra: Record<string, string | number> = {}) {
  const { ok, refused } = tally(results, field);
  report(title, { attempts: results.length, successes: ok.length, ...Object.fromEntries(Object.entries(refused).map(([k, v]) => [`refused ${k}`, v])), ...extra });
  expect({ successes: ok.length, refused: Object.keys(refused).filter((r) => !reasons.includes(r)) }).toEqual({ successes: okCount, refused: [] });
  return ok;
}

const fire = (n: number, attempt: (i: number) => Promise<Result>) => Promise.all(Array.from({ length: n }, (_, i) => attempt(i)));
const one = async (ds: DataSource, sql: string, params: unknown[] = []) => Number(Object.values((await ds.query(sql, params))[0] ?? { n: 0 })[0] ?? 0);

describe('aggregate invariants under 20 concurrent attempts on mariadb (customer-service, marketing)', () => {
  let g: TestGraph;
  let cs: DataSource;
  let mkt: DataSource;
  let head: string;
  let staff: string;
  let admin: string;
  let exec: string;
  let segmentId: string;

  beforeAll(async () => {
    g = await startTestGraph('mariadb');
    cs = g.apps['customer-service'].dataSource;
    mkt = g.apps.marketing.dataSource;
    [head, staff, admin, exec] = await Promise.all(['head.resi@example.com', 'staff.resi@example.com', 'admin.resi@example.com', 'executive@example.com'].map((e) => g.login(e)));
    const r = await g.request('{ customers(first: 1) { edges { node { segment { id } } } } }', { token: head });
    segmentId = r.body.data.customers.edges[0].node.segment.id;
  }, 180_000);
  afterAll(() => g?.stop());

  const ask = (token: string, query: string, variables?: Record<string, unknown>) => g.request(query, { token, variables });
  const data = async (token: string, query: string, variables?: Record<string, unknown>) => {
    const r = await ask(token, query, variables);
    if (r.body.errors?.length) throw new Error(`setup failed: ${JSON.stringify(r.body.errors)}`);
    return r.body.data;
  };
  const newCustomer = async (name: string) =>
    (await data(head, 'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id version } }', { i: { name, kind: 'ORGANIZATION', segmentId } })).createCustomer as {
      id: string;
      version: number;
    };
  const newComplaint = async (customerId: string) =>
    (
      await data(staff, 'mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id version } }', {
        i: { customerId, title: '并发测试', description: '同一投诉的并发操作', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' },
      })
    ).createComplaint as { id: string; version: number };
  /** Marketing customers of the segment (the projection), `n` of them. */
  const marketingCustomers = async (n: number): Promise<string[]> =>
    (await mkt.query('SELECT customer_id AS id FROM customer_profile WHERE segment_id = ? ORDER BY customer_id LIMIT ?', [segmentId, n])).map((r: { id: string }) => String(r.id));

  // ---------------------------------------------------------------- marketing

  it('G-24: 20 concurrent customer-manager assignments of one customer leave exactly one active manager', async () => {
    const [customerId] = await marketingCustomers(1);
    const results = await fire(N, () =>
      ask(head, 'mutation($c: ID!, $e: ID) { assignCustomerManager(customerId: $c, employeeId: $e) { id } }', { c: customerId, e: randomUUID() }),
    );
    const active = await one(mkt, 'SELECT COUNT(*) AS n FROM customer_manager_assignment WHERE customer_id = ? AND ended_at IS NULL', [customerId]);
    expectExactly('G-24 one active customer manager', results, 'assignCustomerManager', N, [], { 'active managers after': active });
    expect(active).toBe(1);
  });

  it('G-22: a grid deleted while 19 customers are placed in it concurrently is either refused (not empty) or leaves no customer in a deleted grid', async () => {
    const customers = await marketingCustomers(N - 1);
    // Three rounds, the delete fired first, in the middle and last among the placements.
    for (const deleteAt of [0, 10, N - 1]) {
      const grid = (
        await data(head, 'mutation($i: CreateGridInput!) { createGrid(input: $i) { id version } }', {
          i: { code: `RACE-${deleteAt}-${Date.now()}`, name: '并发网格', segmentId, coverageTarget: 10 },
        })
      ).createGrid;
      const results = await fire(N, (i) =>
        i === deleteAt
          ? ask(head, 'mutation($id: ID!, $v: Int!) { deleteGrid(id: $id, expectedVersion: $v) }', { id: grid.id, v: grid.version })
          : ask(head, 'mutation($c: ID!, $g: ID) { placeCustomerInGrid(customerId: $c, gridId: $g) { id } }', { c: customers[i > deleteAt ? i - 1 : i], g: grid.id }),
      );
      const del = tally([results[deleteAt]], 'deleteGrid');
      const places = results.filter((_, i) => i !== deleteAt);
      const placed = tally(places, 'placeCustomerInGrid').ok.length;
      const orphans = await one(mkt, 'SELECT COUNT(*) AS n FROM customer_profile p WHERE p.grid_id = ? AND NOT EXISTS (SELECT 1 FROM grid x WHERE x.id = p.grid_id)', [grid.id]);
      const deleted = del.ok.length === 1;
      report(`G-22 grid deleted only when empty (delete fired at ${deleteAt})`, {
        'grid deleted': deleted ? 'yes' : `no (${Object.keys(del.refused).join()})`,
        'customers placed': placed,
        'customers left in a deleted grid': orphans,
      });
      expect(orphans).toBe(0);
      if (deleted) expectExactly('G-22 placements after the delete', places, 'placeCustomerInGrid', 0, ['GRID_NOT_FOUND']);
      else {
        expect(Object.keys(del.refused)).toEqual(['GRID_NOT_EMPTY']);
        expect(placed).toBe(N - 1);
      }
      // Empty the customers' grid for the next round.
      await mkt.query('UPDATE customer_profile SET grid_id = NULL WHERE grid_id = ?', [grid.id]);
    }
  });

  it('G-22: a grid deleted while 19 sub-grids are created under it concurrently is either refused (not empty) or leaves no orphan sub-grid', async () => {
    for (const deleteAt of [0, 10, N - 1]) {
      const parent = (
        await data(head, 'mutation($i: CreateGridInput!) { createGrid(input: $i) { id version } }', {
          i: { code: `RACE-P${deleteAt}-${Date.now()}`, name: '并发父网格', segmentId, coverageTarget: 10 },
        })
      ).createGrid;
      const results = await fire(N, (i) =>
        i === deleteAt
          ? ask(head, 'mutation($id: ID!, $v: Int!) { deleteGrid(id: $id, expectedVersion: $v) }', { id: parent.id, v: parent.version })
          : ask(head, 'mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
              i: { code: `RACE-C${deleteAt}-${i}-${Date.now()}`, name: '并发子网格', segmentId, parentId: parent.id, coverageTarget: 1 },
            }),
      );
      const del = tally([results[deleteAt]], 'deleteGrid');
      const creates = results.filter((_, i) => i !== deleteAt);
      const created = tally(creates, 'createGrid').ok.length;
      const orphans = await one(mkt, 'SELECT COUNT(*) AS n FROM grid c WHERE c.parent_id = ? AND NOT EXISTS (SELECT 1 FROM grid x WHERE x.id = c.parent_id)', [parent.id]);
      report(`G-22 grid deleted only without sub-grids (delete fired at ${deleteAt})`, {
        'grid deleted': del.ok.length ? 'yes' : `no (${Object.keys(del.refused).join()})`,
        'sub-grids created': created,
        'orphan sub-grids': orphans,
      });
      expect(orphans).toBe(0);
      if (del.ok.length) expectExactly('G-22 sub-grids after the delete', creates, 'createGrid', 0, ['GRID_NOT_FOUND']);
      else {
        expect(Object.keys(del.refused)).toEqual(['GRID_NOT_EMPTY']);
        expect(created).toBe(N - 1);
      }
    }
  });

  it('MKT-R01: 20 concurrent assignments of one manual tag to one customer: exactly 1, the rest TAG_ALREADY_ASSIGNED', async () => {
    const [tag] = await mkt.query("SELECT id FROM tag WHERE kind = 'MANUAL' AND valid_to IS NULL AND (valid_from IS NULL OR valid_from <= NOW()) ORDER BY code LIMIT 1");
    const [customerId] = (
      await mkt.query(
        'SELECT customer_id AS id FROM customer_profile p WHERE segment_id = ? AND NOT EXISTS (SELECT 1 FROM tag_assignment a WHERE a.customer_id = p.customer_id AND a.tag_id = ?) LIMIT 1',
        [segmentId, tag.id],
      )
    ).map((r: { id: string }) => r.id);
    const results = await fire(N, () => ask(staff, 'mutation($i: AssignTagInput!) { assignTag(input: $i) { id } }', { i: { customerId, tagId: tag.id } }));
    expectExactly('MKT-R01 one assignment per (customer, tag)', results, 'assignTag', 1, ['TAG_ALREADY_ASSIGNED']);
    expect(await one(mkt, 'SELECT COUNT(*) AS n FROM tag_assignment WHERE customer_id = ? AND tag_id = ?', [customerId, tag.id])).toBe(1);
  });

  it('MKT-R04: 20 concurrent saves of the next version of one tag rule: exactly 1 new version, the rest STALE_VERSION', async () => {
    const [tag] = await mkt.query("SELECT id FROM tag WHERE kind = 'RULE' ORDER BY code LIMIT 1");
    const current = await one(mkt, 'SELECT COALESCE(MAX(version), 0) AS n FROM tag_rule WHERE tag_id = ?', [tag.id]);
    const results = await fire(N, () =>
      ask(exec, 'mutation($i: SaveTagRuleInput!) { saveTagRule(input: $i) { version } }', {
        i: { tagId: tag.id, expectedVersion: current, expression: { segmentIn: [segmentId] } },
      }),
    );
    expectExactly('MKT-R04 one tag rule version per save', results, 'saveTagRule', 1, ['STALE_VERSION']);
    expect(await one(mkt, 'SELECT COUNT(*) AS n FROM tag_rule WHERE tag_id = ? AND version = ?', [tag.id, current + 1])).toBe(1);
    expect(await one(mkt, 'SELECT MAX(version) AS n FROM tag_rule WHERE tag_id = ?', [tag.id])).toBe(current + 1);
  });

  it('MKT-R13: 20 concurrent saves of one tier rule version: exactly 1, the rest STALE_VERSION', async () => {
    const current = await one(mkt, "SELECT COALESCE(MAX(version), 0) AS n FROM tier_rule WHERE tier = 'HIGH_VALUE'");
    const results = await fire(N, (i) =>
      ask(exec, 'mutation($i: SaveTierRuleInput!) { saveTierRule(input: $i) { version } }', {
        i: { tier: 'HIGH_VALUE', priority: 10 + i, expectedVersion: current, expression: { segmentIn: [segmentId] } },
      }),
    );
    expectExactly('MKT-R13 one tier rule per tier', results, 'saveTierRule', 1, ['STALE_VERSION']);
    expect(await one(mkt, "SELECT COUNT(*) AS n FROM tier_rule WHERE tier = 'HIGH_VALUE'")).toBe(1);
    expect(await one(mkt, "SELECT version AS n FROM tier_rule WHERE tier = 'HIGH_VALUE'")).toBe(current + 1);
  });

  it('MKT-R12: 20 concurrent group-customer creations for one customer: exactly 1, the rest GROUP_CUSTOMER_EXISTS', async () => {
    const [customerId] = (
      await mkt.query(
        'SELECT customer_id AS id FROM customer_profile p WHERE segment_id = ? AND NOT EXISTS (SELECT 1 FROM group_customer x WHERE x.customer_id = p.customer_id) LIMIT 1',
        [segmentId],
      )
    ).map((r: { id: string }) => r.id);
    const results = await fire(N, () => ask(head, 'mutation($i: CreateGroupCustomerInput!) { createGroupCustomer(input: $i) { id } }', { i: { customerId, industry: '制造业' } }));
    expectExactly('MKT-R12 one group customer per customer', results, 'createGroupCustomer', 1, ['GROUP_CUSTOMER_EXISTS']);
    expect(await one(mkt, 'SELECT COUNT(*) AS n FROM group_customer WHERE customer_id = ?', [customerId])).toBe(1);
  });

  it('MKT-R12: 20 concurrent retirements of one group customer: exactly 1, the rest refused', async () => {
    const [customerId] = (
      await mkt.query(
        'SELECT customer_id AS id FROM customer_profile p WHERE segment_id = ? AND NOT EXISTS (SELECT 1 FROM group_customer x WHERE x.customer_id = p.customer_id) LIMIT 1',
        [segmentId],
      )
    ).map((r: { id: string }) => r.id);
    const group = (await data(head, 'mutation($i: CreateGroupCustomerInput!) { createGroupCustomer(input: $i) { id version } }', { i: { customerId } })).createGroupCustomer;
    const results = await fire(N, () =>
      ask(head, 'mutation($id: ID!, $v: Int!) { retireGroupCustomer(id: $id, expectedVersion: $v) { version } }', { id: group.id, v: group.version }),
    );
    expectExactly('MKT-R12 a group customer is retired once', results, 'retireGroupCustomer', 1, ['STALE_VERSION', 'GROUP_CUSTOMER_RETIRED']);
    expect(await one(mkt, 'SELECT version AS n FROM group_customer WHERE id = ?', [group.id])).toBe(group.version + 1);
  });

  it('MKT-R05: 20 concurrent links of one competitor to one opportunity: exactly 1, the rest OPPORTUNITY_COMPETITOR_EXISTS', async () => {
    const customer = await newCustomer('并发竞品客户');
    const opp = (
      await data(head, 'mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }', { i: { customerId: customer.id, name: '并发竞品商机', amount: 100 } })
    ).createOpportunity;
    const competitor = (
      await data(exec, 'mutation($i: CreateCompetitorInput!) { createCompetitor(input: $i) { id } }', { i: { legalName: `并发竞品${Date.now()}`, ownershipType: 'PRIVATE' } })
    ).createCompetitor;
    const results = await fire(N, () =>
      ask(head, 'mutation($i: LinkOpportunityCompetitorInput!) { linkCompetitorToOpportunity(input: $i) { id } }', {
        i: { opportunityId: opp.id, segmentId, competitorId: competitor.id, threatLevel: 'HIGH' },
      }),
    );
    expectExactly('MKT-R05 one link per (opportunity, competitor)', results, 'linkCompetitorToOpportunity', 1, ['OPPORTUNITY_COMPETITOR_EXISTS']);
    expect(await one(mkt, 'SELECT COUNT(*) AS n FROM opportunity_competitor WHERE opportunity_id = ? AND competitor_id = ?', [opp.id, competitor.id])).toBe(1);
  });

  // --------------------------------------------------------- customer service

  it('CS-R14: 20 concurrent primary contacts added to one customer leave exactly one primary contact', async () => {
    const customer = await newCustomer('并发主联系人客户');
    const results = await fire(N, (i) =>
      ask(head, 'mutation($i: AddCustomerContactInput!) { addCustomerContact(input: $i) { id } }', { i: { customerId: customer.id, name: `联系人${i}`, isPrimary: true } }),
    );
    const primaries = await one(cs, 'SELECT COUNT(*) AS n FROM customer_contact WHERE customer_id = ? AND is_primary = 1', [customer.id]);
    expectExactly('CS-R14 one primary contact', results, 'addCustomerContact', N, [], { 'primary contacts after': primaries });
    expect(primaries).toBe(1);
  });

  it('G-17: 20 concurrent merges of one duplicate into 20 survivors: exactly 1 merge, the rest refused', async () => {
    const duplicate = await newCustomer('并发合并-重复');
    const survivors: { id: string; version: number }[] = [];
    for (let i = 0; i < N; i++) survivors.push(await newCustomer(`并发合并-保留${i}`));
    const results = await fire(N, (i) =>
      ask(head, 'mutation($i: MergeCustomersInput!) { mergeCustomers(input: $i) { customer { id } } }', {
        i: { survivorId: survivors[i].id, survivorExpectedVersion: survivors[i].version, duplicateId: duplicate.id, duplicateExpectedVersion: duplicate.version },
      }),
    );
    const merges = await one(cs, 'SELECT COUNT(*) AS n FROM customer_merge WHERE duplicate_id = ?', [duplicate.id]);
    expectExactly('G-17 a duplicate is merged once', results, 'mergeCustomers', 1, ['CUSTOMER_NOT_FOUND', 'STALE_VERSION'], { 'merge records': merges });
    expect(merges).toBe(1);
  });

  it('G-09: 20 concurrent first configurations of a segment stage list: exactly 1, the rest STALE_VERSION', async () => {
    const current = await one(cs, 'SELECT COALESCE(MAX(version), 0) AS n FROM opportunity_stage WHERE segment_id = ?', [segmentId]);
    const defaults: { code: string; name: string; probability: number }[] = await cs.query(
      'SELECT code, name, probability FROM opportunity_stage WHERE segment_id IS NULL ORDER BY position',
    );
    const stages = defaults.map((s) => ({ code: s.code, name: s.name, probability: Number(s.probability) }));
    const results = await fire(N, () =>
      ask(admin, 'mutation($s: ID!, $v: Int!, $l: [OpportunityStageInput!]!) { configureOpportunityStages(segmentId: $s, expectedVersion: $v, stages: $l) { code } }', {
        s: segmentId,
        v: current,
        l: stages,
      }),
    );
    expectExactly('G-09 one stage list per segment', results, 'configureOpportunityStages', 1, ['STALE_VERSION']);
    expect(await one(cs, 'SELECT COUNT(*) AS n FROM opportunity_stage WHERE segment_id = ?', [segmentId])).toBe(stages.length);
    expect(await one(cs, 'SELECT COUNT(DISTINCT version) AS n FROM opportunity_stage WHERE segment_id = ?', [segmentId])).toBe(1);
  });

  it('G-02: 20 concurrent transitions of one complaint: exactly 1, the rest STALE_VERSION', async () => {
    const customer = await newCustomer('并发投诉客户');
    const complaint = await newComplaint(customer.id);
    const results = await fire(N, () =>
      ask(staff, 'mutation($i: TransitionComplaintInput!) { transitionComplaint(input: $i) { status } }', {
        i: { id: complaint.id, expectedVersion: complaint.version, action: 'ACCEPT' },
      }),
    );
    expectExactly('G-02 one transition per complaint version', results, 'transitionComplaint', 1, ['STALE_VERSION', 'COMPLAINT_TRANSITION_NOT_ALLOWED']);
    expect(await one(cs, 'SELECT COUNT(*) AS n FROM complaint_event WHERE complaint_id = ?', [complaint.id])).toBe(2);
  });

  it('G-01/CS-R03: 20 concurrent manual escalations of one complaint: exactly 1 level up, the rest refused', async () => {
    const customer = await newCustomer('并发升级客户');
    const complaint = await newComplaint(customer.id);
    const results = await fire(N, () =>
      ask(head, 'mutation($i: EscalateComplaintInput!) { escalateComplaint(input: $i) { version } }', {
        i: { complaintId: complaint.id, expectedVersion: complaint.version, note: '客户情绪激动' },
      }),
    );
    expectExactly('G-01 one escalation per level', results, 'escalateComplaint', 1, ['STALE_VERSION', 'ESCALATED_MEANWHILE']);
    expect(await one(cs, 'SELECT COUNT(*) AS n FROM complaint_escalation WHERE complaint_id = ?', [complaint.id])).toBe(1);
    expect(await one(cs, 'SELECT escalation_level AS n FROM complaint WHERE id = ?', [complaint.id])).toBe(2);
  });

  it('G-07: 20 concurrent revisit plans for one customer: exactly 1, the rest REVISIT_PLAN_EXISTS', async () => {
    const customer = await newCustomer('并发回访客户');
    const results = await fire(N, () => ask(head, 'mutation($i: CreateRevisitPlanInput!) { createRevisitPlan(input: $i) { id } }', { i: { customerId: customer.id } }));
    expectExactly('G-07 one revisit plan per customer', results, 'createRevisitPlan', 1, ['REVISIT_PLAN_EXISTS']);
    expect(await one(cs, 'SELECT COUNT(*) AS n FROM revisit_plan WHERE customer_id = ?', [customer.id])).toBe(1);
  });

  it('WF-CRM-4: 20 concurrent conversions of one lead: exactly 1 opportunity, the rest refused', async () => {
    const lead = (await data(staff, 'mutation($i: CreateLeadInput!) { createLead(input: $i) { id version } }', { i: { segmentId, name: '并发转化线索', source: 'WEBSITE' } }))
      .createLead;
    const results = await fire(N, (i) =>
      ask(staff, 'mutation($i: ConvertLeadInput!) { convertLead(input: $i) { opportunity { id } } }', {
        i: { leadId: lead.id, expectedVersion: lead.version, newCustomer: { name: `转化客户${i}`, kind: 'ORGANIZATION' }, opportunity: { name: `转化商机${i}`, amount: 1000 } },
      }),
    );
    expectExactly('WF-CRM-4 a lead is converted once', results, 'convertLead', 1, ['STALE_VERSION', 'LEAD_CLOSED']);
    expect(await one(cs, 'SELECT COUNT(*) AS n FROM opportunity WHERE lead_id = ?', [lead.id])).toBe(1);
  });

  it('G-09: 20 concurrent stage moves of one opportunity version: exactly 1, the rest STALE_VERSION', async () => {
    const customer = await newCustomer('并发商机客户');
    const opp = (
      await data(head, 'mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version } }', { i: { customerId: customer.id, name: '并发商机', amount: 1000 } })
    ).createOpportunity;
    const own = await one(cs, 'SELECT COUNT(*) AS n FROM opportunity_stage WHERE segment_id = ?', [segmentId]);
    const [second] = await cs.query(`SELECT code FROM opportunity_stage WHERE ${own ? 'segment_id = ?' : 'segment_id IS NULL'} AND position = 2`, own ? [segmentId] : []);
    const results = await fire(N, () =>
      ask(head, 'mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { version } }', {
        i: { id: opp.id, expectedVersion: opp.version, stage: second.code },
      }),
    );
    expectExactly('G-09 one stage move per opportunity version', results, 'moveOpportunityStage', 1, ['STALE_VERSION', 'OPPORTUNITY_ALREADY_IN_STAGE']);
    expect(await one(cs, 'SELECT COUNT(*) AS n FROM opportunity_stage_change WHERE opportunity_id = ?', [opp.id])).toBe(2);
  });

  it('G-09: a stage dropped from the list while 19 opportunities move into it: the list change is refused (STAGE_IN_USE) or no open opportunity is left in the dropped stage', async () => {
    const version = async () => one(cs, 'SELECT COALESCE(MAX(version), 0) AS n FROM opportunity_stage WHERE segment_id = ?', [segmentId]);
    const configure = (v: number, l: unknown[]) =>
      ask(admin, 'mutation($s: ID!, $v: Int!, $l: [OpportunityStageInput!]!) { configureOpportunityStages(segmentId: $s, expectedVersion: $v, stages: $l) { code } }', {
        s: segmentId,
        v,
        l,
      });
    const defaults: { code: string; name: string; probability: number }[] = (
      await cs.query('SELECT code, name, probability FROM opportunity_stage WHERE segment_id IS NULL ORDER BY position')
    ).map((x: any) => ({ code: x.code, name: x.name, probability: Number(x.probability) }));
    const withX = [...defaults.slice(0, -1), { code: 'RACE_X', name: '并发阶段', probability: defaults[defaults.length - 2].probability }, defaults[defaults.length - 1]];
    const customer = await newCustomer('并发阶段客户');
    const opps: { id: string; version: number }[] = [];
    for (let i = 0; i < N - 1; i++)
      opps.push(
        (
          await data(head, 'mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version } }', {
            i: { customerId: customer.id, name: `阶段商机${i}`, amount: 100 },
          })
        ).createOpportunity,
      );
    for (const round of [0, 1, 2]) {
      const added = await configure(await version(), withX);
      if (added.body.errors) throw new Error(JSON.stringify(added.body.errors));
      const v = await version();
      for (const o of opps) o.version = await one(cs, 'SELECT version AS n FROM opportunity WHERE id = ?', [o.id]);
      const dropAt = round * 9;
      const results = await fire(N, (i) => {
        if (i === dropAt) return configure(v, defaults);
        const o = opps[i > dropAt ? i - 1 : i];
        return ask(head, 'mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { version } }', {
          i: { id: o.id, expectedVersion: o.version, stage: 'RACE_X' },
        });
      });
      const drop = tally([results[dropAt]], 'configureOpportunityStages');
      const moves = results.filter((_, i) => i !== dropAt);
      const left = await one(
        cs,
        "SELECT COUNT(*) AS n FROM opportunity o WHERE o.segment_id = ? AND o.status = 'OPEN' AND o.stage = 'RACE_X' AND NOT EXISTS (SELECT 1 FROM opportunity_stage s WHERE s.segment_id = o.segment_id AND s.code = o.stage)",
        [segmentId],
      );
      const moved = tally(moves, 'moveOpportunityStage');
      report(`G-09 stage dropped while opportunities move into it (round ${round})`, {
        'stage dropped': drop.ok.length ? 'yes' : `no (${Object.keys(drop.refused).join()})`,
        'moves in': moved.ok.length,
        ...Object.fromEntries(Object.entries(moved.refused).map(([k, n]) => [`moves refused ${k}`, n])),
        'open opportunities in a stage no longer listed': left,
      });
      expect(left).toBe(0);
      if (!drop.ok.length) expect(Object.keys(drop.refused)).toEqual(['STAGE_IN_USE']);
      // A move after the change finds the stage gone, or the opportunity changed by it (its probability).
      expect(Object.keys(moved.refused).filter((r) => r !== 'OPPORTUNITY_STAGE_UNKNOWN' && r !== 'STALE_VERSION')).toEqual([]);
      // Back to the first stage, so the next round starts from the same place.
      await cs.query('UPDATE opportunity SET stage = ? WHERE customer_id = ?', [defaults[0].code, customer.id]);
    }
  });

  it('CS-R36: 20 concurrent decisions on one allocation request: exactly 1 allocation, the rest refused', async () => {
    const operator = await g.login('operator.mkt@example.com');
    const customer = await newCustomer('并发分配客户');
    const [other] = await cs.query('SELECT DISTINCT segment_id AS id FROM customer WHERE segment_id <> ? ORDER BY segment_id LIMIT 1', [segmentId]);
    const request = (
      await data(head, 'mutation($i: RequestSegmentAllocationInput!) { requestSegmentAllocation(input: $i) { id version } }', {
        i: { recordType: 'CUSTOMER', recordId: customer.id, toSegmentId: other.id, reason: '客户归属调整' },
      })
    ).requestSegmentAllocation;
    const results = await fire(N, () =>
      ask(operator, 'mutation($i: DecideSegmentAllocationInput!) { decideSegmentAllocation(input: $i) { status } }', {
        i: { id: request.id, expectedVersion: request.version, approve: true },
      }),
    );
    expectExactly('CS-R36 a request is decided once', results, 'decideSegmentAllocation', 1, ['STALE_VERSION', 'ALLOCATION_ALREADY_DECIDED']);
    expect(await one(cs, "SELECT COUNT(*) AS n FROM segment_allocation WHERE id = ? AND status = 'ALLOCATED'", [request.id])).toBe(1);
    expect(await one(cs, 'SELECT version AS n FROM customer WHERE id = ?', [customer.id])).toBe(customer.version + 1);
  });

  it('CS-R02/G-05: 20 concurrent closes of one assessment month: exactly 1 published ranking, the rest ASSESSMENT_PERIOD_CLOSED', async () => {
    const customer = await newCustomer('并发考核客户');
    const complaint = await newComplaint(customer.id);
    const [branch] = await cs.query('SELECT id FROM service_branch ORDER BY code LIMIT 1');
    // A complaint of a branch in a long-past month (no other data in it).
    // Months are counted by received time (CS-R03): a complaint received and registered then.
    await cs.query('UPDATE complaint SET branch_id = ?, created_at = ?, received_at = ? WHERE id = ?', [branch.id, '2020-03-15 04:00:00', '2020-03-15 04:00:00', complaint.id]);
    const results = await fire(N, () => ask(exec, 'mutation { closeAssessmentPeriod(period: "2020-03") { rank } }'));
    expectExactly('CS-R02 a month is closed once', results, 'closeAssessmentPeriod', 1, ['ASSESSMENT_PERIOD_CLOSED']);
    expect(await one(cs, "SELECT COUNT(*) AS n FROM branch_assessment_result WHERE period = '2020-03'")).toBe(1);
  });

  it('CS-R02: 20 concurrent closes of a month without complaints: exactly 1, the rest ASSESSMENT_PERIOD_CLOSED', async () => {
    const results = await fire(N, () => ask(exec, 'mutation { closeAssessmentPeriod(period: "2019-02") { rank } }'));
    expectExactly('CS-R02 an empty month is closed once', results, 'closeAssessmentPeriod', 1, ['ASSESSMENT_PERIOD_CLOSED']);
    expect(await one(cs, "SELECT COUNT(*) AS n FROM assessment_period WHERE period = '2019-02'")).toBe(1);
  });

  it('sales orders: 20 concurrent orders with one contract number in a segment: exactly 1, the rest SALES_ORDER_CONTRACT_EXISTS', async () => {
    const customer = await newCustomer('并发合同客户');
    const contractNumber = `HT-${Date.now()}`;
    const results = await fire(N, () =>
      ask(head, 'mutation($i: CreateSalesOrderInput!) { createSalesOrder(input: $i) { id } }', {
        i: { customerId: customer.id, contractNumber, signedAt: new Date(Date.now() - 86_400_000).toISOString(), amount: 5000 },
      }),
    );
    expectExactly('one order per contract number', results, 'createSalesOrder', 1, ['SALES_ORDER_CONTRACT_EXISTS']);
    expect(await one(cs, 'SELECT COUNT(*) AS n FROM sales_order WHERE segment_id = ? AND contract_number = ?', [segmentId, contractNumber])).toBe(1);
  });

  it('G-04: 20 concurrent changes of one SLA policy version: exactly 1, the rest STALE_VERSION', async () => {
    const current = await one(cs, "SELECT version AS n FROM sla_policy WHERE severity = 'GENERAL'");
    const results = await fire(N, (i) =>
      ask(exec, 'mutation($i: SetSlaPolicyInput!) { setSlaPolicy(input: $i) { version } }', {
        i: { severity: 'GENERAL', expectedVersion: current, firstResponseMinutes: 60 + i, resolutionMinutes: 4800, warnPercent: 80 },
      }),
    );
    expectExactly('G-04 one SLA policy version at a time', results, 'setSlaPolicy', 1, ['STALE_VERSION']);
    expect(await one(cs, "SELECT version AS n FROM sla_policy WHERE severity = 'GENERAL'")).toBe(current + 1);
  });

  it('G-04: 20 concurrent first working calendars of one company: exactly 1, the rest STALE_VERSION', async () => {
    const companyId = randomUUID();
    const results = await fire(N, (i) =>
      ask(exec, 'mutation($i: SetCompanyCalendarInput!) { setCompanyCalendar(input: $i) { version } }', {
        i: { companyId, name: `日历${i}`, utcOffsetMinutes: 480, dayStartMinute: 510, dayEndMinute: 1050, workingWeekdays: [1, 2, 3, 4, 5] },
      }),
    );
    expectExactly('G-04 one calendar per company', results, 'setCompanyCalendar', 1, ['STALE_VERSION']);
    expect(await one(cs, 'SELECT COUNT(*) AS n FROM business_calendar WHERE company_id = ?', [companyId])).toBe(1);
  });

  it('G-06: 20 concurrent placements of one employee in service branches: all answered, exactly one place', async () => {
    const branches: string[] = (await cs.query('SELECT id FROM service_branch ORDER BY code')).map((r: { id: string }) => r.id);
    const employeeId = randomUUID();
    const results = await fire(N, (i) =>
      ask(exec, 'mutation($e: ID!, $b: ID) { assignServiceStaff(employeeId: $e, branchId: $b) { branch { id } } }', {
        e: employeeId,
        b: i % 4 === 0 ? null : branches[i % branches.length],
      }),
    );
    expectExactly('G-06 one place per service employee', results, 'assignServiceStaff', N, []);
    expect(await one(cs, 'SELECT COUNT(*) AS n FROM service_staff WHERE employee_id = ?', [employeeId])).toBe(1);
  });
});
