import { DEMO_SEGMENTS, demoDepartmentId, demoSegmentPersonId, demoStaffEmployeeId, Role, Viewer } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { adoptedResolution, OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { Account, AccountSegment } from './account.entity';
import { assertRoleBackedByPosition } from './role-grant';
import { demoAccountId, DEMO_OPERATOR_KEY, demoOperatorEmployeeId } from './account-demo.seed';
import { AssignmentStatus, Position, PositionAssignment } from '../positions/position.entity';
import { DEMO_GROUP_CHAIR_ID, demoBodyId, demoPositionId } from '../database/seed';

const seg = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!.id;
const admin = (code: string): Viewer => ({
  accountId: demoAccountId(`admin.${code.toLowerCase()}`),
  employeeId: demoSegmentPersonId(code, 'admin'),
  role: Role.SEGMENT_ADMIN,
  segmentIds: [seg(code)],
});
const operator = (): Viewer => ({ accountId: demoAccountId(DEMO_OPERATOR_KEY), employeeId: demoOperatorEmployeeId(), role: Role.BUSINESS_STAFF, segmentIds: [] });
const headResi = (): Viewer => ({ ...viewers.head('RESI'), accountId: demoAccountId('head.resi'), employeeId: demoSegmentPersonId('RESI', 'head') });
const SUBMIT = `mutation($i: SubmitAccountChangeInput!) { submitAccountChange(input: $i) { id version state } }`;
const CREATE_POSITION = `mutation($i: CreatePositionInput!) { createPosition(input: $i) { id rank segment { code } company { code } } }`;

describe.each(testDatabaseKinds())('role grants follow positions (CS-R38) on %s', (kind) => {
  let t: OrgTestApp;
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_role_grant');
  });
  afterAll(() => t?.stop());

  it("CS-R38: every demo account holds a role its person's positions back (SYSTEM_ADMIN is provisioned, never granted)", async () => {
    const m = t.app.dataSource.manager;
    const accounts = await m.find(Account);
    const checked: string[] = [];
    for (const a of accounts.filter((x) => x.role !== Role.SYSTEM_ADMIN)) {
      const segmentIds = (await m.findBy(AccountSegment, { accountId: a.id })).map((l) => l.segmentId);
      await assertRoleBackedByPosition(m, a.employeeId!, a.role, segmentIds);
      checked.push(a.role);
    }
    expect(new Set(checked)).toEqual(new Set([Role.GROUP_EXECUTIVE, Role.SEGMENT_HEAD, Role.SEGMENT_ADMIN, Role.BUSINESS_STAFF]));
    // The ranks are not interchangeable: the head does not back SEGMENT_ADMIN, nor the RESI head COMM.
    await expect(assertRoleBackedByPosition(m, demoSegmentPersonId('RESI', 'head'), Role.SEGMENT_ADMIN, [seg('RESI')])).rejects.toMatchObject({
      code: 'ROLE_NOT_BACKED_BY_POSITION',
    });
    await expect(assertRoleBackedByPosition(m, demoSegmentPersonId('RESI', 'head'), Role.SEGMENT_HEAD, [seg('COMM')])).rejects.toMatchObject({
      code: 'ROLE_NOT_BACKED_BY_POSITION',
    });
    await expect(assertRoleBackedByPosition(m, demoSegmentPersonId('RESI', 'staff'), Role.BUSINESS_STAFF, [seg('CONS')])).rejects.toMatchObject({
      code: 'ROLE_NOT_BACKED_BY_POSITION',
    });
  });

  it("CS-R38: a position's rank fits it — VP and above only in the group company, segment posts name a segment of their own company", async () => {
    const base = { title: '岗位', headcountQuota: 1, duties: '职责', incentives: '激励' };
    const jare = demoDepartmentId('JARE', 'SALES');
    expect((await fails(t, viewers.executive(), CREATE_POSITION, { i: { ...base, departmentId: jare, rank: 'GROUP_VP_AND_ABOVE' } })).reason).toBe('POSITION_RANK_GROUP_ONLY');
    expect((await fails(t, viewers.executive(), CREATE_POSITION, { i: { ...base, departmentId: jare, rank: 'SEGMENT_HEAD' } })).reason).toBe('POSITION_SEGMENT_REQUIRED');
    expect((await fails(t, viewers.executive(), CREATE_POSITION, { i: { ...base, departmentId: jare, rank: 'SEGMENT_ADMINISTRATOR', segmentId: seg('CONS') } })).reason).toBe(
      'POSITION_SEGMENT_OTHER_COMPANY',
    );
    expect((await fails(t, viewers.executive(), CREATE_POSITION, { i: { ...base, departmentId: jare, rank: 'STAFF', segmentId: seg('RESI') } })).reason).toBe(
      'POSITION_SEGMENT_NOT_APPLICABLE',
    );
    const vp = (await ok(t, viewers.executive(), CREATE_POSITION, { i: { ...base, departmentId: demoDepartmentId('JA', 'LEGAL'), rank: 'GROUP_VP_AND_ABOVE' } })).createPosition;
    expect(vp).toMatchObject({ rank: 'GROUP_VP_AND_ABOVE', segment: null, company: { code: 'JA' } });
    const head = (await ok(t, viewers.executive(), CREATE_POSITION, { i: { ...base, departmentId: jare, rank: 'SEGMENT_HEAD', segmentId: seg('COMM') } })).createPosition;
    expect(head).toMatchObject({ rank: 'SEGMENT_HEAD', segment: { code: 'COMM' } });
    const plain = (await ok(t, viewers.executive(), CREATE_POSITION, { i: { ...base, departmentId: jare } })).createPosition;
    expect(plain.rank).toBe('STAFF');
  });

  it('CS-R38/ORG-R17: setPositionRank ranks an existing vacant position, and its holder, appointed by the board, may then be granted the role', async () => {
    const m = t.app.dataSource.manager;
    const chair = DEMO_GROUP_CHAIR_ID; // holds the group legal department's manager post
    await expect(assertRoleBackedByPosition(m, chair, Role.GROUP_EXECUTIVE, [])).rejects.toMatchObject({ code: 'ROLE_NOT_BACKED_BY_POSITION' });
    const post = await m.findOneByOrFail(Position, { id: demoPositionId('JA', 'LEGAL', 'MGR') });
    const SET = `mutation($id: ID!, $v: Int!, $r: PositionRank!, $s: ID) { setPositionRank(id: $id, expectedVersion: $v, rank: $r, segmentId: $s) { rank version segment { code } } }`;
    expect((await fails(t, headResi(), SET, { id: post.id, v: post.version, r: 'GROUP_VP_AND_ABOVE' })).reason).toBe('GOVERNANCE_CHANGE_FORBIDDEN');
    expect((await fails(t, viewers.executive(), SET, { id: post.id, v: post.version, r: 'SEGMENT_HEAD', s: seg('RESI') })).reason).toBe('POSITION_SEGMENT_OTHER_COMPANY');
    // A held post is not raised to senior management under its holder (ORG-R17, A7): it is ranked vacant, then the board appoints.
    expect((await fails(t, viewers.executive(), SET, { id: post.id, v: post.version, r: 'GROUP_VP_AND_ABOVE' })).reason).toBe('POSITION_STAFFED');
    const held = await m.findOneByOrFail(PositionAssignment, { positionId: post.id, employeeId: chair, status: AssignmentStatus.ACTIVE });
    await ok(t, viewers.executive(), `mutation($id: ID!, $v: Int!) { endPositionAssignment(id: $id, expectedVersion: $v) { id } }`, { id: held.id, v: held.version });
    const ranked = (await ok(t, viewers.executive(), SET, { id: post.id, v: post.version, r: 'GROUP_VP_AND_ABOVE' })).setPositionRank;
    expect(ranked).toEqual({ rank: 'GROUP_VP_AND_ABOVE', version: post.version + 1, segment: null });
    const resolutionId = await adoptedResolution(t, demoBodyId('JA', 'BOD'), 'APPOINT_SENIOR_MANAGEMENT');
    await ok(t, viewers.executive(), `mutation($p: ID!, $e: ID!, $r: ID) { assignToPosition(positionId: $p, employeeId: $e, resolutionId: $r) { id } }`, {
      p: post.id,
      e: chair,
      r: resolutionId,
    });
    await assertRoleBackedByPosition(m, chair, Role.GROUP_EXECUTIVE, []);
  });

  it('CS-R38: an UNFREEZE gives the role back only while a position still backs it', async () => {
    const m = t.app.dataSource.manager;
    const employeeId = demoSegmentPersonId('HOTL', 'head');
    const account = await m.findOneByOrFail(Account, { id: demoAccountId('head.hotl') });
    await ok(t, operator(), `mutation($id: ID!, $v: Int!) { freezeAccount(accountId: $id, expectedVersion: $v) { status } }`, { id: account.id, v: account.version });
    const post = await m.findOneByOrFail(PositionAssignment, { employeeId, status: AssignmentStatus.ACTIVE });
    await ok(t, viewers.executive(), `mutation($id: ID!, $v: Int!) { endPositionAssignment(id: $id, expectedVersion: $v) { id } }`, { id: post.id, v: post.version });
    const unfreeze = { kind: 'UNFREEZE', employeeId, oaReference: 'OA-UF-1', reason: '复职' };
    expect(await fails(t, admin('HOTL'), SUBMIT, { i: unfreeze })).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_BACKED_BY_POSITION' });
    await ok(t, viewers.executive(), `mutation($p: ID!, $e: ID!) { assignToPosition(positionId: $p, employeeId: $e) { id } }`, { p: post.positionId, e: employeeId });
    expect((await ok(t, admin('HOTL'), SUBMIT, { i: unfreeze })).submitAccountChange.state).toBe('SUBMITTED');
  });

  it('WF-CRM-1: one pending account-change request per person — a second is refused (ACCOUNT_CHANGE_PENDING) until the first is decided and, if approved, implemented', async () => {
    const employeeId = demoStaffEmployeeId('JACN', 'SALES', 2);
    const open = { kind: 'OPEN', employeeId, oaReference: 'OA-P-1', reason: '新入职', requestedRole: 'BUSINESS_STAFF', requestedSegmentIds: [seg('CONS')] };
    const first = (await ok(t, admin('CONS'), SUBMIT, { i: open })).submitAccountChange;
    expect(await fails(t, admin('CONS'), SUBMIT, { i: { ...open, oaReference: 'OA-P-2' } })).toMatchObject({ code: 'CONFLICT', reason: 'ACCOUNT_CHANGE_PENDING' });
    const head = { ...viewers.head('CONS'), accountId: demoAccountId('head.cons'), employeeId: demoSegmentPersonId('CONS', 'head') };
    const approved = (
      await ok(t, head, `mutation($i: DecideAccountChangeInput!) { approveAccountChange(input: $i) { id version } }`, { i: { id: first.id, expectedVersion: first.version } })
    ).approveAccountChange;
    expect((await fails(t, admin('CONS'), SUBMIT, { i: { ...open, oaReference: 'OA-P-3' } })).reason).toBe('ACCOUNT_CHANGE_PENDING');
    await ok(t, operator(), `mutation($id: ID!, $v: Int!) { implementAccountChange(id: $id, expectedVersion: $v) { account { id } } }`, { id: approved.id, v: approved.version });
    const cancel = (await ok(t, admin('CONS'), SUBMIT, { i: { kind: 'CANCEL', employeeId, oaReference: 'OA-P-4', reason: '离职' } })).submitAccountChange;
    await ok(t, head, `mutation($i: DecideAccountChangeInput!) { rejectAccountChange(input: $i) { id } }`, { i: { id: cancel.id, expectedVersion: cancel.version } });
    expect((await ok(t, admin('CONS'), SUBMIT, { i: { kind: 'FREEZE', employeeId, oaReference: 'OA-P-5', reason: '冻结' } })).submitAccountChange.state).toBe('SUBMITTED');
  });
});
