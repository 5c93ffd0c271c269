import { demoDepartmentId, demoStaffEmployeeId, DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { adoptedResolution, OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { DEMO_GROUP_CHAIR_ID, demoBodyId } from '../database/seed';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
const JIN = stableId('employee', 'executive');
const NOMINATE = `mutation($i: NominateBodyMemberInput!) { nominateBodyMember(input: $i) { id version } }`;
const DECIDE = `mutation($i: DecideBodyNominationInput!) { decideBodyNomination(input: $i) { id version status } }`;
const CREATE_POSITION = `mutation($i: CreatePositionInput!) { createPosition(input: $i) { id } }`;
const SCHEDULE = `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id version } }`;
const HOLD = `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id version quorumMet } }`;
const RESOLVE = `mutation($i: RecordResolutionInput!) { recordResolution(input: $i) { id outcome amountWan } }`;
const MANAGEMENT = [demoStaffEmployeeId('JA', 'IT', 2), JIN];
const LEGAL = `mutation($i: UpdateCompanyLegalDataInput!) { updateCompanyLegalData(input: $i) { version legalRepresentative { id } } }`;
const COMPANY = `query($id: ID!) { company(id: $id) { version legalRepresentative { id } } }`;
const MEMBERS = `query($id: ID!) { governingBody(id: $id) { members(status: ACTIVE) { id version role } } }`;
const DISMISS = `mutation($i: DismissBodyMemberInput!) { dismissBodyMember(input: $i) { id status } }`;
const ASSIGN = `mutation($p: ID!, $e: ID!, $r: ID) { assignToPosition(positionId: $p, employeeId: $e, resolutionId: $r) { id status } }`;

/** Governance rules checked on every path that gives a seat, a post or a power (issue 18). */
describe.each(testDatabaseKinds())('governance rules on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_gov_rules');
  });
  afterAll(() => t?.stop());

  const nominate = async (body: string, employeeId: string, role: string) => (await ok(t, exec, NOMINATE, { i: { bodyId: body, employeeId, role } })).nominateBodyMember;
  const heldMeeting = async (body: string, attendees: string[]) => {
    const s = (await ok(t, exec, SCHEDULE, { i: { bodyId: body, kind: 'IRREGULAR', title: '临时会议', scheduledFor: '2026-06-01T02:00:00Z', agenda: [{ title: '议题一' }] } }))
      .scheduleMeeting;
    return (await ok(t, exec, HOLD, { i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: attendees } })).holdMeeting;
  };
  const resolve = (meetingId: string, matter: string, amountWan: number | null, extra: Record<string, unknown> = {}) =>
    t.exec(exec, RESOLVE, { i: { meetingId, matter, amountWan, text: '决议', votesFor: 2, votesAgainst: 0, abstentions: 0, ...extra } });
  const elect = (n: { id: string; version: number }, resolutionId: string | null = null) =>
    t.exec(exec, DECIDE, { i: { membershipId: n.id, expectedVersion: n.version, approve: true, resolutionId } });
  const shareholdersElect = () => adoptedResolution(t, demoBodyId('JA', 'SHM'), 'ELECT_DIRECTORS_AND_SUPERVISORS');
  const boardResolution = (matter: string, company = 'JA') => adoptedResolution(t, demoBodyId(company, 'BOD'), matter);

  it('ORG-R17: a sitting director, or a person deciding spending by delegation, is not elected supervisor; a supervisor is not appointed to senior management', async () => {
    const director = await nominate(demoBodyId('JA', 'BOS'), demoStaffEmployeeId('JA', 'MKT', 1), 'SUPERVISOR');
    expect((await elect(director)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SEPARATION_OF_POWERS' });
    // 金总 decides operating expenditure up to 1000万 by delegation.
    const jin = await nominate(demoBodyId('JA', 'BOS'), JIN, 'SUPERVISOR');
    expect((await elect(jin)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SEPARATION_OF_POWERS' });
    // JA-LEGAL-3 sits on the board of supervisors.
    const vp = (
      await ok(t, exec, CREATE_POSITION, {
        i: { departmentId: demoDepartmentId('JA', 'LEGAL'), title: '集团副总裁(法务)', headcountQuota: 2, duties: '分管法务', incentives: '年薪制', rank: 'GROUP_VP_AND_ABOVE' },
      })
    ).createPosition;
    const supervisor = await t.exec(exec, ASSIGN, { p: vp.id, e: demoStaffEmployeeId('JA', 'LEGAL', 3) });
    expect(supervisor.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SEPARATION_OF_POWERS' });
    // Someone holding no decision power is elected; then neither a senior post nor a spending power is theirs.
    const plain = await nominate(demoBodyId('JA', 'BOS'), demoStaffEmployeeId('JA', 'IT', 3), 'SUPERVISOR');
    expect((await elect(plain, await shareholdersElect())).data?.decideBodyNomination.status).toBe('ACTIVE');
    expect((await t.exec(exec, ASSIGN, { p: vp.id, e: demoStaffEmployeeId('JA', 'IT', 3) })).errors?.[0].extensions.reason).toBe('SEPARATION_OF_POWERS');
    // And a person with no seat takes the senior post (by the board's appointment, A7).
    expect((await ok(t, exec, ASSIGN, { p: vp.id, e: demoStaffEmployeeId('JA', 'IT', 2), r: await boardResolution('APPOINT_SENIOR_MANAGEMENT') })).assignToPosition.status).toBe(
      'ACTIVE',
    );
  });

  it('ORG-R14: a matter with amount limits is resolved for an amount; without one the limit would be skipped', async () => {
    const mgmt = await heldMeeting(demoBodyId('JA', 'MGT'), MANAGEMENT);
    expect((await resolve(mgmt.id, 'OPERATING_EXPENDITURE', null)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AMOUNT_REQUIRED' });
    expect((await resolve(mgmt.id, 'OPERATING_EXPENDITURE', 6000)).errors?.[0].extensions.reason).toBe('BODY_LACKS_POWER');
    expect((await resolve(mgmt.id, 'OPERATING_EXPENDITURE', 4000)).data?.recordResolution).toMatchObject({ outcome: 'PASSED', amountWan: 4000 });
  });

  it("ORG-R24: the group's legal representative is its sitting board chairman, and follows a new chair", async () => {
    const before = (await ok(t, exec, COMPANY, { id: JA })).company;
    expect(before.legalRepresentative.id).toBe(DEMO_GROUP_CHAIR_ID);
    const other = await fails(t, exec, LEGAL, { i: { companyId: JA, expectedVersion: before.version, legalRepresentativeId: JIN } });
    expect(other).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LEGAL_REPRESENTATIVE_NOT_CHAIR' });
    expect(
      (await ok(t, exec, LEGAL, { i: { companyId: JA, expectedVersion: before.version, legalRepresentativeId: DEMO_GROUP_CHAIR_ID } })).updateCompanyLegalData.legalRepresentative
        .id,
    ).toBe(DEMO_GROUP_CHAIR_ID);
    // The chair is replaced: the new chair's appointment makes them the legal representative, in the same transaction.
    const chairSeat = (await ok(t, exec, MEMBERS, { id: demoBodyId('JA', 'BOD') })).governingBody.members.find((x: any) => x.role === 'BOARD_CHAIR');
    await ok(t, exec, DISMISS, {
      i: { membershipId: chairSeat.id, expectedVersion: chairSeat.version, reason: '任期届满前辞任', resolutionId: await boardResolution('ELECT_BOARD_CHAIR') },
    });
    const newChair = demoStaffEmployeeId('JA', 'CSC', 3);
    const nominated = await nominate(demoBodyId('JA', 'BOD'), newChair, 'BOARD_CHAIR');
    const mid = (await ok(t, exec, COMPANY, { id: JA })).company;
    // The board elects its chair: by its resolution naming the seat.
    expect((await elect(nominated)).errors?.[0].extensions).toMatchObject({ reason: 'RESOLUTION_REQUIRED', matter: 'ELECT_BOARD_CHAIR', bodyId: demoBodyId('JA', 'BOD') });
    expect((await elect(nominated, await boardResolution('ELECT_BOARD_CHAIR'))).data?.decideBodyNomination.status).toBe('ACTIVE');
    const after = (await ok(t, exec, COMPANY, { id: JA })).company;
    expect(after).toEqual({ version: mid.version + 1, legalRepresentative: { id: newChair } });
    expect((await fails(t, exec, LEGAL, { i: { companyId: JA, expectedVersion: after.version, legalRepresentativeId: DEMO_GROUP_CHAIR_ID } })).reason).toBe(
      'LEGAL_REPRESENTATIVE_NOT_CHAIR',
    );
  });

  it("ORG-R16/ORG-R19: directors and supervisors are elected and dismissed by a resolution of the shareholders' meeting naming the seat", async () => {
    const n = await nominate(demoBodyId('JA', 'BOS'), demoStaffEmployeeId('JA', 'MKT', 3), 'SUPERVISOR');
    expect((await elect(n)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RESOLUTION_REQUIRED', matter: 'ELECT_DIRECTORS_AND_SUPERVISORS' });
    // The board's resolution, or the shareholders' on another matter, is not an election.
    const board = await adoptedResolution(t, demoBodyId('JA', 'BOD'), 'ORG_RESTRUCTURING');
    expect((await elect(n, board)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'RESOLUTION_NOT_APPLICABLE' });
    const articles = await adoptedResolution(t, demoBodyId('JA', 'SHM'), 'AMEND_ARTICLES');
    expect((await elect(n, articles)).errors?.[0].extensions.reason).toBe('RESOLUTION_NOT_APPLICABLE');
    const election = await shareholdersElect();
    const elected = (await elect(n, election)).data!.decideBodyNomination;
    expect(elected.status).toBe('ACTIVE');
    const meetings = (await ok(t, exec, `query($id: ID!) { governingBody(id: $id) { meetings { resolutions { id subjectType subjectId } } } }`, { id: demoBodyId('JA', 'SHM') }))
      .governingBody.meetings;
    expect(meetings.flatMap((x: any) => x.resolutions).find((r: any) => r.id === election)).toEqual({ id: election, subjectType: 'BodyMembership', subjectId: n.id });
    // One resolution, one seat.
    const other = await nominate(demoBodyId('JA', 'BOD'), DEMO_GROUP_CHAIR_ID, 'DIRECTOR');
    expect((await elect(other, election)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'RESOLUTION_ALREADY_USED' });
    // Dismissal is the shareholders' decision too.
    const dismiss = (resolutionId: string | null) => t.exec(exec, DISMISS, { i: { membershipId: n.id, expectedVersion: elected.version, reason: '调任', resolutionId } });
    expect((await dismiss(null)).errors?.[0].extensions.reason).toBe('RESOLUTION_REQUIRED');
    expect((await dismiss(await shareholdersElect())).data?.dismissBodyMember.status).toBe('DISMISSED');
  });

  it('ORG-R26: a headcount change is approved by a board resolution on HEADCOUNT_CHANGE naming it, one change per resolution', async () => {
    const REQUEST = `mutation($i: RequestHeadcountChangeInput!) { requestHeadcountChange(input: $i) { id version } }`;
    const DECIDE_HC = `mutation($id: ID!, $v: Int!, $r: ID) { decideHeadcountChange(id: $id, expectedVersion: $v, approve: true, resolutionId: $r) { status } }`;
    const pos = (
      await ok(t, exec, CREATE_POSITION, { i: { departmentId: demoDepartmentId('JA', 'IT'), title: '运维工程师', headcountQuota: 1, duties: '运维', incentives: '绩效' } })
    ).createPosition;
    const a = (await ok(t, exec, REQUEST, { i: { positionId: pos.id, newQuota: 2, reason: '扩编' } })).requestHeadcountChange;
    expect((await fails(t, exec, DECIDE_HC, { id: a.id, v: a.version, r: null })).reason).toBe('RESOLUTION_REQUIRED');
    const setup = await adoptedResolution(t, demoBodyId('JA', 'BOD'), 'DEPARTMENT_SETUP');
    expect((await fails(t, exec, DECIDE_HC, { id: a.id, v: a.version, r: setup })).reason).toBe('RESOLUTION_NOT_APPLICABLE');
    const r = await adoptedResolution(t, demoBodyId('JA', 'BOD'), 'HEADCOUNT_CHANGE');
    expect((await ok(t, exec, DECIDE_HC, { id: a.id, v: a.version, r })).decideHeadcountChange.status).toBe('APPROVED');
    const b = (await ok(t, exec, REQUEST, { i: { positionId: pos.id, newQuota: 3, reason: '再扩编' } })).requestHeadcountChange;
    expect((await fails(t, exec, DECIDE_HC, { id: b.id, v: b.version, r })).reason).toBe('RESOLUTION_ALREADY_USED');
    // Rejecting needs no resolution.
    expect((await ok(t, exec, DECIDE_HC.replace('approve: true', 'approve: false'), { id: b.id, v: b.version, r: null })).decideHeadcountChange.status).toBe('REJECTED');
  });

  it("ORG-R21/ORG-R22: a sub-group's GM or chief supervisor is dismissed only on the group board's proposal naming the seat", async () => {
    // Appointed and dismissed by the sub-group's own deciding body (A9, A10), each by a resolution of its own.
    const MATTER: Record<string, string> = { GENERAL_MANAGER: 'APPOINT_SENIOR_MANAGEMENT', CHIEF_SUPERVISOR: 'ELECT_CHIEF_SUPERVISOR' };
    const decider = (company: string, role: string) => demoBodyId(company, role === 'CHIEF_SUPERVISOR' ? 'BOS' : 'BOD');
    const seats = new Map<string, { company: string; role: string }>();
    const seat = async (company: string, body: 'MGT' | 'BOS', employeeId: string, role: string) => {
      const n = await nominate(demoBodyId(company, body), employeeId, role);
      const resolutionId = await adoptedResolution(t, decider(company, role), MATTER[role]);
      const s = (await ok(t, exec, DECIDE, { i: { membershipId: n.id, expectedVersion: n.version, approve: true, resolutionId } })).decideBodyNomination;
      seats.set(s.id, { company, role });
      return s;
    };
    const dismiss = async (s: { id: string; version: number }, proposalResolutionId: string | null) => {
      const { company, role } = seats.get(s.id)!;
      return t.exec(exec, DISMISS, {
        i: { membershipId: s.id, expectedVersion: s.version, reason: '调整', proposalResolutionId, resolutionId: await adoptedResolution(t, decider(company, role), MATTER[role]) },
      });
    };
    const gm = await seat('JATC', 'MGT', demoStaffEmployeeId('JATC', 'ENG', 2), 'GENERAL_MANAGER');
    expect((await dismiss(gm, null)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'RESOLUTION_REQUIRED',
      matter: 'SUBGROUP_LEADERSHIP_PROPOSAL',
      bodyId: demoBodyId('JA', 'BOD'),
    });
    // The sub-group's own board is not the group board.
    const own = await adoptedResolution(t, demoBodyId('JATC', 'BOD'), 'SUBGROUP_LEADERSHIP_PROPOSAL');
    expect((await dismiss(gm, own)).errors?.[0].extensions.reason).toBe('RESOLUTION_NOT_APPLICABLE');
    const proposal = await adoptedResolution(t, demoBodyId('JA', 'BOD'), 'SUBGROUP_LEADERSHIP_PROPOSAL');
    expect((await dismiss(gm, proposal)).data?.dismissBodyMember.status).toBe('DISMISSED');
    const chief = await seat('JATC', 'BOS', demoStaffEmployeeId('JATC', 'ENG', 3), 'CHIEF_SUPERVISOR');
    expect((await dismiss(chief, proposal)).errors?.[0].extensions.reason).toBe('RESOLUTION_ALREADY_USED');
    expect((await dismiss(chief, await adoptedResolution(t, demoBodyId('JA', 'BOD'), 'SUBGROUP_LEADERSHIP_PROPOSAL'))).data?.dismissBodyMember.status).toBe('DISMISSED');
    // A subsidiary that is not a sub-group dismisses its GM itself.
    const laneGm = await seat('LANE', 'MGT', demoStaffEmployeeId('LANE', 'ENG', 2), 'GENERAL_MANAGER');
    expect((await dismiss(laneGm, null)).data?.dismissBodyMember.status).toBe('DISMISSED');
  });
  it("ORG-R20/ORG-R23 (A7, A10, A11): senior managers, VPs' posts, the chief supervisor and a dispatched CFO are appointed and dismissed by the deciding body's resolution naming the seat, each resolution once", async () => {
    const decide = (n: { id: string; version: number }, resolutionId: string | null) =>
      t.exec(exec, DECIDE, { i: { membershipId: n.id, expectedVersion: n.version, approve: true, resolutionId } });
    // A7: the company board appoints a vice president of the management layer.
    const vp = await nominate(demoBodyId('LANE', 'MGT'), demoStaffEmployeeId('LANE', 'SALES', 3), 'VICE_PRESIDENT');
    expect((await decide(vp, null)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'RESOLUTION_REQUIRED',
      matter: 'APPOINT_SENIOR_MANAGEMENT',
      bodyId: demoBodyId('LANE', 'BOD'),
    });
    expect((await decide(vp, await adoptedResolution(t, demoBodyId('LANE', 'SHM'), 'ELECT_DIRECTORS_AND_SUPERVISORS'))).errors?.[0].extensions.reason).toBe(
      'RESOLUTION_NOT_APPLICABLE',
    );
    const appointment = await boardResolution('APPOINT_SENIOR_MANAGEMENT', 'LANE');
    const appointed = (await decide(vp, appointment)).data!.decideBodyNomination;
    expect(appointed.status).toBe('ACTIVE');
    // Dismissal is the board's decision too, by a resolution of its own: not the one that appointed.
    const dismiss = (resolutionId: string | null) => t.exec(exec, DISMISS, { i: { membershipId: vp.id, expectedVersion: appointed.version, reason: '调任', resolutionId } });
    expect((await dismiss(null)).errors?.[0].extensions.reason).toBe('RESOLUTION_REQUIRED');
    expect((await dismiss(appointment)).errors?.[0].extensions.reason).toBe('RESOLUTION_ALREADY_USED');
    expect((await dismiss(await boardResolution('APPOINT_SENIOR_MANAGEMENT', 'LANE'))).data?.dismissBodyMember.status).toBe('DISMISSED');
    // A10: the chief supervisor is the board of supervisors' election, not the board's.
    const chief = await nominate(demoBodyId('LANE', 'BOS'), demoStaffEmployeeId('LANE', 'CS', 3), 'CHIEF_SUPERVISOR');
    expect((await decide(chief, null)).errors?.[0].extensions).toMatchObject({
      reason: 'RESOLUTION_REQUIRED',
      matter: 'ELECT_CHIEF_SUPERVISOR',
      bodyId: demoBodyId('LANE', 'BOS'),
    });
    expect((await decide(chief, await adoptedResolution(t, demoBodyId('LANE', 'BOS'), 'ELECT_CHIEF_SUPERVISOR'))).data?.decideBodyNomination.status).toBe('ACTIVE');
    // ORG-R23 / A11: a subsidiary's CFO is dispatched by the group board, not by the subsidiary's own board.
    const cfo = await nominate(demoBodyId('JAFN', 'MGT'), demoStaffEmployeeId('JAFN', 'FIN', 1), 'CFO');
    expect((await decide(cfo, await boardResolution('APPOINT_SENIOR_MANAGEMENT', 'JAFN'))).errors?.[0].extensions).toMatchObject({
      reason: 'RESOLUTION_NOT_APPLICABLE',
      bodyId: demoBodyId('JA', 'BOD'),
    });
    expect((await decide(cfo, await boardResolution('APPOINT_SENIOR_MANAGEMENT'))).data?.decideBodyNomination.status).toBe('ACTIVE');
    // A7: a group VP's post (rank GROUP_VP_AND_ABOVE) is the group board's appointment as well; the resolution names the assignment.
    const post = (
      await ok(t, exec, CREATE_POSITION, {
        i: { departmentId: demoDepartmentId('JA', 'CSC'), title: '集团副总裁(客服)', headcountQuota: 1, duties: '分管客户服务', incentives: '年薪制', rank: 'GROUP_VP_AND_ABOVE' },
      })
    ).createPosition;
    const person = demoStaffEmployeeId('JA', 'IT', 1);
    expect((await t.exec(exec, ASSIGN, { p: post.id, e: person })).errors?.[0].extensions).toMatchObject({ reason: 'RESOLUTION_REQUIRED', matter: 'APPOINT_SENIOR_MANAGEMENT' });
    expect((await t.exec(exec, ASSIGN, { p: post.id, e: person, r: appointment })).errors?.[0].extensions.reason).toBe('RESOLUTION_NOT_APPLICABLE'); // LANE's board
    const assigned = (await ok(t, exec, ASSIGN, { p: post.id, e: person, r: await boardResolution('APPOINT_SENIOR_MANAGEMENT') })).assignToPosition;
    expect(assigned.status).toBe('ACTIVE');
  });
});
