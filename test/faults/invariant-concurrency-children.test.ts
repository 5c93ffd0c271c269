import { DEMO_SEGMENTS } from '@group/shared';
import type { DataSource } from 'typeorm';
import { startTestGraph, TestGraph } from '../support/graph';
import { report } from '../support/processes';

/**
 * Issue 17 item 1, customer-service: records created under a customer while
 * that customer is merged away or allocated to another segment, and
 * opportunities created in a stage a concurrent stage-list change drops. On
 * MariaDB (SQLite serialises writes). Each case fires one structural change
 * among 19 concurrent creates through the gateway and asserts nothing lands on
 * a deleted customer, in the old segment, or in a dropped stage; every create
 * either succeeds or is refused with a stable reason (no 500, no deadlock).
 */
const N = 20;
const HOTL = DEMO_SEGMENTS.find((s) => s.code === 'HOTL')!;

type Result = { status: number; body: { data?: any; errors?: any[] } };

const fire = (n: number, attempt: (i: number) => Promise<Result>) => Promise.all(Array.from({ length: n }, (_, i) => attempt(i)));
const one = async (ds: DataSource, sql: string, params: unknown[] = []) => Number(Object.values((await ds.query(sql, params))[0] ?? { n: 0 })[0] ?? 0);

/** Outcome of each attempt: OK or its refusal reason (or the raw answer when it has none). */
const outcome = (r: Result) => {
  if (!r.body.errors?.length) return 'OK';
  const e = r.body.errors[0];
  return String(e?.extensions?.reason ?? e?.extensions?.code ?? `HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
};
const counts = (results: Result[]) => results.map(outcome).reduce<Record<string, number>>((a, o) => ({ ...a, [o]: (a[o] ?? 0) + 1 }), {});

/** The child tables of a customer, each with its customer and segment columns. */
const CHILDREN = ['customer_contact', 'complaint', 'lead', 'opportunity', 'sales_order', 'general_action', 'revisit_plan'];

describe('child records under a concurrent merge, allocation or stage-list change on mariadb (customer-service)', () => {
  let g: TestGraph;
  let cs: DataSource;
  let head: string;
  let staff: string;
  let admin: string;
  let operator: string;
  let segmentId: string;

  beforeAll(async () => {
    g = await startTestGraph('mariadb');
    cs = g.apps['customer-service'].dataSource;
    [head, staff, admin, operator] = await Promise.all(
      ['head.resi@example.com', 'staff.resi@example.com', 'admin.resi@example.com', 'operator.mkt@example.com'].map((e) => g.login(e)),
    );
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

  /** The i-th create of a child of `customerId`, cycling through every kind of child. */
  const createChild = (customerId: string, i: number, tag: string): Promise<Result> => {
    switch (i % 7) {
      case 0:
        return ask(head, 'mutation($i: AddCustomerContactInput!) { addCustomerContact(input: $i) { id } }', { i: { customerId, name: `联系人${i}` } });
      case 1:
        return ask(staff, 'mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }', {
          i: { customerId, title: '并发投诉', description: '合并时创建的投诉', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' },
        });
      case 2:
        return ask(head, 'mutation($i: CreateLeadInput!) { createLead(input: $i) { id } }', { i: { segmentId, customerId, name: `线索${i}`, source: 'REFERRAL' } });
      case 3:
        return ask(head, 'mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }', { i: { customerId, name: `商机${i}`, amount: 1000 } });
      case 4:
        return ask(head, 'mutation($i: CreateSalesOrderInput!) { createSalesOrder(input: $i) { id } }', {
          i: { customerId, contractNumber: `HT-${tag}-${i}`, signedAt: new Date().toISOString(), amount: 1000 },
        });
      case 5:
        return ask(head, 'mutation($i: CreateGeneralActionInput!) { createGeneralAction(input: $i) { id } }', {
          i: { targetType: 'CUSTOMER', targetId: customerId, type: 'CALL', subject: `回访${i}` },
        });
      default:
        return ask(head, 'mutation($i: CreateRevisitPlanInput!) { createRevisitPlan(input: $i) { id } }', { i: { customerId } });
    }
  };
  /** Creates may succeed or be refused for their customer being gone / a plan already existing; nothing else. */
  const expectOnlyRefusedWith = (results: Result[], reasons: string[]) => expect(Object.keys(counts(results)).filter((o) => o !== 'OK' && !reasons.includes(o))).toEqual([]);

  it('a merge racing 19 creates of records under the duplicate leaves no record on the deleted duplicate', async () => {
    for (const mergeAt of [0, 10, N - 1]) {
      const tag = `M${mergeAt}-${Date.now()}`;
      const survivor = await newCustomer(`合并保留${tag}`);
      const duplicate = await newCustomer(`合并重复${tag}`);
      const results = await fire(N, (i) =>
        i === mergeAt
          ? ask(head, 'mutation($i: MergeCustomersInput!) { mergeCustomers(input: $i) { customer { id } } }', {
              i: { survivorId: survivor.id, survivorExpectedVersion: survivor.version, duplicateId: duplicate.id, duplicateExpectedVersion: duplicate.version },
            })
          : createChild(duplicate.id, i, tag),
      );
      const merge = outcome(results[mergeAt]);
      const creates = results.filter((_, i) => i !== mergeAt);
      const orphans: Record<string, number> = {};
      for (const t of CHILDREN) orphans[t] = await one(cs, `SELECT COUNT(*) AS n FROM ${t} WHERE customer_id = ?`, [duplicate.id]);
      const left = Object.values(orphans).reduce((a, b) => a + b, 0);
      const onSurvivor = await Promise.all(CHILDREN.map((t) => one(cs, `SELECT COUNT(*) AS n FROM ${t} WHERE customer_id = ?`, [survivor.id])));
      report(`merge racing 19 child creates (merge fired at ${mergeAt})`, {
        merge,
        ...Object.fromEntries(Object.entries(counts(creates)).map(([k, v]) => [`creates ${k}`, v])),
        'records on the survivor': onSurvivor.reduce((a, b) => a + b, 0),
        'records left on the deleted duplicate': left,
      });
      expect(merge).toBe('OK');
      expect(orphans).toEqual(Object.fromEntries(CHILDREN.map((t) => [t, 0])));
      expectOnlyRefusedWith(creates, ['CUSTOMER_NOT_FOUND', 'REVISIT_PLAN_EXISTS']);
    }
  });

  it("a merge racing 19 actions recorded on the duplicate's opportunity and lead leaves no action on the deleted duplicate", async () => {
    for (const mergeAt of [0, 10, N - 1]) {
      const tag = `T${mergeAt}-${Date.now()}`;
      const survivor = await newCustomer(`合并保留${tag}`);
      const duplicate = await newCustomer(`合并重复${tag}`);
      const opportunity = (
        await data(head, 'mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }', { i: { customerId: duplicate.id, name: `商机${tag}`, amount: 1000 } })
      ).createOpportunity;
      const lead = (
        await data(head, 'mutation($i: CreateLeadInput!) { createLead(input: $i) { id } }', { i: { segmentId, customerId: duplicate.id, name: `线索${tag}`, source: 'REFERRAL' } })
      ).createLead;
      const results = await fire(N, (i) =>
        i === mergeAt
          ? ask(head, 'mutation($i: MergeCustomersInput!) { mergeCustomers(input: $i) { customer { id } } }', {
              i: { survivorId: survivor.id, survivorExpectedVersion: survivor.version, duplicateId: duplicate.id, duplicateExpectedVersion: duplicate.version },
            })
          : ask(head, 'mutation($i: CreateGeneralActionInput!) { createGeneralAction(input: $i) { id } }', {
              i: { targetType: i % 2 ? 'OPPORTUNITY' : 'LEAD', targetId: i % 2 ? opportunity.id : lead.id, type: 'CALL', subject: `跟进${i}` },
            }),
      );
      const merge = outcome(results[mergeAt]);
      const creates = results.filter((_, i) => i !== mergeAt);
      const orphans = await one(cs, 'SELECT COUNT(*) AS n FROM general_action WHERE customer_id = ?', [duplicate.id]);
      const onSurvivor = await one(cs, 'SELECT COUNT(*) AS n FROM general_action WHERE customer_id = ?', [survivor.id]);
      report(`merge racing 19 actions on the duplicate's opportunity and lead (merge fired at ${mergeAt})`, {
        merge,
        ...Object.fromEntries(Object.entries(counts(creates)).map(([k, v]) => [`creates ${k}`, v])),
        'actions on the survivor': onSurvivor,
        'actions left on the deleted duplicate': orphans,
      });
      expect(merge).toBe('OK');
      expect(orphans).toBe(0);
      // The opportunity and the lead survive the merge (moved to the survivor): every action is recorded.
      expect(counts(creates)).toEqual({ OK: N - 1 });
    }
  });

  it('CS-R36: an allocation racing 19 creates of records under the customer leaves none of them in the old segment', async () => {
    for (const allocateAt of [0, 10, N - 1]) {
      const tag = `A${allocateAt}-${Date.now()}`;
      const customer = await newCustomer(`分配客户${tag}`);
      const results = await fire(N, (i) =>
        i === allocateAt
          ? ask(operator, 'mutation($i: AllocateToSegmentInput!) { allocateToSegment(input: $i) { allocation { status } } }', {
              i: { recordType: 'CUSTOMER', recordId: customer.id, expectedVersion: customer.version, toSegmentId: HOTL.id, reason: '转入酒店版块' },
            })
          : createChild(customer.id, i, tag),
      );
      const allocation = outcome(results[allocateAt]);
      const creates = results.filter((_, i) => i !== allocateAt);
      const stale: Record<string, number> = {};
      for (const t of CHILDREN) stale[t] = await one(cs, `SELECT COUNT(*) AS n FROM ${t} WHERE customer_id = ? AND segment_id <> ?`, [customer.id, HOTL.id]);
      const moved = await Promise.all(CHILDREN.map((t) => one(cs, `SELECT COUNT(*) AS n FROM ${t} WHERE customer_id = ? AND segment_id = ?`, [customer.id, HOTL.id])));
      report(`allocation racing 19 child creates (allocation fired at ${allocateAt})`, {
        allocation,
        ...Object.fromEntries(Object.entries(counts(creates)).map(([k, v]) => [`creates ${k}`, v])),
        'records in the new segment': moved.reduce((a, b) => a + b, 0),
        'records left in the old segment': Object.values(stale).reduce((a, b) => a + b, 0),
      });
      expect(allocation).toBe('OK');
      expect(stale).toEqual(Object.fromEntries(CHILDREN.map((t) => [t, 0])));
      // After the move the customer is outside the creators' segment: NOT_FOUND, as for any record they cannot see.
      expectOnlyRefusedWith(creates, ['CUSTOMER_NOT_FOUND', 'REVISIT_PLAN_EXISTS']);
    }
  });

  // Bulk imports (issue 17): files of five rows, each file written whole or refused whole (ALL_OR_NOTHING).
  const IMPORT = (kind: 'Leads' | 'Complaints') => `mutation($csv: String!) { import${kind}(csv: $csv) { inserted errors { row column code } } }`;
  const received = new Date(Date.now() - 3600_000).toISOString();
  /** Five rows per file, so each import holds its transaction a while. */
  const file = (i: number, tag: string, customerId: string) =>
    i % 2
      ? [
          'ref,customer,title,description,channel,severity,phase,received_at',
          ...[0, 1, 2, 3, 4].map((k) => `IMP-${tag}-${i}-${k},${customerId},导入投诉,热线记录,HOTLINE,GENERAL,AFTER_SALE,${received}`),
        ].join('\n')
      : ['ref,name,source,segment,customer', ...[0, 1, 2, 3, 4].map((k) => `IMP-${tag}-${i}-${k},导入线索,REFERRAL,${segmentId},${customerId}`)].join('\n');
  /** OK (all five rows written) or the row codes of a refused file (ALL_OR_NOTHING: nothing written). */
  const importOutcome = (r: Result, field: string) => {
    if (r.body.errors?.length) return outcome(r);
    const a = r.body.data[field];
    return a.errors.length ? [...new Set(a.errors.map((e: any) => e.code))].join('+') : a.inserted === 5 ? 'OK' : `inserted ${a.inserted}`;
  };

  it('issue 17: a merge racing 19 bulk imports of leads and complaints attached to the duplicate leaves no imported row on the deleted duplicate', async () => {
    for (const mergeAt of [0, 10, N - 1]) {
      const tag = `I${mergeAt}-${Date.now()}`;
      const survivor = await newCustomer(`导入保留${tag}`);
      const duplicate = await newCustomer(`导入重复${tag}`);
      // The later the merge is fired, the more imports are under way (a file is validated before its write transaction).
      const results = await fire(N, (i) =>
        i === mergeAt
          ? new Promise((r) => setTimeout(r, mergeAt * 3)).then(() =>
              ask(head, 'mutation($i: MergeCustomersInput!) { mergeCustomers(input: $i) { customer { id } } }', {
                i: { survivorId: survivor.id, survivorExpectedVersion: survivor.version, duplicateId: duplicate.id, duplicateExpectedVersion: duplicate.version },
              }),
            )
          : ask(i % 2 ? staff : head, IMPORT(i % 2 ? 'Complaints' : 'Leads'), { csv: file(i, tag, duplicate.id) }),
      );
      const merge = outcome(results[mergeAt]);
      const imports = results.map((r, i) => (i === mergeAt ? null : importOutcome(r, i % 2 ? 'importComplaints' : 'importLeads'))).filter((o): o is string => o !== null);
      const tally = imports.reduce<Record<string, number>>((a, o) => ({ ...a, [o]: (a[o] ?? 0) + 1 }), {});
      const orphans = {
        lead: await one(cs, 'SELECT COUNT(*) AS n FROM lead WHERE customer_id = ?', [duplicate.id]),
        complaint: await one(cs, 'SELECT COUNT(*) AS n FROM complaint WHERE customer_id = ?', [duplicate.id]),
      };
      const moved =
        (await one(cs, 'SELECT COUNT(*) AS n FROM lead WHERE customer_id = ?', [survivor.id])) +
        (await one(cs, 'SELECT COUNT(*) AS n FROM complaint WHERE customer_id = ?', [survivor.id]));
      report(`merge racing 19 imports onto the duplicate (merge fired at ${mergeAt})`, {
        merge,
        ...Object.fromEntries(Object.entries(tally).map(([k, v]) => [`imports ${k}`, v])),
        'imported rows on the survivor': moved,
        'imported rows left on the deleted duplicate': orphans.lead + orphans.complaint,
      });
      expect(merge).toBe('OK');
      expect(orphans).toEqual({ lead: 0, complaint: 0 });
      // Every file went in whole before the merge (and moved with it), or was refused whole after it.
      expect(Object.keys(tally).filter((o) => o !== 'OK' && o !== 'CUSTOMER_NOT_FOUND')).toEqual([]);
      expect(moved).toBe(5 * (tally.OK ?? 0));
    }
  });

  it('issue 17 CS-R36: an allocation racing 19 bulk imports of leads and complaints under the customer leaves none of them in the old segment', async () => {
    for (const allocateAt of [0, 10, N - 1]) {
      const tag = `IA${allocateAt}-${Date.now()}`;
      const customer = await newCustomer(`导入分配${tag}`);
      const results = await fire(N, (i) =>
        i === allocateAt
          ? new Promise((r) => setTimeout(r, allocateAt * 10)).then(() =>
              ask(operator, 'mutation($i: AllocateToSegmentInput!) { allocateToSegment(input: $i) { allocation { status } } }', {
                i: { recordType: 'CUSTOMER', recordId: customer.id, expectedVersion: customer.version, toSegmentId: HOTL.id, reason: '转入酒店版块' },
              }),
            )
          : ask(i % 2 ? staff : head, IMPORT(i % 2 ? 'Complaints' : 'Leads'), { csv: file(i, tag, customer.id) }),
      );
      const allocation = outcome(results[allocateAt]);
      const imports = results.map((r, i) => (i === allocateAt ? null : importOutcome(r, i % 2 ? 'importComplaints' : 'importLeads'))).filter((o): o is string => o !== null);
      const tally = imports.reduce<Record<string, number>>((a, o) => ({ ...a, [o]: (a[o] ?? 0) + 1 }), {});
      const stale = {
        lead: await one(cs, 'SELECT COUNT(*) AS n FROM lead WHERE customer_id = ? AND segment_id <> ?', [customer.id, HOTL.id]),
        complaint: await one(cs, 'SELECT COUNT(*) AS n FROM complaint WHERE customer_id = ? AND segment_id <> ?', [customer.id, HOTL.id]),
      };
      report(`allocation racing 19 imports under the customer (allocation fired at ${allocateAt})`, {
        allocation,
        ...Object.fromEntries(Object.entries(tally).map(([k, v]) => [`imports ${k}`, v])),
        'imported rows left in the old segment': stale.lead + stale.complaint,
      });
      expect(allocation).toBe('OK');
      expect(stale).toEqual({ lead: 0, complaint: 0 });
      // After the move the customer is outside the importers' segment: not found, the file refused whole.
      expect(Object.keys(tally).filter((o) => o !== 'OK' && o !== 'CUSTOMER_NOT_FOUND')).toEqual([]);
    }
  });

  const CONF = 'mutation($seg: ID!, $v: Int!, $st: [OpportunityStageInput!]!) { configureOpportunityStages(segmentId: $seg, expectedVersion: $v, stages: $st) { version } }';
  // The group default's stages (the seed's open opportunities sit in them) with DOOMED added or dropped.
  const list = (extra: boolean) => [
    { code: 'INITIAL_CONTACT', name: '初步接洽', probability: 10 },
    { code: 'NEEDS_CONFIRMED', name: '需求确认', probability: 25 },
    ...(extra ? [{ code: 'DOOMED', name: '将删除', probability: 30 }] : []),
    { code: 'SOLUTION_AND_QUOTE', name: '方案报价', probability: 50 },
    { code: 'NEGOTIATION', name: '商务谈判', probability: 75 },
    { code: 'CONTRACT_SIGNED', name: '签约', probability: 100 },
  ];
  /** Configures the list with DOOMED; returns the new list version. */
  const withDoomed = async () => {
    const current = (await data(admin, '{ opportunityStages(segmentId: "' + segmentId + '") { version } }')).opportunityStages[0]?.version ?? 0;
    return (await data(admin, CONF, { seg: segmentId, v: current, st: list(true) })).configureOpportunityStages[0].version as number;
  };
  const inDroppedStage = () =>
    one(
      cs,
      "SELECT COUNT(*) AS n FROM opportunity o WHERE o.segment_id = ? AND o.status = 'OPEN' AND NOT EXISTS (SELECT 1 FROM opportunity_stage s WHERE s.segment_id = o.segment_id AND s.code = o.stage)",
      [segmentId],
    );
  /** Either the change went through and every write was refused the stage, or it was refused (stage in use) and writes went through. */
  const expectOneOrTheOther = (change: string, writes: Result[], reasons: string[]) => {
    if (change !== 'OK') {
      expect(change).toBe('STAGE_IN_USE');
      expect(counts(writes).OK ?? 0).toBeGreaterThan(0);
    }
    expectOnlyRefusedWith(writes, reasons);
  };

  it('G-09: a stage-list change dropping a stage, racing 19 creates (createOpportunity, convertLead) in that stage, leaves no open opportunity in a dropped stage', async () => {
    const customer = await newCustomer(`阶段客户${Date.now()}`);
    for (const dropAt of [0, 10, N - 1]) {
      const version = await withDoomed();
      // Leads to convert into the doomed stage, made before the race.
      const leads: { id: string; version: number }[] = [];
      for (let i = 0; i < N; i += 2) {
        leads.push(
          (await data(head, 'mutation($i: CreateLeadInput!) { createLead(input: $i) { id version } }', { i: { segmentId, name: `阶段线索${dropAt}-${i}`, source: 'REFERRAL' } }))
            .createLead,
        );
      }
      const results = await fire(N, (i) => {
        if (i === dropAt) return ask(admin, CONF, { seg: segmentId, v: version, st: list(false) });
        if (i % 2)
          return ask(head, 'mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }', {
            i: { customerId: customer.id, name: `阶段商机${i}`, amount: 1000, stage: 'DOOMED' },
          });
        const l = leads[i / 2];
        return ask(head, 'mutation($i: ConvertLeadInput!) { convertLead(input: $i) { opportunity { id } } }', {
          i: { leadId: l.id, expectedVersion: l.version, customerId: customer.id, opportunity: { name: `转化商机${i}`, amount: 1000, stage: 'DOOMED' } },
        });
      });
      const change = outcome(results[dropAt]);
      const creates = results.filter((_, i) => i !== dropAt);
      const inDropped = await inDroppedStage();
      report(`stage drop racing 19 creates in the dropped stage (change fired at ${dropAt})`, {
        'stage list change': change,
        ...Object.fromEntries(Object.entries(counts(creates)).map(([k, v]) => [`creates ${k}`, v])),
        'open opportunities in a dropped stage': inDropped,
      });
      expect(inDropped).toBe(0);
      expectOneOrTheOther(change, creates, ['OPPORTUNITY_STAGE_UNKNOWN']);
      // Close this round's opportunities so the next round starts from an empty pipeline.
      await cs.query("UPDATE opportunity SET status = 'LOST' WHERE segment_id = ? AND status = 'OPEN' AND stage = 'DOOMED'", [segmentId]);
    }
  });

  // A guard: moves were already safe (the version bump), and stay so next to the creates' lock.
  it('G-09: a stage-list change dropping a stage, racing 19 moves of open opportunities into that stage, leaves none in a dropped stage', async () => {
    const customer = await newCustomer(`阶段移动客户${Date.now()}`);
    for (const dropAt of [0, 10, N - 1]) {
      const version = await withDoomed();
      const opps: { id: string; version: number }[] = [];
      for (let i = 0; i < N - 1; i++) {
        opps.push(
          (
            await data(head, 'mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version } }', {
              i: { customerId: customer.id, name: `移动商机${dropAt}-${i}`, amount: 1000 },
            })
          ).createOpportunity,
        );
      }
      const results = await fire(N, (i) => {
        if (i === dropAt) return ask(admin, CONF, { seg: segmentId, v: version, st: list(false) });
        const o = opps[i > dropAt ? i - 1 : i];
        return ask(head, 'mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { id } }', { i: { id: o.id, expectedVersion: o.version, stage: 'DOOMED' } });
      });
      const change = outcome(results[dropAt]);
      const moves = results.filter((_, i) => i !== dropAt);
      const inDropped = await inDroppedStage();
      report(`stage drop racing 19 moves into the dropped stage (change fired at ${dropAt})`, {
        'stage list change': change,
        ...Object.fromEntries(Object.entries(counts(moves)).map(([k, v]) => [`moves ${k}`, v])),
        'open opportunities in a dropped stage': inDropped,
      });
      expect(inDropped).toBe(0);
      // A stage-list change bumps the version of every open opportunity of the segment: a move that read the old list fails STALE_VERSION.
      expectOneOrTheOther(change, moves, ['OPPORTUNITY_STAGE_UNKNOWN', 'STALE_VERSION']);
      await cs.query("UPDATE opportunity SET status = 'LOST' WHERE segment_id = ? AND status = 'OPEN' AND customer_id = ?", [segmentId, customer.id]);
    }
  });
});
