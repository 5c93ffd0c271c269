import { demoStaffEmployeeId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoBodyId } from '../database/seed';

const DIRECTOR = demoStaffEmployeeId('JA', 'MKT', 1);
const SUPERVISOR = demoStaffEmployeeId('JA', 'LEGAL', 3);
const PRESIDENT = demoStaffEmployeeId('JA', 'IT', 2);

const ACT = `mutation($i: TakeSupervisoryActionInput!) { takeSupervisoryAction(input: $i) { id version status finding action target { id } targetSeat { role } body { id } } }`;
const FOLLOW = `mutation($i: FollowUpSupervisoryActionInput!) { followUpSupervisoryAction(input: $i) { id version status followUp closedAt } }`;

describe.each(testDatabaseKinds())('supervisory actions on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_supervisory');
  });
  afterAll(() => t?.stop());

  it('the board of supervisors acts on directors and senior managers, with follow-up to closure (checkpoint 5, D08 第九条.2)', async () => {
    const base = { bodyId: demoBodyId('JA', 'BOS'), targetEmployeeId: DIRECTOR, finding: 'HARM_TO_COMPANY_INTEREST', action: 'CORRECT', description: '关联交易未披露' };
    const a = (await ok(t, exec, ACT, { i: base })).takeSupervisoryAction;
    expect(a).toMatchObject({ status: 'OPEN', finding: 'HARM_TO_COMPANY_INTEREST', action: 'CORRECT', target: { id: DIRECTOR }, targetSeat: { role: 'DIRECTOR' } });
    expect(
      (await ok(t, exec, ACT, { i: { ...base, targetEmployeeId: PRESIDENT, action: 'PROPOSE_REMOVAL', finding: 'VIOLATION_OF_LAW_OR_REGULATION' } })).takeSupervisoryAction
        .targetSeat.role,
    ).toBe('PRESIDENT');
    expect((await fails(t, exec, ACT, { i: { ...base, targetEmployeeId: SUPERVISOR } })).reason).toBe('TARGET_NOT_SUPERVISED');
    expect((await fails(t, exec, ACT, { i: { ...base, bodyId: demoBodyId('JA', 'BOD') } })).reason).toBe('NOT_SUPERVISORY_BOARD');
    expect((await fails(t, exec, ACT, { i: { ...base, bodyId: demoBodyId('JATC', 'BOS') } })).reason).toBe('TARGET_NOT_SUPERVISED'); // another company's supervisors
    expect((await fails(t, exec, FOLLOW, { i: { id: a.id, expectedVersion: a.version, status: 'CLOSED' } })).reason).toBe('FOLLOW_UP_REQUIRED');
    const f = (await ok(t, exec, FOLLOW, { i: { id: a.id, expectedVersion: a.version, status: 'FOLLOWING_UP', followUp: '已要求补充披露' } })).followUpSupervisoryAction;
    expect(f).toMatchObject({ status: 'FOLLOWING_UP', version: a.version + 1, closedAt: null });
    expect((await fails(t, exec, FOLLOW, { i: { id: a.id, expectedVersion: a.version, status: 'CLOSED' } })).reason).toBe('STALE_VERSION');
    const c = (await ok(t, exec, FOLLOW, { i: { id: a.id, expectedVersion: f.version, status: 'CLOSED' } })).followUpSupervisoryAction;
    expect(c).toMatchObject({ status: 'CLOSED', followUp: '已要求补充披露' });
    expect((await fails(t, exec, FOLLOW, { i: { id: a.id, expectedVersion: c.version, status: 'CLOSED', followUp: 'x' } })).reason).toBe('ACTION_CLOSED');
    expect((await fails(t, viewers.sysadmin(), ACT, { i: base })).reason).toBe('GOVERNANCE_CHANGE_FORBIDDEN');
    const open = await ok(t, exec, `{ supervisoryActions(first: 10, filter: { status: OPEN }) { totalCount } }`);
    expect(open.supervisoryActions.totalCount).toBe(1);
    expect((await ok(t, viewers.head('SOFT'), `{ supervisoryActions(first: 10) { totalCount } }`)).supervisoryActions.totalCount).toBe(0);
  });
});
