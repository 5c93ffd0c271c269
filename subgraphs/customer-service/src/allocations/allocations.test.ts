import 'reflect-metadata';
import { Viewer } from '@group/shared';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import {
  startCustomerService,
  CsTestApp,
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
  ORDER,
  ENTITIES,
} from '../testing/harness';

describe.each(testDatabaseKinds())('cross-segment allocation (WF-CRM-7) on %s', (kind) => {
  let cs: CsTestApp;
  beforeAll(async () => (cs = await startCustomerService(kind, { label: 'cs-allocations', now: '2026-11-10T10:00:00', roster: true })));
  afterAll(() => cs?.stop());

  it('CS-R36 only the group marketing department allocates across segments; recorded, and attached records move, their follow-ups still counted (CS-R25)', async () => {
    const s = staff('TRAD');
    const c = await customer(cs, s, 'TRAD', '远航贸易');
    const l = await lead(cs, s, 'TRAD', '进口设备代理', { customerId: c.id });
    const o = await opportunity(cs, s, c.id, '年度框架协议', 800000);
    await action(cs, s, 'OPPORTUNITY', o.id);
    await action(cs, s, 'CUSTOMER', c.id);
    await cs.ok(s, ORDER, { input: { customerId: c.id, contractNumber: 'TR-1', signedAt: local('2026-11-01T10:00:00').toISOString(), amount: 100 } });
    await cs.ok(s, `mutation ($i: AddCustomerContactInput!) { addCustomerContact(input: $i) { id } }`, {
      i: { customerId: c.id, name: '李志强', phone: '13800000000', isPrimary: true },
    });
    const complaint = (
      await cs.ok(s, `mutation ($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`, {
        i: { customerId: c.id, title: '货物延迟交付', description: 'd', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' },
      })
    ).createComplaint;

    const ALLOC = `mutation ($i: AllocateToSegmentInput!) { allocateToSegment(input: $i) {
      allocation { id recordType recordId reason status decidedByAccountId fromSegment { id } toSegment { id } newOwner { id } }
      moved { contacts leads opportunities orders generalActions complaints revisitPlans } } }`;
    const input = { recordType: 'CUSTOMER', recordId: c.id, expectedVersion: 1, toSegmentId: seg('HOTL'), newOwnerId: staff('HOTL').employeeId, reason: '客户业务转入酒店版块' };
    for (const v of [s, head('TRAD'), executive, segAdmin('TRAD'), sysadmin]) {
      expect(errorOf(await cs.exec(v, ALLOC, { i: input }))).toEqual({ code: 'FORBIDDEN', reason: 'MARKETING_OPERATOR_ONLY' });
    }
    expect(errorOf(await cs.exec(operator, ALLOC, { i: { ...input, expectedVersion: 9 } }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const r = (await cs.ok(operator, ALLOC, { i: input })).allocateToSegment;
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
        await cs.ok(s, ENTITIES, {
          r: [
            { __typename: 'Customer', id: c.id },
            { __typename: 'Lead', id: l.id },
            { __typename: 'Opportunity', id: o.id },
          ],
        })
      )._entities,
    ).toEqual([null, null, null]);
    expect(await cs.ok(s, `query ($id: ID!) { complaint(id: $id) { id } }`, { id: complaint.id })).toEqual({ complaint: null });
    const hotl = staff('HOTL');
    expect(
      (
        await cs.ok(
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
    const ids = async (v: Viewer) => (await cs.ok(v, LIST)).segmentAllocations.edges.map((e: any) => e.node.recordId);
    expect(await ids(head('TRAD'))).toEqual([c.id]);
    expect(await ids(hotl)).toContain(c.id);
    expect(await ids(operator)).toContain(c.id);
    expect(await ids(staff('FINA'))).toEqual([]);
    // A lead tied to a customer moves only with its customer.
    expect(errorOf(await cs.exec(operator, ALLOC, { i: { recordType: 'LEAD', recordId: l.id, expectedVersion: 1, toSegmentId: seg('TRAD'), reason: 'x' } }))).toEqual({
      code: 'CONFLICT',
      reason: 'ALLOCATION_LEAD_HAS_CUSTOMER',
    });
    // CS-R25 after the move: the follow-up made before it still counts for the new segment's head (the
    // actions moved with their records), the lead never followed up is on the list.
    const todo = (await cs.ok(head('HOTL'), `{ followUpViolations { items { lead { id } opportunity { id } } } }`)).followUpViolations.items.map(
      (i: any) => (i.lead ?? i.opportunity).id,
    );
    expect(todo).toContain(l.id);
    expect(todo).not.toContain(o.id);
  });

  it('WF-CRM-7 segment users request an allocation; only the marketing department allocates or rejects it (CS-R36)', async () => {
    const s = staff('PROP');
    const l = await lead(cs, s, 'PROP', '酒店物业托管');
    const REQ = `mutation ($i: RequestSegmentAllocationInput!) { requestSegmentAllocation(input: $i) { id version status requestedBy { id } moved { leads } } }`;
    const DECIDE = `mutation ($i: DecideSegmentAllocationInput!) { decideSegmentAllocation(input: $i) { id version status decisionNote decidedBy { id } moved { leads generalActions } } }`;
    await action(cs, s, 'LEAD', l.id);
    expect(errorOf(await cs.exec(staff('PROP', 2), REQ, { i: { recordType: 'LEAD', recordId: l.id, toSegmentId: seg('HOTL'), reason: 'x' } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'LEAD_NOT_FOUND',
    });
    const req = (await cs.ok(s, REQ, { i: { recordType: 'LEAD', recordId: l.id, toSegmentId: seg('HOTL'), reason: '客户为酒店业务', idempotencyKey: 'k-req' } }))
      .requestSegmentAllocation;
    expect(req).toMatchObject({ status: 'REQUESTED', requestedBy: { id: s.employeeId }, moved: null });
    expect(
      (await cs.ok(s, REQ, { i: { recordType: 'LEAD', recordId: l.id, toSegmentId: seg('HOTL'), reason: '客户为酒店业务', idempotencyKey: 'k-req' } })).requestSegmentAllocation.id,
    ).toBe(req.id);
    // A request moves nothing; nobody but the department decides it.
    expect((await cs.ok(s, `query ($id: ID!) { lead(id: $id) { segment { id } } }`, { id: l.id })).lead.segment.id).toBe(seg('PROP'));
    for (const v of [s, head('PROP'), executive, head('HOTL')]) {
      expect(errorOf(await cs.exec(v, DECIDE, { i: { id: req.id, expectedVersion: 1, approve: true } }))).toEqual({ code: 'FORBIDDEN', reason: 'MARKETING_OPERATOR_ONLY' });
    }
    expect((await cs.ok(operator, `{ segmentAllocations(status: REQUESTED) { edges { node { id } } } }`)).segmentAllocations.edges).toEqual([{ node: { id: req.id } }]);
    const done = (await cs.ok(operator, DECIDE, { i: { id: req.id, expectedVersion: 1, approve: true, newOwnerId: staff('HOTL').employeeId } })).decideSegmentAllocation;
    expect(done).toMatchObject({ status: 'ALLOCATED', version: 2, decidedBy: { id: operator.employeeId }, moved: { leads: 1, generalActions: 1 } });
    expect((await cs.ok(staff('HOTL'), `query ($id: ID!) { lead(id: $id) { segment { id } owner { id } generalActions { totalCount } } }`, { id: l.id })).lead).toEqual({
      segment: { id: seg('HOTL') },
      owner: { id: staff('HOTL').employeeId },
      generalActions: { totalCount: 1 },
    });
    expect(errorOf(await cs.exec(operator, DECIDE, { i: { id: req.id, expectedVersion: 2, approve: false, note: 'x' } }))).toEqual({
      code: 'CONFLICT',
      reason: 'ALLOCATION_ALREADY_DECIDED',
    });
    // A rejection needs a note and moves nothing.
    const l2 = await lead(cs, s, 'PROP', '写字楼保洁');
    const r2 = (await cs.ok(s, REQ, { i: { recordType: 'LEAD', recordId: l2.id, toSegmentId: seg('COMM'), reason: '商业客户' } })).requestSegmentAllocation;
    expect(errorOf(await cs.exec(operator, DECIDE, { i: { id: r2.id, expectedVersion: 1, approve: false } }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'ALLOCATION_NOTE_REQUIRED',
    });
    expect((await cs.ok(operator, DECIDE, { i: { id: r2.id, expectedVersion: 1, approve: false, note: '保洁业务归物业版块' } })).decideSegmentAllocation).toMatchObject({
      status: 'REJECTED',
      decisionNote: '保洁业务归物业版块',
      moved: null,
    });
    expect((await cs.ok(s, `query ($id: ID!) { lead(id: $id) { segment { id } } }`, { id: l2.id })).lead.segment.id).toBe(seg('PROP'));
  });
});
