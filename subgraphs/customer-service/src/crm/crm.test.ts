import 'reflect-metadata';
import {
  Capability,
  createSubgraphApp,
  DEMO_SEGMENTS,
  demoSegmentPersonId,
  demoStaffEmployeeId,
  loadSubgraphConfig,
  Role,
  stableId,
  SubgraphApp,
  Viewer,
  wholeSeconds,
} from '@group/shared';
import { createTestDatabase, errorOf, exec, TestDatabase, testDatabaseKinds } from '@group/shared/testing';
import { customerServiceModule } from '../module';
import { createCustomerServiceServices, CustomerServiceLoaders, CustomerServiceServices } from '../context';
import { loadCrmSettings } from '../config/env';
import { seedDemoRoster } from '../roster/employee-roster';

type Result = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };

const seg = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!.id;
const viewer = (role: Role, segmentIds: string[], employeeId: string | null, capabilities: Capability[] = []): Viewer => ({
  accountId: `acc-${role}-${employeeId ?? segmentIds.join('-')}`,
  employeeId,
  role,
  segmentIds,
  capabilities,
});
const staff = (code: string, n = 1) =>
  viewer(Role.BUSINESS_STAFF, [seg(code)], n === 1 ? demoSegmentPersonId(code, 'staff') : demoStaffEmployeeId(DEMO_SEGMENTS.find((s) => s.code === code)!.companyCode, 'SALES', n));
const head = (code: string) => viewer(Role.SEGMENT_HEAD, [seg(code)], demoSegmentPersonId(code, 'head'));
const segAdmin = (code: string) => viewer(Role.SEGMENT_ADMIN, [seg(code)], demoSegmentPersonId(code, 'admin'));
const executive = viewer(Role.GROUP_EXECUTIVE, [], stableId('employee', 'executive'));
const sysadmin = viewer(Role.SYSTEM_ADMIN, [], null);
/** A member of the group marketing department (its role is an ordinary one; the capability comes from the token). */
const operator = viewer(Role.SEGMENT_ADMIN, [], stableId('employee', 'marketing-operator'), [Capability.MARKETING_OPERATOR]);
const local = (s: string) => new Date(`${s}+08:00`);

const CUSTOMER = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id version segment { id } } }`;
const LEAD = `mutation ($input: CreateLeadInput!) { createLead(input: $input) { id code version status owner { id } segment { id } } }`;
const CONVERT = `mutation ($input: ConvertLeadInput!) { convertLead(input: $input) {
  lead { id status version customer { id } convertedOpportunity { id } }
  customer { id name kind segment { id } }
  opportunity { id code stage probability status amount weightedAmount owner { id } lead { id } stageHistory { seq fromStage toStage probability } } } }`;
const OPP = `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id version stage probability status } }`;
const MOVE = `mutation ($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id version stage probability stageHistory { seq fromStage toStage toStatus probability note } } }`;
const CLOSE = `mutation ($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { id version stage probability status closeReason closedAt stageHistory { toStage toStatus probability } } }`;
const ORDER = `mutation ($input: CreateSalesOrderInput!) { createSalesOrder(input: $input) { id code version amount customer { id } opportunity { id } } }`;
const ACTION = `mutation ($input: CreateGeneralActionInput!) { createGeneralAction(input: $input) { id version status doneAt dueAt assignee { id } assignedBy { id } segment { id } } }`;
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Lead { id } ... on Opportunity { id } ... on GeneralAction { id } ... on SalesOrder { id } ... on Customer { id } } }`;

describe.each(testDatabaseKinds())('CRM (leads, opportunities, actions, orders) on %s', (kind) => {
  let db: TestDatabase;
  let app: SubgraphApp<CustomerServiceServices, CustomerServiceLoaders>;
  let nowMs = local('2026-11-10T10:00:00').getTime();
  const setNow = (s: string) => (nowMs = local(s).getTime());

  /** The shared harness's `exec`, on this file's app. */
  async function run(v: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<Result> {
    return (await exec(app, v, query, variables)) as Result;
  }
  async function ok(v: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<any> {
    const r = await run(v, query, variables);
    expect(r.errors).toBeUndefined();
    return r.data;
  }
  const count = async (sql: string, params: unknown[]) => Number((await app.dataSource.query(sql, params))[0].n);

  const customer = async (v: Viewer, code: string, name: string) => (await ok(v, CUSTOMER, { input: { name, kind: 'ORGANIZATION', segmentId: seg(code) } })).createCustomer;
  const lead = async (v: Viewer, code: string, name: string, extra: Record<string, unknown> = {}) =>
    (await ok(v, LEAD, { input: { segmentId: seg(code), name, source: 'REFERRAL', ...extra } })).createLead;
  const opportunity = async (v: Viewer, customerId: string, name: string, amount: number, extra: Record<string, unknown> = {}) =>
    (await ok(v, OPP, { input: { customerId, name, amount, ...extra } })).createOpportunity;
  const action = (v: Viewer, targetType: string, targetId: string, extra: Record<string, unknown> = {}) =>
    run(v, ACTION, { input: { targetType, targetId, type: 'CALL', subject: '电话回访', ...extra } });

  beforeAll(async () => {
    db = await createTestDatabase(kind, 'cs-crm');
    const config = loadSubgraphConfig('CUSTOMER_SERVICE', 0, { NODE_ENV: 'test', CUSTOMER_SERVICE_SEED: 'false', LOG_LEVEL: 'silent' });
    config.database = db.config;
    const clock = () => wholeSeconds(new Date(nowMs));
    app = await createSubgraphApp({ ...customerServiceModule, createServices: (ds) => createCustomerServiceServices(ds, clock, loadCrmSettings({})) }, config);
    // Assignees and owners must be on the employee roster: organization's demo employees.
    await app.dataSource.transaction((m) => seedDemoRoster(m));
  });
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  it('converts a lead into a customer and an opportunity in one transaction (WF-CRM-4)', async () => {
    const s = staff('RESI');
    const l = await lead(s, 'RESI', '滨江项目团购意向', { companyName: '重庆恒信科技', contactName: '王建国' });
    expect(l).toMatchObject({ code: expect.stringMatching(/^LD-\d{6}$/), status: 'NEW', version: 1, owner: { id: s.employeeId }, segment: { id: seg('RESI') } });
    const a = (await action(s, 'LEAD', l.id)).data.createGeneralAction;
    expect(a.status).toBe('DONE');
    const before = (await ok(s, `query ($id: ID!) { lead(id: $id) { status version lastActionAt } }`, { id: l.id })).lead;
    expect(before).toMatchObject({ status: 'FOLLOWING_UP', version: 2 });

    // A bad opportunity stage fails the whole conversion: nothing is written.
    const bad = await run(s, CONVERT, {
      input: { leadId: l.id, expectedVersion: 2, newCustomer: { name: '重庆恒信科技', kind: 'ORGANIZATION' }, opportunity: { name: '3 号楼', amount: 1, stage: 'NOPE' } },
    });
    expect(errorOf(bad)).toEqual({ code: 'BAD_USER_INPUT', reason: 'OPPORTUNITY_STAGE_UNKNOWN' });
    expect(await count('SELECT COUNT(*) AS n FROM customer WHERE segment_id = ?', [seg('RESI')])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM opportunity', [])).toBe(0);

    const c = (
      await ok(s, CONVERT, {
        input: { leadId: l.id, expectedVersion: 2, newCustomer: { name: '重庆恒信科技', kind: 'ORGANIZATION' }, opportunity: { name: '3 号楼团购', amount: 1200000 } },
      })
    ).convertLead;
    expect(c.lead).toMatchObject({ status: 'CONVERTED', version: 3, customer: { id: c.customer.id }, convertedOpportunity: { id: c.opportunity.id } });
    expect(c.customer).toMatchObject({ name: '重庆恒信科技', kind: 'ORGANIZATION', segment: { id: seg('RESI') } });
    expect(c.opportunity).toMatchObject({
      stage: 'INITIAL_CONTACT',
      probability: 10,
      status: 'OPEN',
      amount: 1200000,
      weightedAmount: 120000,
      owner: { id: s.employeeId },
      lead: { id: l.id },
      stageHistory: [{ seq: 1, fromStage: null, toStage: 'INITIAL_CONTACT', probability: 10 }],
    });
    // The lead's actions now also belong to the customer; a converted lead takes no more actions.
    const nested = (
      await ok(s, `query ($id: ID!) { customer(id: $id) { opportunities { totalCount } generalActions { edges { node { id lead { id } } } } } }`, { id: c.customer.id })
    ).customer;
    expect(nested).toEqual({ opportunities: { totalCount: 1 }, generalActions: { edges: [{ node: { id: a.id, lead: { id: l.id } } }] } });
    expect(errorOf(await action(s, 'LEAD', l.id))).toEqual({ code: 'CONFLICT', reason: 'LEAD_CLOSED' });
    expect(errorOf(await run(s, CONVERT, { input: { leadId: l.id, expectedVersion: 3, customerId: c.customer.id, opportunity: { name: 'x', amount: 1 } } }))).toEqual({
      code: 'CONFLICT',
      reason: 'LEAD_CLOSED',
    });
  });

  it('CS-R35 isolates segments on lists, by id, nested fields and _entities; business staff read their own records (G-15)', async () => {
    const s = staff('RESI');
    const other = staff('COMM');
    const colleague = staff('RESI', 2);
    const l = (await ok(s, `{ leads(first: 1) { edges { node { id convertedOpportunity { id } customer { id } } } } }`)).leads.edges[0].node;
    const oppId = l.convertedOpportunity.id;
    const actionId = (await ok(s, `{ generalActions(first: 1) { edges { node { id } } } }`)).generalActions.edges[0].node.id;
    const reps = [
      { __typename: 'Lead', id: l.id },
      { __typename: 'Opportunity', id: oppId },
      { __typename: 'GeneralAction', id: actionId },
      { __typename: 'Customer', id: l.customer.id },
    ];
    // The owner, the segment head, executives and the marketing department read them.
    for (const v of [s, head('RESI'), executive, operator]) {
      expect((await ok(v, ENTITIES, { r: reps }))._entities.map((e: any) => e?.id)).toEqual([l.id, oppId, actionId, l.customer.id]);
    }
    // Another segment: nothing on any path.
    expect(await ok(other, `{ leads { totalCount } opportunities { totalCount } generalActions { totalCount } }`)).toEqual({
      leads: { totalCount: 0 },
      opportunities: { totalCount: 0 },
      generalActions: { totalCount: 0 },
    });
    expect(await ok(other, `query ($l: ID!, $o: ID!) { lead(id: $l) { id } opportunity(id: $o) { id } }`, { l: l.id, o: oppId })).toEqual({ lead: null, opportunity: null });
    expect((await ok(other, ENTITIES, { r: reps }))._entities).toEqual([null, null, null, null]);
    const EMP = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { leads { totalCount } opportunities { totalCount } } } }`;
    expect((await ok(other, EMP, { r: [{ __typename: 'Employee', id: s.employeeId }] }))._entities).toEqual([{ leads: { totalCount: 0 }, opportunities: { totalCount: 0 } }]);
    expect((await ok(s, EMP, { r: [{ __typename: 'Employee', id: s.employeeId }] }))._entities).toEqual([{ leads: { totalCount: 1 }, opportunities: { totalCount: 1 } }]);
    // A colleague of the same segment sees the customer (segment-wide) but not another owner's lead and opportunity (OWN scope).
    expect((await ok(colleague, ENTITIES, { r: reps }))._entities.map((e: any) => e?.id ?? null)).toEqual([null, null, null, l.customer.id]);
    expect((await ok(colleague, `query ($id: ID!) { customer(id: $id) { opportunities { totalCount } } }`, { id: l.customer.id })).customer.opportunities.totalCount).toBe(0);
    // System administrators read no business data.
    expect((await ok(sysadmin, ENTITIES, { r: reps }))._entities).toEqual([null, null, null, null]);
    expect((await ok(sysadmin, `{ leads { totalCount } }`)).leads.totalCount).toBe(0);
  });

  it('applies the permission matrix to writes (domain.md §3.1.2): executives, administrators and the marketing department create nothing', async () => {
    for (const v of [executive, segAdmin('CONS'), sysadmin, operator]) {
      expect(errorOf(await run(v, LEAD, { input: { segmentId: seg('CONS'), name: 'x', source: 'OTHER' } }))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
    }
    expect(errorOf(await run(staff('COMM'), LEAD, { input: { segmentId: seg('CONS'), name: 'x', source: 'OTHER' } }))).toEqual({ code: 'FORBIDDEN', reason: 'SEGMENT_FORBIDDEN' });
    expect(errorOf(await run(staff('CONS'), LEAD, { input: { segmentId: seg('CONS'), name: 'x', source: 'OTHER', ownerId: 'someone-else' } }))).toEqual({
      code: 'FORBIDDEN',
      reason: 'OWNER_ASSIGNMENT_FORBIDDEN',
    });
  });

  it('promotes stages with history and the stage win probability (G-09); only heads step back; staff promote only their own', async () => {
    const s = staff('CONS');
    const c = await customer(s, 'CONS', '华瑞建材');
    let o = await opportunity(s, c.id, '厂房二期', 2000000);
    expect(o).toMatchObject({ stage: 'INITIAL_CONTACT', probability: 10, version: 1 });
    o = (await ok(s, MOVE, { input: { id: o.id, expectedVersion: 1, stage: 'NEEDS_CONFIRMED', note: '需求已确认' } })).moveOpportunityStage;
    o = (await ok(s, MOVE, { input: { id: o.id, expectedVersion: o.version, stage: 'NEGOTIATION' } })).moveOpportunityStage;
    expect(o).toMatchObject({ stage: 'NEGOTIATION', probability: 75, version: 3 });
    expect(o.stageHistory).toEqual([
      { seq: 1, fromStage: null, toStage: 'INITIAL_CONTACT', toStatus: 'OPEN', probability: 10, note: null },
      { seq: 2, fromStage: 'INITIAL_CONTACT', toStage: 'NEEDS_CONFIRMED', toStatus: 'OPEN', probability: 25, note: '需求已确认' },
      { seq: 3, fromStage: 'NEEDS_CONFIRMED', toStage: 'NEGOTIATION', toStatus: 'OPEN', probability: 75, note: null },
    ]);
    expect(errorOf(await run(s, MOVE, { input: { id: o.id, expectedVersion: 3, stage: 'SOLUTION_AND_QUOTE' } }))).toEqual({
      code: 'FORBIDDEN',
      reason: 'STAGE_STEP_BACK_FORBIDDEN',
    });
    expect(errorOf(await run(s, MOVE, { input: { id: o.id, expectedVersion: 3, stage: 'CONTRACT_SIGNED' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'OPPORTUNITY_STAGE_WON_NEEDS_CLOSE',
    });
    expect(errorOf(await run(s, MOVE, { input: { id: o.id, expectedVersion: 2, stage: 'NEGOTIATION' } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(errorOf(await run(head('COMM'), MOVE, { input: { id: o.id, expectedVersion: 3, stage: 'SOLUTION_AND_QUOTE' } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'OPPORTUNITY_NOT_FOUND',
    });
    const back = (await ok(head('CONS'), MOVE, { input: { id: o.id, expectedVersion: 3, stage: 'SOLUTION_AND_QUOTE', note: '客户要求重新报价' } })).moveOpportunityStage;
    expect(back).toMatchObject({ stage: 'SOLUTION_AND_QUOTE', probability: 50, version: 4 });
    // Another staff member of the segment cannot promote it, even under the SEGMENT read scope.
    const wide = createCustomerServiceServices(app.dataSource, () => wholeSeconds(new Date(nowMs)), { staffReadScope: 'SEGMENT', followUpExemptAfterDay: 20 });
    await expect(wide.opportunities.moveStage(staff('CONS', 2), { id: o.id, expectedVersion: 4, stage: 'NEGOTIATION' })).rejects.toMatchObject({
      kind: 'FORBIDDEN',
      code: 'NOT_RECORD_OWNER',
    });
  });

  it('wins only with a sales order and a reason, loses with a reason (probability 0), and shows the pipeline (CS-M7)', async () => {
    const s = staff('CONS');
    const c = await customer(s, 'CONS', '鼎盛物流');
    const won = await opportunity(s, c.id, '仓储中心', 3000000);
    const lost = await opportunity(s, c.id, '办公楼', 500000);
    await ok(s, MOVE, { input: { id: lost.id, expectedVersion: 1, stage: 'SOLUTION_AND_QUOTE' } });
    expect(errorOf(await run(s, CLOSE, { input: { id: won.id, expectedVersion: 1, outcome: 'WON', reason: '签约' } }))).toEqual({
      code: 'CONFLICT',
      reason: 'OPPORTUNITY_ORDER_REQUIRED',
    });
    expect(errorOf(await run(s, CLOSE, { input: { id: lost.id, expectedVersion: 2, outcome: 'LOST', reason: '  ' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'OPPORTUNITY_REASON_REQUIRED',
    });

    // Pipeline before closing: CONS has 厂房二期 (2,000,000 @50), 仓储中心 (3,000,000 @10), 办公楼 (500,000 @50).
    const PIPE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Segment { pipeline { stage stageName probability count amount weightedAmount } } } }`;
    const pipe = (await ok(head('CONS'), PIPE, { r: [{ __typename: 'Segment', id: seg('CONS') }] }))._entities[0].pipeline;
    expect(pipe).toEqual([
      { stage: 'INITIAL_CONTACT', stageName: '初步接洽', probability: 10, count: 1, amount: 3000000, weightedAmount: 300000 },
      { stage: 'NEEDS_CONFIRMED', stageName: '需求确认', probability: 25, count: 0, amount: 0, weightedAmount: 0 },
      { stage: 'SOLUTION_AND_QUOTE', stageName: '方案报价', probability: 50, count: 2, amount: 2500000, weightedAmount: 1250000 },
      { stage: 'NEGOTIATION', stageName: '商务谈判', probability: 75, count: 0, amount: 0, weightedAmount: 0 },
      { stage: 'CONTRACT_SIGNED', stageName: '签约', probability: 100, count: 0, amount: 0, weightedAmount: 0 },
    ]);
    expect((await ok(staff('COMM'), PIPE, { r: [{ __typename: 'Segment', id: seg('CONS') }] }))._entities[0].pipeline).toEqual([]);
    const byOwner = (await ok(executive, `query ($s: ID) { opportunityPipeline(segmentId: $s) { ownerId stage count amount weightedAmount } }`, { s: seg('CONS') }))
      .opportunityPipeline;
    expect(byOwner).toEqual([
      { ownerId: s.employeeId, stage: 'INITIAL_CONTACT', count: 1, amount: 3000000, weightedAmount: 300000 },
      { ownerId: s.employeeId, stage: 'SOLUTION_AND_QUOTE', count: 2, amount: 2500000, weightedAmount: 1250000 },
    ]);

    const order = (
      await ok(s, ORDER, {
        input: { customerId: c.id, opportunityId: won.id, contractNumber: 'HT-2026-001', signedAt: local('2026-11-09T15:00:00').toISOString(), amount: 2950000 },
      })
    ).createSalesOrder;
    expect(order).toMatchObject({ code: expect.stringMatching(/^SO-\d{6}$/), amount: 2950000, customer: { id: c.id }, opportunity: { id: won.id } });
    const orderRep = { r: [{ __typename: 'SalesOrder', id: order.id }] };
    expect((await ok(head('CONS'), ENTITIES, orderRep))._entities).toEqual([{ id: order.id }]);
    expect((await ok(staff('COMM'), ENTITIES, orderRep))._entities).toEqual([null]);
    expect((await ok(staff('CONS', 2), ENTITIES, orderRep))._entities).toEqual([null]);
    expect(await ok(staff('COMM'), `query ($id: ID!) { salesOrder(id: $id) { id } }`, { id: order.id })).toEqual({ salesOrder: null });
    expect(errorOf(await run(s, ORDER, { input: { customerId: c.id, contractNumber: 'HT-2026-001', signedAt: local('2026-11-09T15:00:00').toISOString(), amount: 1 } }))).toEqual({
      code: 'CONFLICT',
      reason: 'SALES_ORDER_CONTRACT_EXISTS',
    });
    const w = (await ok(s, CLOSE, { input: { id: won.id, expectedVersion: 1, outcome: 'WON', reason: '价格与服务优势' } })).closeOpportunity;
    expect(w).toMatchObject({ status: 'WON', stage: 'CONTRACT_SIGNED', probability: 100, closeReason: '价格与服务优势', version: 2 });
    expect(w.stageHistory.at(-1)).toEqual({ toStage: 'CONTRACT_SIGNED', toStatus: 'WON', probability: 100 });
    const l = (await ok(s, CLOSE, { input: { id: lost.id, expectedVersion: 2, outcome: 'LOST', reason: '竞争对手报价更低' } })).closeOpportunity;
    expect(l).toMatchObject({ status: 'LOST', stage: 'SOLUTION_AND_QUOTE', probability: 0, closeReason: '竞争对手报价更低' });
    expect(errorOf(await run(s, CLOSE, { input: { id: lost.id, expectedVersion: 3, outcome: 'WON', reason: 'x' } }))).toEqual({ code: 'CONFLICT', reason: 'OPPORTUNITY_CLOSED' });
    // Closed opportunities leave the pipeline.
    const after = (await ok(head('CONS'), PIPE, { r: [{ __typename: 'Segment', id: seg('CONS') }] }))._entities[0].pipeline;
    expect(after.map((p: any) => [p.stage, p.count, p.amount])).toEqual([
      ['INITIAL_CONTACT', 0, 0],
      ['NEEDS_CONFIRMED', 0, 0],
      ['SOLUTION_AND_QUOTE', 1, 2000000],
      ['NEGOTIATION', 0, 0],
      ['CONTRACT_SIGNED', 0, 0],
    ]);
    expect((await ok(s, `query ($id: ID!) { customer(id: $id) { orders { totalCount edges { node { contractNumber } } } } }`, { id: c.id })).customer.orders).toEqual({
      totalCount: 1,
      edges: [{ node: { contractNumber: 'HT-2026-001' } }],
    });
  });

  it('CS-R38 G-19 general action assignment: executives to any segment, segment heads in their own segment only, staff refused; the assignee is notified', async () => {
    const s = staff('PROP');
    const l = await lead(s, 'PROP', '物业外包服务意向');
    const due = local('2026-11-20T18:00:00').toISOString();
    const byExec = (await action(executive, 'LEAD', l.id, { assigneeId: s.employeeId, dueAt: due, type: 'VISIT' })).data.createGeneralAction;
    expect(byExec).toMatchObject({ status: 'PLANNED', assignee: { id: s.employeeId }, assignedBy: { id: executive.employeeId }, segment: { id: seg('PROP') } });
    const byHead = (await action(head('PROP'), 'LEAD', l.id, { assigneeId: s.employeeId, dueAt: due })).data.createGeneralAction;
    expect(byHead).toMatchObject({ status: 'PLANNED', assignedBy: { id: head('PROP').employeeId } });
    expect(errorOf(await action(head('COMM'), 'LEAD', l.id, { assigneeId: s.employeeId, dueAt: due }))).toEqual({ code: 'NOT_FOUND', reason: 'LEAD_NOT_FOUND' });
    expect(errorOf(await action(s, 'LEAD', l.id, { assigneeId: staff('PROP', 2).employeeId, dueAt: due }))).toEqual({ code: 'FORBIDDEN', reason: 'ACTION_ASSIGNMENT_FORBIDDEN' });
    expect(errorOf(await action(executive, 'LEAD', l.id))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
    expect(errorOf(await action(segAdmin('PROP'), 'LEAD', l.id, { assigneeId: s.employeeId, dueAt: due }))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
    expect(errorOf(await action(head('PROP'), 'LEAD', l.id, { assigneeId: s.employeeId }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'ACTION_DUE_REQUIRED' });
    // G-19: each assignment notified the assignee once (and only the assignee).
    const notified = (await ok(s, `{ myNotifications { kind subjectId } }`)).myNotifications.filter((n: any) => n.kind === 'ACTION_ASSIGNED');
    expect(notified.map((n: any) => n.subjectId).sort()).toEqual([byExec.id, byHead.id].sort());
    expect((await ok(staff('PROP', 2), `{ myNotifications { subjectId } }`)).myNotifications).toEqual([]);
    // The assignee sees it in their list and completes it (which counts as the lead's follow-up).
    const mine = (await ok(s, `{ myGeneralActions { edges { node { id status } } } }`)).myGeneralActions.edges.map((e: any) => e.node.id);
    expect(mine.sort()).toEqual([byExec.id, byHead.id].sort());
    const done = (
      await ok(s, `mutation ($i: UpdateGeneralActionInput!) { updateGeneralAction(input: $i) { status doneAt version lead { status lastActionAt } } }`, {
        i: { id: byExec.id, expectedVersion: 1, status: 'DONE' },
      })
    ).updateGeneralAction;
    expect(done).toMatchObject({ status: 'DONE', version: 2, lead: { status: 'FOLLOWING_UP', lastActionAt: done.doneAt } });
    expect(
      errorOf(await run(s, `mutation ($i: UpdateGeneralActionInput!) { updateGeneralAction(input: $i) { id } }`, { i: { id: byExec.id, expectedVersion: 1, notes: 'x' } })),
    ).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
  });

  it('CS-R36 only the group marketing department allocates across segments; recorded, and attached records move, their follow-ups still counted (CS-R25)', async () => {
    const s = staff('TRAD');
    const c = await customer(s, 'TRAD', '远航贸易');
    const l = await lead(s, 'TRAD', '进口设备代理', { customerId: c.id });
    const o = await opportunity(s, c.id, '年度框架协议', 800000);
    await action(s, 'OPPORTUNITY', o.id);
    await action(s, 'CUSTOMER', c.id);
    await ok(s, ORDER, { input: { customerId: c.id, contractNumber: 'TR-1', signedAt: local('2026-11-01T10:00:00').toISOString(), amount: 100 } });
    await ok(s, `mutation ($i: AddCustomerContactInput!) { addCustomerContact(input: $i) { id } }`, {
      i: { customerId: c.id, name: '李志强', phone: '13800000000', isPrimary: true },
    });
    const complaint = (
      await ok(s, `mutation ($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`, {
        i: { customerId: c.id, title: '货物延迟交付', description: 'd', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' },
      })
    ).createComplaint;

    const ALLOC = `mutation ($i: AllocateToSegmentInput!) { allocateToSegment(input: $i) {
      allocation { id recordType recordId reason status decidedByAccountId fromSegment { id } toSegment { id } newOwner { id } }
      moved { contacts leads opportunities orders generalActions complaints revisitPlans } } }`;
    const input = { recordType: 'CUSTOMER', recordId: c.id, expectedVersion: 1, toSegmentId: seg('HOTL'), newOwnerId: staff('HOTL').employeeId, reason: '客户业务转入酒店版块' };
    for (const v of [s, head('TRAD'), executive, segAdmin('TRAD'), sysadmin]) {
      expect(errorOf(await run(v, ALLOC, { i: input }))).toEqual({ code: 'FORBIDDEN', reason: 'MARKETING_OPERATOR_ONLY' });
    }
    expect(errorOf(await run(operator, ALLOC, { i: { ...input, expectedVersion: 9 } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const r = (await ok(operator, ALLOC, { i: input })).allocateToSegment;
    expect(r.allocation).toMatchObject({
      recordType: 'CUSTOMER',
      recordId: c.id,
      status: 'ALLOCATED',
      decidedByAccountId: operator.accountId,
      fromSegment: { id: seg('TRAD') },
      toSegment: { id: seg('HOTL') },
      newOwner: { id: staff('HOTL').employeeId },
    });
    expect(r.moved).toEqual({ contacts: 1, leads: 1, opportunities: 1, orders: 1, generalActions: 2, complaints: 1, revisitPlans: 0 });
    // The old segment no longer sees any of it; the new one does, with the new owner.
    expect(
      (
        await ok(s, ENTITIES, {
          r: [
            { __typename: 'Customer', id: c.id },
            { __typename: 'Lead', id: l.id },
            { __typename: 'Opportunity', id: o.id },
          ],
        })
      )._entities,
    ).toEqual([null, null, null]);
    expect(await ok(s, `query ($id: ID!) { complaint(id: $id) { id } }`, { id: complaint.id })).toEqual({ complaint: null });
    const hotl = staff('HOTL');
    expect(
      (
        await ok(
          hotl,
          `query ($id: ID!) { customer(id: $id) { segment { id } owner { id } contacts { name } opportunities { totalCount } orders { totalCount } generalActions { totalCount } complaints { totalCount } } }`,
          { id: c.id },
        )
      ).customer,
    ).toEqual({
      segment: { id: seg('HOTL') },
      owner: { id: hotl.employeeId },
      contacts: [{ name: '李志强' }],
      opportunities: { totalCount: 1 },
      orders: { totalCount: 1 },
      generalActions: { totalCount: 2 },
      complaints: { totalCount: 1 },
    });
    // Recorded: both segments and the operator see the allocation; a third segment does not.
    const LIST = `{ segmentAllocations { edges { node { recordId } } } }`;
    const ids = async (v: Viewer) => (await ok(v, LIST)).segmentAllocations.edges.map((e: any) => e.node.recordId);
    expect(await ids(head('TRAD'))).toEqual([c.id]);
    expect(await ids(hotl)).toContain(c.id);
    expect(await ids(operator)).toContain(c.id);
    expect(await ids(staff('FINA'))).toEqual([]);
    // A lead tied to a customer moves only with its customer.
    expect(errorOf(await run(operator, ALLOC, { i: { recordType: 'LEAD', recordId: l.id, expectedVersion: 1, toSegmentId: seg('TRAD'), reason: 'x' } }))).toEqual({
      code: 'CONFLICT',
      reason: 'ALLOCATION_LEAD_HAS_CUSTOMER',
    });
    // CS-R25 after the move: the follow-up made before it still counts for the new segment's head (the
    // actions moved with their records), the lead never followed up is on the list.
    const todo = (await ok(head('HOTL'), `{ followUpViolations { items { lead { id } opportunity { id } } } }`)).followUpViolations.items.map(
      (i: any) => (i.lead ?? i.opportunity).id,
    );
    expect(todo).toContain(l.id);
    expect(todo).not.toContain(o.id);
  });

  it('WF-CRM-7 segment users request an allocation; only the marketing department allocates or rejects it (CS-R36)', async () => {
    const s = staff('PROP');
    const l = await lead(s, 'PROP', '酒店物业托管');
    const REQ = `mutation ($i: RequestSegmentAllocationInput!) { requestSegmentAllocation(input: $i) { id version status requestedBy { id } moved { leads } } }`;
    const DECIDE = `mutation ($i: DecideSegmentAllocationInput!) { decideSegmentAllocation(input: $i) { id version status decisionNote decidedBy { id } moved { leads generalActions } } }`;
    await action(s, 'LEAD', l.id);
    expect(errorOf(await run(staff('PROP', 2), REQ, { i: { recordType: 'LEAD', recordId: l.id, toSegmentId: seg('HOTL'), reason: 'x' } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'LEAD_NOT_FOUND',
    });
    const req = (await ok(s, REQ, { i: { recordType: 'LEAD', recordId: l.id, toSegmentId: seg('HOTL'), reason: '客户为酒店业务', idempotencyKey: 'k-req' } }))
      .requestSegmentAllocation;
    expect(req).toMatchObject({ status: 'REQUESTED', requestedBy: { id: s.employeeId }, moved: null });
    expect(
      (await ok(s, REQ, { i: { recordType: 'LEAD', recordId: l.id, toSegmentId: seg('HOTL'), reason: '客户为酒店业务', idempotencyKey: 'k-req' } })).requestSegmentAllocation.id,
    ).toBe(req.id);
    // A request moves nothing; nobody but the department decides it.
    expect((await ok(s, `query ($id: ID!) { lead(id: $id) { segment { id } } }`, { id: l.id })).lead.segment.id).toBe(seg('PROP'));
    for (const v of [s, head('PROP'), executive, head('HOTL')]) {
      expect(errorOf(await run(v, DECIDE, { i: { id: req.id, expectedVersion: 1, approve: true } }))).toEqual({ code: 'FORBIDDEN', reason: 'MARKETING_OPERATOR_ONLY' });
    }
    expect((await ok(operator, `{ segmentAllocations(status: REQUESTED) { edges { node { id } } } }`)).segmentAllocations.edges).toEqual([{ node: { id: req.id } }]);
    const done = (await ok(operator, DECIDE, { i: { id: req.id, expectedVersion: 1, approve: true, newOwnerId: staff('HOTL').employeeId } })).decideSegmentAllocation;
    expect(done).toMatchObject({ status: 'ALLOCATED', version: 2, decidedBy: { id: operator.employeeId }, moved: { leads: 1, generalActions: 1 } });
    expect((await ok(staff('HOTL'), `query ($id: ID!) { lead(id: $id) { segment { id } owner { id } generalActions { totalCount } } }`, { id: l.id })).lead).toEqual({
      segment: { id: seg('HOTL') },
      owner: { id: staff('HOTL').employeeId },
      generalActions: { totalCount: 1 },
    });
    expect(errorOf(await run(operator, DECIDE, { i: { id: req.id, expectedVersion: 2, approve: false, note: 'x' } }))).toEqual({
      code: 'CONFLICT',
      reason: 'ALLOCATION_ALREADY_DECIDED',
    });
    // A rejection needs a note and moves nothing.
    const l2 = await lead(s, 'PROP', '写字楼保洁');
    const r2 = (await ok(s, REQ, { i: { recordType: 'LEAD', recordId: l2.id, toSegmentId: seg('COMM'), reason: '商业客户' } })).requestSegmentAllocation;
    expect(errorOf(await run(operator, DECIDE, { i: { id: r2.id, expectedVersion: 1, approve: false } }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'ALLOCATION_NOTE_REQUIRED' });
    expect((await ok(operator, DECIDE, { i: { id: r2.id, expectedVersion: 1, approve: false, note: '保洁业务归物业版块' } })).decideSegmentAllocation).toMatchObject({
      status: 'REJECTED',
      decisionNote: '保洁业务归物业版块',
      moved: null,
    });
    expect((await ok(s, `query ($id: ID!) { lead(id: $id) { segment { id } } }`, { id: l2.id })).lead.segment.id).toBe(seg('PROP'));
  });

  it('merges a duplicate customer, moving everything attached in one transaction (duplicates by name and contact)', async () => {
    const s = staff('SOFT');
    const h = head('SOFT');
    const keep = await customer(s, 'SOFT', '博远软件有限公司');
    const dup = await customer(s, 'SOFT', '博远软件 有限公司');
    await ok(s, `mutation ($i: AddCustomerContactInput!) { addCustomerContact(input: $i) { id } }`, { i: { customerId: dup.id, name: '张晓明', email: 'zhang@boyuan.example' } });
    await lead(s, 'SOFT', '二期扩容', { customerId: dup.id });
    const o = await opportunity(s, dup.id, 'ERP 升级', 600000);
    await action(s, 'CUSTOMER', dup.id);
    await action(s, 'OPPORTUNITY', o.id);
    await ok(s, ORDER, { input: { customerId: dup.id, contractNumber: 'SW-9', signedAt: local('2026-11-02T10:00:00').toISOString(), amount: 5000 } });
    await ok(s, `mutation ($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`, {
      i: { customerId: dup.id, title: '系统频繁宕机', description: 'd', channel: 'EMAIL', severity: 'GENERAL', phase: 'AFTER_SALE' },
    });

    await app.dataSource.query(
      'INSERT INTO revisit_plan (id, customer_id, segment_id, owner_id, cadence_days, next_due_at, last_revisit_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, 90, ?, NULL, ?, ?, 1)',
      ['plan-dup', dup.id, seg('SOFT'), s.employeeId, '2026-12-01 00:00:00', '2026-11-01 00:00:00', '2026-11-01 00:00:00'],
    );
    expect((await ok(s, `query ($id: ID!) { customerDuplicates(customerId: $id) { id } }`, { id: keep.id })).customerDuplicates).toEqual([{ id: dup.id }]);
    expect((await ok(staff('COMM'), `query ($id: ID!) { customerDuplicates(customerId: $id) { id } }`, { id: keep.id })).customerDuplicates).toEqual([]);

    const MERGE = `mutation ($i: MergeCustomersInput!) { mergeCustomers(input: $i) { customer { id version } merge { duplicateId duplicateName } moved { contacts leads opportunities orders generalActions complaints revisitPlans } } }`;
    const input = { survivorId: keep.id, survivorExpectedVersion: 1, duplicateId: dup.id, duplicateExpectedVersion: 1 };
    expect(errorOf(await run(s, MERGE, { i: input }))).toEqual({ code: 'FORBIDDEN', reason: 'MERGE_SEGMENT_HEAD_ONLY' });
    expect(errorOf(await run(h, MERGE, { i: { ...input, survivorExpectedVersion: 5 } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    // The refused merge wrote nothing.
    expect(await count('SELECT COUNT(*) AS n FROM opportunity WHERE customer_id = ?', [dup.id])).toBe(1);
    const r = (await ok(h, MERGE, { i: input })).mergeCustomers;
    expect(r).toEqual({
      customer: { id: keep.id, version: 2 },
      merge: { duplicateId: dup.id, duplicateName: '博远软件 有限公司' },
      moved: { contacts: 1, leads: 1, opportunities: 1, orders: 1, generalActions: 2, complaints: 1, revisitPlans: 1 },
    });
    expect(await ok(h, `query ($id: ID!) { customer(id: $id) { id } }`, { id: dup.id })).toEqual({ customer: null });
    expect(await count('SELECT COUNT(*) AS n FROM revisit_plan WHERE customer_id = ?', [keep.id])).toBe(1);
    for (const t of ['customer_contact', 'lead', 'opportunity', 'sales_order', 'general_action', 'complaint', 'revisit_plan']) {
      expect(await count(`SELECT COUNT(*) AS n FROM ${t} WHERE customer_id = ?`, [dup.id])).toBe(0);
    }
    expect(await count(`SELECT COUNT(*) AS n FROM general_action WHERE target_id = ?`, [dup.id])).toBe(0);
    const merged = (
      await ok(
        h,
        `query ($id: ID!) { customer(id: $id) { contacts { name } opportunities { totalCount } orders { totalCount } generalActions { totalCount } complaints { totalCount } } }`,
        { id: keep.id },
      )
    ).customer;
    expect(merged).toEqual({
      contacts: [{ name: '张晓明' }],
      opportunities: { totalCount: 1 },
      orders: { totalCount: 1 },
      generalActions: { totalCount: 2 },
      complaints: { totalCount: 1 },
    });
  });

  it('lets a segment administrator configure the segment stage list (G-09, G-43), versioned, never dropping a stage in use', async () => {
    const s = staff('HOTL');
    const c = await customer(s, 'HOTL', '锦程会展');
    const o = await opportunity(s, c.id, '年会场地', 200000);
    const CONF = `mutation ($seg: ID!, $v: Int!, $st: [OpportunityStageInput!]!) { configureOpportunityStages(segmentId: $seg, expectedVersion: $v, stages: $st) { code name position probability won version } }`;
    const list = [
      { code: 'INITIAL_CONTACT', name: '初步接洽', probability: 5 },
      { code: 'SITE_VISIT', name: '实地看场', probability: 40 },
      { code: 'SIGNED', name: '签约', probability: 100 },
    ];
    expect(errorOf(await run(head('HOTL'), CONF, { seg: seg('HOTL'), v: 0, st: list }))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
    expect(errorOf(await run(segAdmin('COMM'), CONF, { seg: seg('HOTL'), v: 0, st: list }))).toEqual({ code: 'FORBIDDEN', reason: 'SEGMENT_FORBIDDEN' });
    expect(errorOf(await run(segAdmin('HOTL'), CONF, { seg: seg('HOTL'), v: 0, st: list.slice(1) }))).toEqual({ code: 'CONFLICT', reason: 'STAGE_IN_USE' });
    expect(errorOf(await run(segAdmin('HOTL'), CONF, { seg: seg('HOTL'), v: 0, st: [list[1], list[0], list[2]] }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'STAGES_PROBABILITY_INVALID',
    });
    const configured = (await ok(segAdmin('HOTL'), CONF, { seg: seg('HOTL'), v: 0, st: list })).configureOpportunityStages;
    expect(configured.map((x: any) => [x.code, x.position, x.probability, x.won, x.version])).toEqual([
      ['INITIAL_CONTACT', 1, 5, false, 1],
      ['SITE_VISIT', 2, 40, false, 1],
      ['SIGNED', 3, 100, true, 1],
    ]);
    expect(errorOf(await run(segAdmin('HOTL'), CONF, { seg: seg('HOTL'), v: 0, st: list }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    // Open opportunities take the new probability; promotion follows the new list; other segments keep the default.
    expect((await ok(s, `query ($id: ID!) { opportunity(id: $id) { probability } }`, { id: o.id })).opportunity.probability).toBe(5);
    const moved = (await ok(s, MOVE, { input: { id: o.id, expectedVersion: 2, stage: 'SITE_VISIT' } })).moveOpportunityStage;
    expect(moved).toMatchObject({ stage: 'SITE_VISIT', probability: 40 });
    expect((await ok(staff('RESI'), `query ($s: ID) { opportunityStages(segmentId: $s) { code } }`, { s: seg('RESI') })).opportunityStages).toHaveLength(5);
    expect((await ok(staff('RESI'), `query ($s: ID) { opportunityStages(segmentId: $s) { code } }`, { s: seg('HOTL') })).opportunityStages).toEqual([]);
    // Back to the group default, which has no SITE_VISIT: refused while the opportunity sits there.
    expect(errorOf(await run(segAdmin('HOTL'), CONF, { seg: seg('HOTL'), v: 1, st: [] }))).toEqual({ code: 'CONFLICT', reason: 'STAGE_IN_USE' });
  });

  it('CS-R25 reports follow-up compliance per staff member and segment, and lists what to follow up (G-10, test clock)', async () => {
    const s1 = staff('ENGY');
    const s2 = staff('ENGY', 2);
    const h = head('ENGY');
    setNow('2026-10-05T09:00:00');
    const done = await lead(s1, 'ENGY', '光伏屋顶 A');
    const idle = await lead(s1, 'ENGY', '充电桩 B');
    const c = await customer(s2, 'ENGY', '天成能源');
    const opp = await opportunity(s2, c.id, '储能项目', 900000);
    const closed = await lead(s2, 'ENGY', '已放弃');
    await ok(s2, `mutation ($i: UpdateLeadInput!) { updateLead(input: $i) { status } }`, { i: { id: closed.id, expectedVersion: 1, status: 'INVALID', closeReason: '无效号码' } });
    expect((await action(s1, 'LEAD', idle.id)).errors).toBeUndefined(); // an October follow-up does not count for November
    setNow('2026-11-03T10:00:00');
    expect((await action(s1, 'LEAD', done.id, { notes: '客户意向未变化' })).errors).toBeUndefined();
    setNow('2026-11-25T10:00:00');
    const late = await lead(s2, 'ENGY', '月底新线索'); // created after the 20th: exempt for November
    setNow('2026-11-26T10:00:00');

    const REPORT = `query ($by: FollowUpGrouping!, $m: String) { followUpCompliance(by: $by, month: $m) { month rows { groupId required compliant missing rate } } }`;
    expect((await ok(h, REPORT, { by: 'OWNER' })).followUpCompliance).toEqual({
      month: '2026-11',
      rows: [
        { groupId: s1.employeeId, required: 2, compliant: 1, missing: 1, rate: 0.5 },
        { groupId: s2.employeeId, required: 1, compliant: 0, missing: 1, rate: 0 },
      ].sort((a, b) => a.groupId!.localeCompare(b.groupId!)),
    });
    const rows = (await ok(executive, `{ followUpCompliance(by: SEGMENT) { rows { groupId segment { id } owner { id } } } }`)).followUpCompliance.rows;
    expect(rows.find((r: any) => r.groupId === seg('ENGY'))).toEqual({ groupId: seg('ENGY'), segment: { id: seg('ENGY') }, owner: null });
    expect((await ok(executive, REPORT, { by: 'SEGMENT', m: '2026-11' })).followUpCompliance.rows.find((r: any) => r.groupId === seg('ENGY'))).toEqual({
      groupId: seg('ENGY'),
      required: 3,
      compliant: 1,
      missing: 1 + 1,
      rate: 0.3333,
    });
    // October: both s1 leads were open, only `idle` was followed up; the opportunity too (created before the 20th).
    expect((await ok(h, REPORT, { by: 'SEGMENT', m: '2026-10' })).followUpCompliance.rows).toEqual([{ groupId: seg('ENGY'), required: 4, compliant: 1, missing: 3, rate: 0.25 }]);
    expect(errorOf(await run(h, REPORT, { by: 'SEGMENT', m: '2026-13' }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'MONTH_INVALID' });
    // Another segment's head sees no ENGY rows.
    expect((await ok(head('COMM'), REPORT, { by: 'SEGMENT' })).followUpCompliance.rows.find((r: any) => r.groupId === seg('ENGY'))).toBeUndefined();

    const LIST = `query ($m: String) { followUpViolations(month: $m) { month items { kind lastActionAt lead { id } opportunity { id } owner { id } segment { id } } } }`;
    const v = (await ok(h, LIST, {})).followUpViolations;
    expect(v.items.map((i: any) => [i.kind, i.lead?.id ?? i.opportunity.id])).toEqual([
      ['OPPORTUNITY', opp.id],
      ['LEAD', idle.id],
    ]);
    const MINE = `{ myFollowUps { month items { kind lead { id name } opportunity { id name } } } }`;
    expect((await ok(s1, MINE)).myFollowUps).toEqual({ month: '2026-11', items: [{ kind: 'LEAD', lead: { id: idle.id, name: '充电桩 B' }, opportunity: null }] });
    // The newest lead is exempt from November's rule but is on its owner's list until followed up.
    expect((await ok(s2, MINE)).myFollowUps.items.map((i: any) => (i.lead ?? i.opportunity).id).sort()).toEqual([opp.id, late.id].sort());
    // Following up removes it, even without any change of intent (CS-R25).
    await action(s1, 'LEAD', idle.id, { type: 'OTHER', subject: '意向无变化' });
    expect((await ok(s1, MINE)).myFollowUps.items).toEqual([]);
    setNow('2026-11-10T10:00:00');
  });

  it('CS-R25 a month closes 5 days after its end: a follow-up back-dated into it later is recorded as a late correction and leaves its compliance unchanged', async () => {
    const s = staff('TRAD', 7);
    const h = head('TRAD');
    const REPORT = `query ($m: String) { followUpCompliance(by: OWNER, month: $m) { rows { groupId required compliant missing } } }`;
    const september = async () => (await ok(h, REPORT, { m: '2026-09' })).followUpCompliance.rows.find((r: any) => r.groupId === s.employeeId);
    const DONE = `mutation ($i: UpdateGeneralActionInput!) { updateGeneralAction(input: $i) { status doneAt lateCorrection } }`;
    setNow('2026-09-10T10:00:00');
    const inTime = await lead(s, 'TRAD', '理财顾问服务');
    const late = await lead(s, 'TRAD', '企业年金方案');
    const planned = await lead(s, 'TRAD', '保险代理合作');
    const plan = (await action(s, 'LEAD', planned.id, { dueAt: local('2026-09-29T10:00:00').toISOString() })).data.createGeneralAction;

    // 5 October: September is still open, a follow-up dated in it counts.
    setNow('2026-10-05T23:00:00');
    const a = (
      await run(s, `mutation ($input: CreateGeneralActionInput!) { createGeneralAction(input: $input) { lateCorrection } }`, {
        input: { targetType: 'LEAD', targetId: inTime.id, type: 'CALL', subject: '九月回访', doneAt: local('2026-09-28T15:00:00').toISOString() },
      })
    ).data.createGeneralAction;
    expect(a).toEqual({ lateCorrection: false });
    expect(await september()).toEqual({ groupId: s.employeeId, required: 3, compliant: 1, missing: 2 });

    // 6 October 00:00 (local): September is closed. Back-dated follow-ups are recorded, as late corrections.
    setNow('2026-10-06T00:00:00');
    const b = (
      await run(s, `mutation ($input: CreateGeneralActionInput!) { createGeneralAction(input: $input) { lateCorrection doneAt } }`, {
        input: { targetType: 'LEAD', targetId: late.id, type: 'CALL', subject: '补录九月回访', doneAt: local('2026-09-15T10:00:00').toISOString() },
      })
    ).data.createGeneralAction;
    expect(b).toEqual({ lateCorrection: true, doneAt: local('2026-09-15T10:00:00').toISOString() });
    const c = (await ok(s, DONE, { i: { id: plan.id, expectedVersion: plan.version, status: 'DONE', doneAt: local('2026-09-29T10:00:00').toISOString() } })).updateGeneralAction;
    expect(c).toEqual({ status: 'DONE', doneAt: local('2026-09-29T10:00:00').toISOString(), lateCorrection: true });
    expect(await september()).toEqual({ groupId: s.employeeId, required: 3, compliant: 1, missing: 2 });
    // A follow-up dated in the open month counts for it as usual.
    const d = (
      await run(s, `mutation ($input: CreateGeneralActionInput!) { createGeneralAction(input: $input) { lateCorrection } }`, {
        input: { targetType: 'LEAD', targetId: late.id, type: 'CALL', subject: '十月回访', doneAt: local('2026-10-01T10:00:00').toISOString() },
      })
    ).data.createGeneralAction;
    expect(d).toEqual({ lateCorrection: false });
    expect((await ok(h, REPORT, { m: '2026-10' })).followUpCompliance.rows.find((r: any) => r.groupId === s.employeeId)).toEqual({
      groupId: s.employeeId,
      required: 3,
      compliant: 1,
      missing: 2,
    });
    setNow('2026-11-10T10:00:00');
  });

  it('retries with the same idempotency key return the first result; a different body is refused (issue #8)', async () => {
    const s = staff('EDUT');
    const input = { segmentId: seg('EDUT'), name: '在线课程采购', source: 'WEBSITE', idempotencyKey: 'k-lead-1' };
    const first = (await ok(s, LEAD, { input })).createLead;
    const again = (await ok(s, LEAD, { input })).createLead;
    expect(again.id).toBe(first.id);
    expect(await count('SELECT COUNT(*) AS n FROM lead WHERE segment_id = ?', [seg('EDUT')])).toBe(1);
    expect(errorOf(await run(s, LEAD, { input: { ...input, name: '别的线索' } }))).toEqual({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    // Concurrent retries create one lead.
    const burst = await Promise.all([1, 2, 3].map(() => ok(s, LEAD, { input: { ...input, idempotencyKey: 'k-lead-2' } })));
    expect(new Set(burst.map((b) => b.createLead.id)).size).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM lead WHERE segment_id = ?', [seg('EDUT')])).toBe(2);

    const c = (await ok(s, CUSTOMER, { input: { name: '新禾教育', kind: 'ORGANIZATION', segmentId: seg('EDUT'), idempotencyKey: 'k-c' } })).createCustomer;
    expect((await ok(s, CUSTOMER, { input: { name: '新禾教育', kind: 'ORGANIZATION', segmentId: seg('EDUT'), idempotencyKey: 'k-c' } })).createCustomer.id).toBe(c.id);
    const orderInput = { customerId: c.id, contractNumber: 'ED-1', signedAt: local('2026-11-01T10:00:00').toISOString(), amount: 10, idempotencyKey: 'k-o' };
    const o1 = (await ok(s, ORDER, { input: orderInput })).createSalesOrder;
    expect((await ok(s, ORDER, { input: orderInput })).createSalesOrder.id).toBe(o1.id);
    expect(errorOf(await run(s, ORDER, { input: { ...orderInput, amount: 11 } }))).toEqual({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    const a1 = (await action(s, 'CUSTOMER', c.id, { idempotencyKey: 'k-a' })).data.createGeneralAction;
    expect((await action(s, 'CUSTOMER', c.id, { idempotencyKey: 'k-a' })).data.createGeneralAction.id).toBe(a1.id);

    // createComplaint now refuses a reused key with a different body too.
    const COMPLAINT = `mutation ($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`;
    const ci = { customerId: c.id, title: '退费申请长期未处理', description: 'd', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE', idempotencyKey: 'k-cmp' };
    const cmp = (await ok(s, COMPLAINT, { i: ci })).createComplaint;
    expect((await ok(s, COMPLAINT, { i: ci })).createComplaint.id).toBe(cmp.id);
    expect(errorOf(await run(s, COMPLAINT, { i: { ...ci, title: '另一件事' } }))).toEqual({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('costs the same number of SQL statements for 1 or 10 parents on nested CRM fields (no N+1)', async () => {
    const Q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Employee {
      leads(first: 5) { edges { node { id customer { id } convertedOpportunity { id } generalActions(first: 3) { totalCount edges { node { id } } } } } }
      opportunities(first: 5) { edges { node { id customer { contacts { name } } stageHistory { seq } orders(first: 3) { totalCount } generalActions(first: 3) { edges { node { id } } } } } } } } }`;
    const owners = ['RESI', 'CONS', 'PROP', 'TRAD', 'SOFT', 'ENGY', 'HOTL', 'EDUT', 'FINA', 'COMM'].map((code) => ({ __typename: 'Employee', id: staff(code).employeeId }));
    const statements = async (reps: object[]) => {
      const before = app.counter.count;
      const d = await ok(executive, Q, { r: reps });
      return { n: app.counter.count - before, d };
    };
    const one = await statements(owners.slice(0, 1));
    const ten = await statements(owners);
    expect(ten.d._entities.filter((e: any) => e.opportunities.edges.length > 0).length).toBeGreaterThan(3);
    // A batch may split in two when parents resolve in different ticks (DataLoader), never per parent.
    expect(ten.n).toBeLessThanOrEqual(one.n + 2);
    expect(ten.n).toBeLessThanOrEqual(14);
  });

  it('refuses stale versions and bad input with stable codes, writing nothing', async () => {
    const s = staff('FINA');
    const l = await lead(s, 'FINA', '贷款业务咨询');
    const UPD = `mutation ($i: UpdateLeadInput!) { updateLead(input: $i) { version name } }`;
    expect((await ok(s, UPD, { i: { id: l.id, expectedVersion: 1, name: '贷款业务咨询（企业）' } })).updateLead).toEqual({ version: 2, name: '贷款业务咨询（企业）' });
    expect(errorOf(await run(s, UPD, { i: { id: l.id, expectedVersion: 1, name: 'x' } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(errorOf(await run(s, UPD, { i: { id: l.id, expectedVersion: 2, status: 'CLOSED' } }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'LEAD_REASON_REQUIRED' });
    expect(errorOf(await run(s, UPD, { i: { id: l.id, expectedVersion: 2, status: 'CONVERTED' } }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'LEAD_CONVERT_WITH_CONVERT_LEAD' });
    expect(errorOf(await run(staff('FINA', 2), UPD, { i: { id: l.id, expectedVersion: 2, name: 'x' } }))).toEqual({ code: 'NOT_FOUND', reason: 'LEAD_NOT_FOUND' });
    const c = (await ok(s, CUSTOMER, { input: { name: '汇通投资', kind: 'ORGANIZATION', segmentId: seg('FINA'), ownerId: s.employeeId } })).createCustomer;
    const UPC = `mutation ($i: UpdateCustomerInput!) { updateCustomer(input: $i) { name version segment { id } } }`;
    expect((await ok(s, UPC, { i: { id: c.id, expectedVersion: 1, name: '汇通投资集团' } })).updateCustomer).toEqual({
      name: '汇通投资集团',
      version: 2,
      segment: { id: seg('FINA') },
    });
    expect(errorOf(await run(s, UPC, { i: { id: c.id, expectedVersion: 1, name: 'x' } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(errorOf(await run(staff('FINA', 2), UPC, { i: { id: c.id, expectedVersion: 2, name: 'x' } }))).toEqual({ code: 'FORBIDDEN', reason: 'NOT_RECORD_OWNER' });
    expect(errorOf(await run(staff('COMM'), UPC, { i: { id: c.id, expectedVersion: 2, name: 'x' } }))).toEqual({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' });
    expect(errorOf(await run(s, OPP, { input: { customerId: c.id, name: 'x', amount: -1 } }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'OPPORTUNITY_AMOUNT_INVALID' });
    expect(errorOf(await run(s, ORDER, { input: { customerId: c.id, contractNumber: 'F-1', signedAt: local('2027-01-01T00:00:00').toISOString(), amount: 1 } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'SALES_ORDER_SIGNED_IN_FUTURE',
    });
    expect(errorOf(await action(s, 'LEAD', l.id, { doneAt: local('2026-12-01T00:00:00').toISOString() }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'ACTION_DONE_IN_FUTURE' });
    expect(await count('SELECT COUNT(*) AS n FROM opportunity WHERE segment_id = ?', [seg('FINA')])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM general_action WHERE segment_id = ?', [seg('FINA')])).toBe(0);
  });
});
