import 'reflect-metadata';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import {
  startCustomerService,
  CsTestApp,
  count,
  customer,
  lead,
  opportunity,
  action,
  seg,
  staff,
  head,
  segAdmin,
  executive,
  sysadmin,
  operator,
  local,
  CUSTOMER,
  LEAD,
  CONVERT,
  OPP,
  ORDER,
  ENTITIES,
} from '../testing/harness';

describe.each(testDatabaseKinds())('CRM (leads, opportunities, actions, orders) on %s', (kind) => {
  let cs: CsTestApp;
  beforeAll(async () => (cs = await startCustomerService(kind, { label: 'cs-crm', now: '2026-11-10T10:00:00', roster: true })));
  afterAll(() => cs?.stop());

  it('converts a lead into a customer and an opportunity in one transaction (WF-CRM-4)', async () => {
    const s = staff('RESI');
    const l = await lead(cs, s, 'RESI', '滨江项目团购意向', { companyName: '重庆恒信科技', contactName: '王建国' });
    expect(l).toMatchObject({ code: expect.stringMatching(/^LD-\d{6}$/), status: 'NEW', version: 1, owner: { id: s.employeeId }, segment: { id: seg('RESI') } });
    const a = (await action(cs, s, 'LEAD', l.id)).data.createGeneralAction;
    expect(a.status).toBe('DONE');
    const before = (await cs.ok(s, `query ($id: ID!) { lead(id: $id) { status version lastActionAt } }`, { id: l.id })).lead;
    expect(before).toMatchObject({ status: 'FOLLOWING_UP', version: 2 });

    // A bad opportunity stage fails the whole conversion: nothing is written.
    const bad = await cs.exec(s, CONVERT, {
      input: { leadId: l.id, expectedVersion: 2, newCustomer: { name: '重庆恒信科技', kind: 'ORGANIZATION' }, opportunity: { name: '3 号楼', amount: 1, stage: 'NOPE' } },
    });
    expect(errorOf(bad)).toEqual({ code: 'BAD_USER_INPUT', reason: 'OPPORTUNITY_STAGE_UNKNOWN' });
    expect(await count(cs, 'SELECT COUNT(*) AS n FROM customer WHERE segment_id = ?', [seg('RESI')])).toBe(0);
    expect(await count(cs, 'SELECT COUNT(*) AS n FROM opportunity', [])).toBe(0);

    const c = (
      await cs.ok(s, CONVERT, {
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
      await cs.ok(s, `query ($id: ID!) { customer(id: $id) { opportunities { totalCount } generalActions { edges { node { id lead { id } } } } } }`, { id: c.customer.id })
    ).customer;
    expect(nested).toEqual({ opportunities: { totalCount: 1 }, generalActions: { edges: [{ node: { id: a.id, lead: { id: l.id } } }] } });
    expect(errorOf(await action(cs, s, 'LEAD', l.id))).toEqual({ code: 'CONFLICT', reason: 'LEAD_CLOSED' });
    expect(errorOf(await cs.exec(s, CONVERT, { input: { leadId: l.id, expectedVersion: 3, customerId: c.customer.id, opportunity: { name: 'x', amount: 1 } } }))).toEqual({
      code: 'CONFLICT',
      reason: 'LEAD_CLOSED',
    });
  });

  it('CS-R35 isolates segments on lists, by id, nested fields and _entities; business staff read their own records (G-15)', async () => {
    const s = staff('RESI');
    const other = staff('COMM');
    const colleague = staff('RESI', 2);
    const l = (await cs.ok(s, `{ leads(first: 1) { edges { node { id convertedOpportunity { id } customer { id } } } } }`)).leads.edges[0].node;
    const oppId = l.convertedOpportunity.id;
    const actionId = (await cs.ok(s, `{ generalActions(first: 1) { edges { node { id } } } }`)).generalActions.edges[0].node.id;
    const reps = [
      { __typename: 'Lead', id: l.id },
      { __typename: 'Opportunity', id: oppId },
      { __typename: 'GeneralAction', id: actionId },
      { __typename: 'Customer', id: l.customer.id },
    ];
    // The owner, the segment head, executives and the marketing department read them.
    for (const v of [s, head('RESI'), executive, operator]) {
      expect((await cs.ok(v, ENTITIES, { r: reps }))._entities.map((e: any) => e?.id)).toEqual([l.id, oppId, actionId, l.customer.id]);
    }
    // Another segment: nothing on any path.
    expect(await cs.ok(other, `{ leads { totalCount } opportunities { totalCount } generalActions { totalCount } }`)).toEqual({
      leads: { totalCount: 0 },
      opportunities: { totalCount: 0 },
      generalActions: { totalCount: 0 },
    });
    expect(await cs.ok(other, `query ($l: ID!, $o: ID!) { lead(id: $l) { id } opportunity(id: $o) { id } }`, { l: l.id, o: oppId })).toEqual({ lead: null, opportunity: null });
    expect((await cs.ok(other, ENTITIES, { r: reps }))._entities).toEqual([null, null, null, null]);
    const EMP = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { leads { totalCount } opportunities { totalCount } } } }`;
    expect((await cs.ok(other, EMP, { r: [{ __typename: 'Employee', id: s.employeeId }] }))._entities).toEqual([{ leads: { totalCount: 0 }, opportunities: { totalCount: 0 } }]);
    expect((await cs.ok(s, EMP, { r: [{ __typename: 'Employee', id: s.employeeId }] }))._entities).toEqual([{ leads: { totalCount: 1 }, opportunities: { totalCount: 1 } }]);
    // A colleague of the same segment sees the customer (segment-wide) but not another owner's lead and opportunity (OWN scope).
    expect((await cs.ok(colleague, ENTITIES, { r: reps }))._entities.map((e: any) => e?.id ?? null)).toEqual([null, null, null, l.customer.id]);
    expect((await cs.ok(colleague, `query ($id: ID!) { customer(id: $id) { opportunities { totalCount } } }`, { id: l.customer.id })).customer.opportunities.totalCount).toBe(0);
    // System administrators read no business data.
    expect((await cs.ok(sysadmin, ENTITIES, { r: reps }))._entities).toEqual([null, null, null, null]);
    expect((await cs.ok(sysadmin, `{ leads { totalCount } }`)).leads.totalCount).toBe(0);
  });

  it('applies the permission matrix to writes (domain.md §3.1.2): executives, administrators and the marketing department create nothing', async () => {
    for (const v of [executive, segAdmin('CONS'), sysadmin, operator]) {
      expect(errorOf(await cs.exec(v, LEAD, { input: { segmentId: seg('CONS'), name: 'x', source: 'OTHER' } }))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
    }
    expect(errorOf(await cs.exec(staff('COMM'), LEAD, { input: { segmentId: seg('CONS'), name: 'x', source: 'OTHER' } }))).toEqual({
      code: 'FORBIDDEN',
      reason: 'SEGMENT_FORBIDDEN',
    });
    expect(errorOf(await cs.exec(staff('CONS'), LEAD, { input: { segmentId: seg('CONS'), name: 'x', source: 'OTHER', ownerId: 'someone-else' } }))).toEqual({
      code: 'FORBIDDEN',
      reason: 'OWNER_ASSIGNMENT_FORBIDDEN',
    });
  });

  it('retries with the same idempotency key return the first result; a different body is refused (issue #8)', async () => {
    const s = staff('EDUT');
    const input = { segmentId: seg('EDUT'), name: '在线课程采购', source: 'WEBSITE', idempotencyKey: 'k-lead-1' };
    const first = (await cs.ok(s, LEAD, { input })).createLead;
    const again = (await cs.ok(s, LEAD, { input })).createLead;
    expect(again.id).toBe(first.id);
    expect(await count(cs, 'SELECT COUNT(*) AS n FROM lead WHERE segment_id = ?', [seg('EDUT')])).toBe(1);
    expect(errorOf(await cs.exec(s, LEAD, { input: { ...input, name: '别的线索' } }))).toEqual({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    // Concurrent retries create one lead.
    const burst = await Promise.all([1, 2, 3].map(() => cs.ok(s, LEAD, { input: { ...input, idempotencyKey: 'k-lead-2' } })));
    expect(new Set(burst.map((b) => b.createLead.id)).size).toBe(1);
    expect(await count(cs, 'SELECT COUNT(*) AS n FROM lead WHERE segment_id = ?', [seg('EDUT')])).toBe(2);

    const c = (await cs.ok(s, CUSTOMER, { input: { name: '新禾教育', kind: 'ORGANIZATION', segmentId: seg('EDUT'), idempotencyKey: 'k-c' } })).createCustomer;
    expect((await cs.ok(s, CUSTOMER, { input: { name: '新禾教育', kind: 'ORGANIZATION', segmentId: seg('EDUT'), idempotencyKey: 'k-c' } })).createCustomer.id).toBe(c.id);
    const orderInput = { customerId: c.id, contractNumber: 'ED-1', signedAt: local('2026-11-01T10:00:00').toISOString(), amount: 10, idempotencyKey: 'k-o' };
    const o1 = (await cs.ok(s, ORDER, { input: orderInput })).createSalesOrder;
    expect((await cs.ok(s, ORDER, { input: orderInput })).createSalesOrder.id).toBe(o1.id);
    expect(errorOf(await cs.exec(s, ORDER, { input: { ...orderInput, amount: 11 } }))).toEqual({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    const a1 = (await action(cs, s, 'CUSTOMER', c.id, { idempotencyKey: 'k-a' })).data.createGeneralAction;
    expect((await action(cs, s, 'CUSTOMER', c.id, { idempotencyKey: 'k-a' })).data.createGeneralAction.id).toBe(a1.id);

    // createComplaint now refuses a reused key with a different body too.
    const COMPLAINT = `mutation ($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`;
    const ci = { customerId: c.id, title: '退费申请长期未处理', description: 'd', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE', idempotencyKey: 'k-cmp' };
    const cmp = (await cs.ok(s, COMPLAINT, { i: ci })).createComplaint;
    expect((await cs.ok(s, COMPLAINT, { i: ci })).createComplaint.id).toBe(cmp.id);
    expect(errorOf(await cs.exec(s, COMPLAINT, { i: { ...ci, title: '另一件事' } }))).toEqual({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('costs the same number of SQL statements for 1 or 10 parents on nested CRM fields (no N+1)', async () => {
    const Q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Employee {
      leads(first: 5) { edges { node { id customer { id } convertedOpportunity { id } generalActions(first: 3) { totalCount edges { node { id } } } } } }
      opportunities(first: 5) { edges { node { id customer { contacts { name } } stageHistory { seq } orders(first: 3) { totalCount } generalActions(first: 3) { edges { node { id } } } } } } } } }`;
    const owners = ['RESI', 'CONS', 'PROP', 'TRAD', 'SOFT', 'ENGY', 'HOTL', 'EDUT', 'FINA', 'COMM'].map((code) => ({ __typename: 'Employee', id: staff(code).employeeId }));
    // Opportunities of several owners (this file's own data: the other CRM tests sit beside their aggregates).
    for (const code of ['CONS', 'PROP', 'TRAD', 'SOFT']) {
      const c = await customer(cs, staff(code), code, `批量查询客户 ${code}`);
      await opportunity(cs, staff(code), c.id, '批量查询机会', 1000);
    }
    const statements = async (reps: object[]) => {
      const before = cs.app.counter.count;
      const d = await cs.ok(executive, Q, { r: reps });
      return { n: cs.app.counter.count - before, d };
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
    const l = await lead(cs, s, 'FINA', '贷款业务咨询');
    const UPD = `mutation ($i: UpdateLeadInput!) { updateLead(input: $i) { version name } }`;
    expect((await cs.ok(s, UPD, { i: { id: l.id, expectedVersion: 1, name: '贷款业务咨询（企业）' } })).updateLead).toEqual({ version: 2, name: '贷款业务咨询（企业）' });
    expect(errorOf(await cs.exec(s, UPD, { i: { id: l.id, expectedVersion: 1, name: 'x' } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(errorOf(await cs.exec(s, UPD, { i: { id: l.id, expectedVersion: 2, status: 'CLOSED' } }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'LEAD_REASON_REQUIRED' });
    expect(errorOf(await cs.exec(s, UPD, { i: { id: l.id, expectedVersion: 2, status: 'CONVERTED' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'LEAD_CONVERT_WITH_CONVERT_LEAD',
    });
    expect(errorOf(await cs.exec(staff('FINA', 2), UPD, { i: { id: l.id, expectedVersion: 2, name: 'x' } }))).toEqual({ code: 'NOT_FOUND', reason: 'LEAD_NOT_FOUND' });
    const c = (await cs.ok(s, CUSTOMER, { input: { name: '汇通投资', kind: 'ORGANIZATION', segmentId: seg('FINA'), ownerId: s.employeeId } })).createCustomer;
    const UPC = `mutation ($i: UpdateCustomerInput!) { updateCustomer(input: $i) { name version segment { id } } }`;
    expect((await cs.ok(s, UPC, { i: { id: c.id, expectedVersion: 1, name: '汇通投资集团' } })).updateCustomer).toEqual({
      name: '汇通投资集团',
      version: 2,
      segment: { id: seg('FINA') },
    });
    expect(errorOf(await cs.exec(s, UPC, { i: { id: c.id, expectedVersion: 1, name: 'x' } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(errorOf(await cs.exec(staff('FINA', 2), UPC, { i: { id: c.id, expectedVersion: 2, name: 'x' } }))).toEqual({ code: 'FORBIDDEN', reason: 'NOT_RECORD_OWNER' });
    expect(errorOf(await cs.exec(staff('COMM'), UPC, { i: { id: c.id, expectedVersion: 2, name: 'x' } }))).toEqual({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' });
    expect(errorOf(await cs.exec(s, OPP, { input: { customerId: c.id, name: 'x', amount: -1 } }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'OPPORTUNITY_AMOUNT_INVALID' });
    expect(errorOf(await cs.exec(s, ORDER, { input: { customerId: c.id, contractNumber: 'F-1', signedAt: local('2027-01-01T00:00:00').toISOString(), amount: 1 } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'SALES_ORDER_SIGNED_IN_FUTURE',
    });
    expect(errorOf(await action(cs, s, 'LEAD', l.id, { doneAt: local('2026-12-01T00:00:00').toISOString() }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'ACTION_DONE_IN_FUTURE' });
    expect(await count(cs, 'SELECT COUNT(*) AS n FROM opportunity WHERE segment_id = ?', [seg('FINA')])).toBe(0);
    expect(await count(cs, 'SELECT COUNT(*) AS n FROM general_action WHERE segment_id = ?', [seg('FINA')])).toBe(0);
  });
});
