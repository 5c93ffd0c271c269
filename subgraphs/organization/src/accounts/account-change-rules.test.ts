import { DEMO_PASSWORD, DEMO_SEGMENTS, demoSegmentPersonId, demoStaffEmployeeId, Role, Viewer } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoAccountId, DEMO_OPERATOR_KEY, demoOperatorEmployeeId } from './account-demo.seed';

/** CRM account opening, cancellation, permission changes and freezing (domain.md §3.2, D10) through GraphQL. */
const seg = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!.id;
const operator = (): Viewer => ({ accountId: demoAccountId(DEMO_OPERATOR_KEY), employeeId: demoOperatorEmployeeId(), role: Role.BUSINESS_STAFF, segmentIds: [] });
const admin = (code: string): Viewer => ({
  accountId: demoAccountId(`admin.${code.toLowerCase()}`),
  employeeId: demoSegmentPersonId(code, 'admin'),
  role: Role.SEGMENT_ADMIN,
  segmentIds: [seg(code)],
});
const head = (code: string): Viewer => ({ ...viewers.head(code), accountId: demoAccountId(`head.${code.toLowerCase()}`), employeeId: demoSegmentPersonId(code, 'head') });

const REQ = 'id version kind state reason oaReference requestedRole employee { id name } account { id status }';
const SUBMIT = `mutation($i: SubmitAccountChangeInput!) { submitAccountChange(input: $i) { ${REQ} } }`;
const APPROVE = `mutation($i: DecideAccountChangeInput!) { approveAccountChange(input: $i) { ${REQ} } }`;
const IMPLEMENT = `mutation($id: ID!, $v: Int!) { implementAccountChange(id: $id, expectedVersion: $v) { request { ${REQ} } account { id status role } } }`;
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token } }';

describe.each(testDatabaseKinds())('CRM account changes (CS-R29…R33) on %s', (kind) => {
  let t: OrgTestApp;
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_account_rules');
  });
  afterAll(() => t?.stop());

  const submit = (v: Viewer, i: Record<string, unknown>) => t.exec(v, SUBMIT, { i: { oaReference: 'OA-XXGL-9', reason: '调整', ...i } });
  const carryOut = async (req: { id: string; version: number }, leader: Viewer) => {
    const approved = (await ok(t, leader, APPROVE, { i: { id: req.id, expectedVersion: req.version } })).approveAccountChange;
    return (await ok(t, operator(), IMPLEMENT, { id: req.id, v: approved.version })).implementAccountChange;
  };

  it('CS-R29: accounts are opened for new hires and cancelled for departures; opening needs no account, cancelling and permission changes need one', async () => {
    const hire = demoStaffEmployeeId('JARE', 'MKT', 3);
    const withAccount = demoSegmentPersonId('RESI', 'staff');
    expect((await submit(admin('RESI'), { kind: 'CANCEL', employeeId: hire })).errors![0].extensions.reason).toBe('NO_ACCOUNT');
    expect(
      (await submit(admin('RESI'), { kind: 'PERMISSION_CHANGE', employeeId: hire, requestedRole: 'BUSINESS_STAFF', requestedSegmentIds: [seg('RESI')] })).errors![0].extensions
        .reason,
    ).toBe('NO_ACCOUNT');
    expect(
      (await submit(admin('RESI'), { kind: 'OPEN', employeeId: withAccount, requestedRole: 'BUSINESS_STAFF', requestedSegmentIds: [seg('RESI')] })).errors![0].extensions.reason,
    ).toBe('ACCOUNT_EXISTS');
    const opened = (await submit(admin('RESI'), { kind: 'OPEN', employeeId: hire, reason: '新入职', requestedRole: 'BUSINESS_STAFF', requestedSegmentIds: [seg('RESI')] })).data!
      .submitAccountChange;
    const done = await carryOut(opened, head('RESI'));
    expect(done.account).toMatchObject({ status: 'ACTIVE', role: 'BUSINESS_STAFF' });
    const cancel = (await submit(admin('RESI'), { kind: 'CANCEL', employeeId: hire, reason: '离职' })).data!.submitAccountChange;
    expect((await carryOut(cancel, head('RESI'))).account.status).toBe('CANCELLED');
    // A cancelled account is no account: its permissions cannot be changed any more.
    const afterCancel = await submit(admin('RESI'), { kind: 'PERMISSION_CHANGE', employeeId: hire, requestedRole: 'SEGMENT_HEAD', requestedSegmentIds: [seg('RESI')] });
    expect(afterCancel.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NO_ACCOUNT' });
  });

  it('CS-R31: the form names the person, the reason for the change and the handling asked for', async () => {
    const employeeId = demoStaffEmployeeId('JARE', 'MKT', 1);
    const base = { kind: 'OPEN', employeeId, requestedRole: 'BUSINESS_STAFF', requestedSegmentIds: [seg('RESI')] };
    expect((await submit(admin('RESI'), { ...base, reason: '' })).errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await submit(admin('RESI'), { ...base, reason: '   ' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    expect((await submit(admin('RESI'), { ...base, oaReference: '' })).errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await submit(admin('RESI'), { ...base, requestedRole: null })).errors![0].extensions.reason).toBe('REQUESTED_ROLE_REQUIRED');
    const req = (await submit(admin('RESI'), { ...base, reason: '新入职,负责住宅客户' })).data!.submitAccountChange;
    expect(req).toMatchObject({ employee: { id: employeeId }, reason: '新入职,负责住宅客户', oaReference: 'OA-XXGL-9', requestedRole: 'BUSINESS_STAFF' });
    expect(req.employee.name).toBeTruthy();
  });

  it('CS-R32: only after the leader approves does the marketing department carry the change out', async () => {
    const req = (
      await submit(admin('RESI'), { kind: 'OPEN', employeeId: demoStaffEmployeeId('JARE', 'MKT', 2), requestedRole: 'BUSINESS_STAFF', requestedSegmentIds: [seg('RESI')] })
    ).data!.submitAccountChange;
    expect((await fails(t, operator(), IMPLEMENT, { id: req.id, v: req.version })).reason).toBe('REQUEST_NOT_APPROVED');
    for (const v of [admin('RESI'), viewers.staff('RESI'), head('HOTL')]) {
      expect((await fails(t, v, APPROVE, { i: { id: req.id, expectedVersion: req.version } })).reason).toBe('NOT_LEADER');
    }
    const approved = (await ok(t, head('RESI'), APPROVE, { i: { id: req.id, expectedVersion: req.version } })).approveAccountChange;
    for (const v of [head('RESI'), admin('RESI'), viewers.executive()]) {
      expect((await fails(t, v, IMPLEMENT, { id: req.id, v: approved.version })).reason).toBe('NOT_MARKETING_OPERATOR');
    }
    const done = (await ok(t, operator(), IMPLEMENT, { id: req.id, v: approved.version })).implementAccountChange;
    expect(done.request.state).toBe('IMPLEMENTED');
  });

  it('CS-R33: the account of a segment head with an obvious resignation tendency is frozen in advance (no departure recorded) and stops signing in', async () => {
    expect((await t.exec(null, LOGIN, { i: { email: 'head.comm@example.com', password: DEMO_PASSWORD } })).data!.login.token).toBeTruthy();
    const req = (await submit(admin('COMM'), { kind: 'FREEZE', employeeId: demoSegmentPersonId('COMM', 'head'), reason: '有明显离职倾向,提前冻结' })).data!.submitAccountChange;
    expect(req).toMatchObject({ kind: 'FREEZE', state: 'SUBMITTED', account: { status: 'ACTIVE' } });
    const done = await carryOut(req, viewers.executive());
    expect(done.account.status).toBe('FROZEN');
    expect((await t.exec(null, LOGIN, { i: { email: 'head.comm@example.com', password: DEMO_PASSWORD } })).errors![0].extensions.reason).toBe('ACCOUNT_FROZEN');
    // Frozen, not cancelled: it can be frozen only once, and unfrozen again.
    expect((await submit(admin('COMM'), { kind: 'FREEZE', employeeId: demoSegmentPersonId('COMM', 'head') })).errors![0].extensions.reason).toBe('ACCOUNT_NOT_ACTIVE');
  });
});
