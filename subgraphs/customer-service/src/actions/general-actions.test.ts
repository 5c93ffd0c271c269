import 'reflect-metadata';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, CsTestApp, lead, action, seg, staff, head, segAdmin, executive, local } from '../testing/harness';

describe.each(testDatabaseKinds())('CRM general actions (assignment) on %s', (kind) => {
  let cs: CsTestApp;
  beforeAll(async () => (cs = await startCustomerService(kind, { label: 'cs-actions', now: '2026-11-10T10:00:00', roster: true })));
  afterAll(() => cs?.stop());

  it('CS-R38 G-19 general action assignment: executives to any segment, segment heads in their own segment only, staff refused; the assignee is notified', async () => {
    const s = staff('PROP');
    const l = await lead(cs, s, 'PROP', '物业外包服务意向');
    const due = local('2026-11-20T18:00:00').toISOString();
    const byExec = (await action(cs, executive, 'LEAD', l.id, { assigneeId: s.employeeId, dueAt: due, type: 'VISIT' })).data.createGeneralAction;
    expect(byExec).toMatchObject({ status: 'PLANNED', assignee: { id: s.employeeId }, assignedBy: { id: executive.employeeId }, segment: { id: seg('PROP') } });
    const byHead = (await action(cs, head('PROP'), 'LEAD', l.id, { assigneeId: s.employeeId, dueAt: due })).data.createGeneralAction;
    expect(byHead).toMatchObject({ status: 'PLANNED', assignedBy: { id: head('PROP').employeeId } });
    expect(errorOf(await action(cs, head('COMM'), 'LEAD', l.id, { assigneeId: s.employeeId, dueAt: due }))).toEqual({ code: 'NOT_FOUND', reason: 'LEAD_NOT_FOUND' });
    expect(errorOf(await action(cs, s, 'LEAD', l.id, { assigneeId: staff('PROP', 2).employeeId, dueAt: due }))).toEqual({
      code: 'FORBIDDEN',
      reason: 'ACTION_ASSIGNMENT_FORBIDDEN',
    });
    expect(errorOf(await action(cs, executive, 'LEAD', l.id))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
    expect(errorOf(await action(cs, segAdmin('PROP'), 'LEAD', l.id, { assigneeId: s.employeeId, dueAt: due }))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
    expect(errorOf(await action(cs, head('PROP'), 'LEAD', l.id, { assigneeId: s.employeeId }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'ACTION_DUE_REQUIRED' });
    // G-19: each assignment notified the assignee once (and only the assignee).
    const notified = (await cs.ok(s, `{ myNotifications { kind subjectId } }`)).myNotifications.filter((n: any) => n.kind === 'ACTION_ASSIGNED');
    expect(notified.map((n: any) => n.subjectId).sort()).toEqual([byExec.id, byHead.id].sort());
    expect((await cs.ok(staff('PROP', 2), `{ myNotifications { subjectId } }`)).myNotifications).toEqual([]);
    // The assignee sees it in their list and completes it (which counts as the lead's follow-up).
    const mine = (await cs.ok(s, `{ myGeneralActions { edges { node { id status } } } }`)).myGeneralActions.edges.map((e: any) => e.node.id);
    expect(mine.sort()).toEqual([byExec.id, byHead.id].sort());
    const done = (
      await cs.ok(s, `mutation ($i: UpdateGeneralActionInput!) { updateGeneralAction(input: $i) { status doneAt version lead { status lastActionAt } } }`, {
        i: { id: byExec.id, expectedVersion: 1, status: 'DONE' },
      })
    ).updateGeneralAction;
    expect(done).toMatchObject({ status: 'DONE', version: 2, lead: { status: 'FOLLOWING_UP', lastActionAt: done.doneAt } });
    expect(
      errorOf(await cs.exec(s, `mutation ($i: UpdateGeneralActionInput!) { updateGeneralAction(input: $i) { id } }`, { i: { id: byExec.id, expectedVersion: 1, notes: 'x' } })),
    ).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
  });
});
