import { DEMO_COMPANIES, DEMO_SEGMENTS, demoDepartmentId, demoSegmentPersonId, demoStaffEmployeeId, newId, Role, Viewer, DEMO_PASSWORD } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoAccountId, DEMO_OPERATOR_KEY, DEMO_PENDING_REQUEST_ID, demoOperatorEmployeeId } from './account-demo.seed';
import { EmployeeChange, EmployeeChangeKind } from '../employees/employee.entity';

const seg = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!.id;
const operator = (): Viewer => ({ accountId: demoAccountId(DEMO_OPERATOR_KEY), employeeId: demoOperatorEmployeeId(), role: Role.BUSINESS_STAFF, segmentIds: [] });
const admin = (code: string): Viewer => ({
  accountId: demoAccountId(`admin.${code.toLowerCase()}`),
  employeeId: demoSegmentPersonId(code, 'admin'),
  role: Role.SEGMENT_ADMIN,
  segmentIds: [seg(code)],
});
const head = (code: string): Viewer => ({ ...viewers.head(code), accountId: demoAccountId(`head.${code.toLowerCase()}`), employeeId: demoSegmentPersonId(code, 'head') });

const REQ =
  'id version kind state isLate dueBy requestedRole oaReference employee { id } account { id email role status segments { code } } submittedBy { email } decidedBy { email } implementedBy { email } requestedSegments { code }';
const SUBMIT = `mutation($i: SubmitAccountChangeInput!) { submitAccountChange(input: $i) { ${REQ} } }`;
const APPROVE = `mutation($i: DecideAccountChangeInput!) { approveAccountChange(input: $i) { ${REQ} } }`;
const REJECT = `mutation($i: DecideAccountChangeInput!) { rejectAccountChange(input: $i) { ${REQ} } }`;
const IMPLEMENT = `mutation($id: ID!, $v: Int!) { implementAccountChange(id: $id, expectedVersion: $v) { temporaryPassword request { ${REQ} } account { id email role status segments { code } } } }`;
const LIST = 'query($f: AccountChangeRequestFilter) { accountChangeRequests(first: 50, filter: $f) { totalCount edges { node { id kind state isLate } } } }';
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token account { email role } } }';

describe.each(testDatabaseKinds())('CRM account lifecycle (flow A1/A2) on %s', (kind) => {
  let t: OrgTestApp;
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_account_lifecycle');
  });
  afterAll(() => t?.stop());

  const open = {
    kind: 'OPEN',
    employeeId: demoStaffEmployeeId('JARE', 'MKT', 2),
    oaReference: 'OA-XXGL-1',
    reason: '新入职',
    requestedRole: 'BUSINESS_STAFF',
    requestedSegmentIds: [seg('RESI')],
  };

  it('WF-CRM-1: only the segment admin submits, only for employees and segments of its own segment', async () => {
    for (const v of [viewers.executive(), viewers.sysadmin(), head('RESI'), viewers.staff('RESI'), operator()]) {
      expect((await fails(t, v, SUBMIT, { i: open })).reason).toBe('ONLY_SEGMENT_ADMIN_SUBMITS');
    }
    expect((await fails(t, admin('HOTL'), SUBMIT, { i: { ...open, requestedSegmentIds: [seg('HOTL')] } })).reason).toBe('EMPLOYEE_OUTSIDE_SEGMENT');
    expect((await fails(t, admin('RESI'), SUBMIT, { i: { ...open, requestedSegmentIds: [seg('COMM')] } })).reason).toBe('SEGMENT_OUTSIDE_SCOPE');
    expect(
      (await fails(t, admin('RESI'), SUBMIT, { i: { ...open, kind: 'CANCEL', employeeId: demoSegmentPersonId('COMM', 'staff'), requestedRole: null, requestedSegmentIds: null } }))
        .reason,
    ).toBe('EMPLOYEE_OUTSIDE_SEGMENT');
    expect((await fails(t, admin('RESI'), SUBMIT, { i: { ...open, employeeId: demoSegmentPersonId('RESI', 'staff') } })).reason).toBe('ACCOUNT_EXISTS');
    expect((await ok(t, viewers.executive(), LIST, { f: { employeeId: open.employeeId } })).accountChangeRequests.totalCount).toBe(0);
  });

  it('WF-CRM-1: OPEN submitted, approved by the segment head (leader, G-12), implemented by the marketing department: the account exists and signs in', async () => {
    const submitted = (await ok(t, admin('RESI'), SUBMIT, { i: open })).submitAccountChange;
    expect(submitted).toMatchObject({
      kind: 'OPEN',
      state: 'SUBMITTED',
      isLate: false,
      dueBy: null,
      account: null,
      submittedBy: { email: 'admin.resi@example.com' },
      requestedSegments: [{ code: 'RESI' }],
    });
    for (const v of [head('HOTL'), viewers.staff('RESI'), admin('RESI'), operator(), viewers.sysadmin()]) {
      expect((await fails(t, v, APPROVE, { i: { id: submitted.id, expectedVersion: submitted.version } })).reason).toBe('NOT_LEADER');
    }
    expect((await fails(t, operator(), IMPLEMENT, { id: submitted.id, v: submitted.version })).reason).toBe('REQUEST_NOT_APPROVED');
    expect((await fails(t, head('RESI'), APPROVE, { i: { id: submitted.id, expectedVersion: submitted.version + 5 } })).reason).toBe('STALE_VERSION');
    const approved = (await ok(t, head('RESI'), APPROVE, { i: { id: submitted.id, expectedVersion: submitted.version, note: '同意' } })).approveAccountChange;
    expect(approved).toMatchObject({ state: 'APPROVED', decidedBy: { email: 'head.resi@example.com' } });
    for (const v of [head('RESI'), viewers.executive(), admin('RESI')]) {
      expect((await fails(t, v, IMPLEMENT, { id: submitted.id, v: approved.version })).reason).toBe('NOT_MARKETING_OPERATOR');
    }
    const done = (await ok(t, operator(), IMPLEMENT, { id: submitted.id, v: approved.version })).implementAccountChange;
    expect(done.request).toMatchObject({ state: 'IMPLEMENTED', implementedBy: { email: 'operator.mkt@example.com' } });
    expect(done.account).toMatchObject({ email: 'jare.mkt.2@staff.example.com', role: 'BUSINESS_STAFF', status: 'ACTIVE', segments: [{ code: 'RESI' }] });
    expect(done.temporaryPassword).toMatch(/.{20,}/);
    // The temporary password signs in only together with the holder's own new password.
    const temp = { email: 'jare.mkt.2@staff.example.com', password: done.temporaryPassword };
    const refused = await t.exec(null, LOGIN, { i: temp });
    expect(refused.data).toBeNull();
    expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' });
    const signed = await t.exec(null, LOGIN, { i: { ...temp, newPassword: 'Harbour-Lights-91' } });
    expect(signed.data!.login.account).toEqual({ email: 'jare.mkt.2@staff.example.com', role: 'BUSINESS_STAFF' });
    expect((await fails(t, operator(), IMPLEMENT, { id: submitted.id, v: done.request.version })).reason).toBe('REQUEST_NOT_APPROVED');

    // PERMISSION_CHANGE of the new account, once its holder is appointed to a RESI head position
    // (CS-R38: the role follows the position): role and segments replaced, earlier tokens revoked.
    const post = (
      await ok(t, viewers.executive(), `mutation($i: CreatePositionInput!) { createPosition(input: $i) { id } }`, {
        i: {
          departmentId: demoDepartmentId('JARE', 'MKT'),
          title: '住宅开发版块副负责人',
          headcountQuota: 1,
          duties: '协助负责版块',
          incentives: '年薪制',
          rank: 'SEGMENT_HEAD',
          segmentId: seg('RESI'),
        },
      })
    ).createPosition;
    await ok(t, viewers.executive(), `mutation($p: ID!, $e: ID!) { assignToPosition(positionId: $p, employeeId: $e) { id } }`, { p: post.id, e: open.employeeId });
    const pc = (await ok(t, admin('RESI'), SUBMIT, { i: { ...open, kind: 'PERMISSION_CHANGE', requestedRole: 'SEGMENT_HEAD' } })).submitAccountChange;
    const pa = (await ok(t, viewers.executive(), APPROVE, { i: { id: pc.id, expectedVersion: pc.version } })).approveAccountChange;
    const changed = (await ok(t, viewers.sysadmin(), IMPLEMENT, { id: pc.id, v: pa.version })).implementAccountChange;
    expect(changed.account).toMatchObject({ role: 'SEGMENT_HEAD', segments: [{ code: 'RESI' }] });
    const revoked = await t.app.services.auth.revocations();
    const entry = revoked.find((r) => r.accountId === done.account.id)!;
    expect(entry.notBeforeMs).toBeGreaterThan(Date.now() - 5000);
    expect(entry.notBefore).toBe(Math.floor(entry.notBeforeMs! / 1000));
  });

  it('WF-CRM-1: a CANCEL submitted after the one-working-day deadline is flagged late; once implemented the account cannot sign in and all its tokens stop', async () => {
    const employeeId = demoSegmentPersonId('RESI', 'staff');
    const now = Date.now();
    await t.app.dataSource.transaction((m) =>
      m.insert(EmployeeChange, {
        id: newId(),
        employeeId,
        companyId: DEMO_COMPANIES.find((c) => c.code === 'JARE')!.id,
        kind: EmployeeChangeKind.DEPARTED,
        summary: 'departed',
        at: new Date(now - 4 * 86_400_000),
        accountChangeDueBy: new Date(now - 2 * 86_400_000),
      }),
    );
    const token = (await t.exec(null, LOGIN, { i: { email: 'staff.resi@example.com', password: DEMO_PASSWORD } })).data!.login.token;
    expect(token).toBeTruthy();
    const req = (await ok(t, admin('RESI'), SUBMIT, { i: { kind: 'CANCEL', employeeId, oaReference: 'OA-XXGL-2', reason: '离职' } })).submitAccountChange;
    expect(req).toMatchObject({ kind: 'CANCEL', isLate: true, account: { email: 'staff.resi@example.com' } });
    expect(req.dueBy).not.toBeNull();
    expect((await ok(t, admin('RESI'), LIST, { f: { isLate: true } })).accountChangeRequests.edges.map((e: any) => e.node.id)).toEqual([req.id]);
    const a = (await ok(t, head('RESI'), APPROVE, { i: { id: req.id, expectedVersion: req.version } })).approveAccountChange;
    const done = (await ok(t, operator(), IMPLEMENT, { id: req.id, v: a.version })).implementAccountChange;
    expect(done.account.status).toBe('CANCELLED');
    expect((await t.exec(null, LOGIN, { i: { email: 'staff.resi@example.com', password: DEMO_PASSWORD } })).errors![0].extensions.reason).toBe('ACCOUNT_CANCELLED');
    await expect(t.app.revocations.assertNotRevoked(done.account.id, Date.now() + 60_000)).rejects.toMatchObject({ code: 'REVOKED_TOKEN' });
  });

  it('WF-CRM-2: UNFREEZE of the frozen demo account through a request; rejection and double decisions are refused', async () => {
    const employeeId = demoSegmentPersonId('TRAD', 'staff');
    expect((await t.exec(null, LOGIN, { i: { email: 'staff.trad@example.com', password: DEMO_PASSWORD } })).errors![0].extensions.reason).toBe('ACCOUNT_FROZEN');
    expect((await fails(t, admin('TRAD'), SUBMIT, { i: { kind: 'FREEZE', employeeId, oaReference: 'OA-3', reason: 'x' } })).reason).toBe('ACCOUNT_NOT_ACTIVE');
    const req = (await ok(t, admin('TRAD'), SUBMIT, { i: { kind: 'UNFREEZE', employeeId, oaReference: 'OA-3', reason: '留任' } })).submitAccountChange;
    const a = (await ok(t, head('TRAD'), APPROVE, { i: { id: req.id, expectedVersion: req.version } })).approveAccountChange;
    expect((await fails(t, head('TRAD'), REJECT, { i: { id: req.id, expectedVersion: a.version } })).reason).toBe('REQUEST_ALREADY_DECIDED');
    expect((await ok(t, operator(), IMPLEMENT, { id: req.id, v: a.version })).implementAccountChange.account.status).toBe('ACTIVE');
    expect((await t.exec(null, LOGIN, { i: { email: 'staff.trad@example.com', password: DEMO_PASSWORD } })).data!.login.account.email).toBe('staff.trad@example.com');

    const pending = (await ok(t, viewers.executive(), LIST, { f: { state: 'SUBMITTED', kind: 'OPEN' } })).accountChangeRequests.edges.map((e: any) => e.node.id);
    expect(pending).toContain(DEMO_PENDING_REQUEST_ID);
    const r = (await ok(t, head('RESI'), REJECT, { i: { id: DEMO_PENDING_REQUEST_ID, expectedVersion: 1, note: '编制未批' } })).rejectAccountChange;
    expect(r.state).toBe('REJECTED');
    expect((await fails(t, operator(), IMPLEMENT, { id: r.id, v: r.version })).reason).toBe('REQUEST_NOT_APPROVED');
  });

  it('accountChangeRequests is scoped: admins and heads their segments, the marketing department, executives and system admins all, others nothing', async () => {
    const ids = async (v: Viewer) => (await ok(t, v, LIST, {})).accountChangeRequests.edges.map((e: any) => e.node.id);
    const all = await ids(viewers.executive());
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(await ids(operator())).toEqual(all);
    expect(await ids(viewers.sysadmin())).toEqual(all);
    const resi = await ids(admin('RESI'));
    expect(resi.length).toBe(4);
    expect(await ids(head('RESI'))).toEqual(resi);
    expect(await ids(admin('HOTL'))).toEqual([]);
    expect((await ids(admin('TRAD'))).length).toBe(1);
    expect((await fails(t, viewers.staff('RESI'), LIST, {})).reason).toBe('ACCOUNT_CHANGE_LIST_FORBIDDEN');
    const bySegment = (await ok(t, viewers.executive(), LIST, { f: { segmentId: seg('TRAD') } })).accountChangeRequests.totalCount;
    expect(bySegment).toBe(1);
  });
});
