import { demoDepartmentId, demoStaffEmployeeId, DEMO_COMPANIES, stableId } from '@group/shared';
import { testDatabaseKinds } from '../../../../shared/src/testing/databases';
import { fails, ok, OrgTestApp, startOrganization, viewers } from '../testing/harness';
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
const ASSIGN = `mutation($p: ID!, $e: ID!) { assignToPosition(positionId: $p, employeeId: $e) { id status } }`;

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
    const s = (await ok(t, exec, SCHEDULE, { i: { bodyId: body, kind: 'IRREGULAR', title: '临时会议', scheduledFor: '2026-06-01T02:00:00Z', agenda: [{ title: '议题一' }] } })).scheduleMeeting;
    return (await ok(t, exec, HOLD, { i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: attendees } })).holdMeeting;
  };
  const resolve = (meetingId: string, matter: string, amountWan: number | null, extra: Record<string, unknown> = {}) =>
    t.exec(exec, RESOLVE, { i: { meetingId, matter, amountWan, text: '决议', votesFor: 2, votesAgainst: 0, abstentions: 0, ...extra } });
  const elect = (n: { id: string; version: number }) => t.exec(exec, DECIDE, { i: { membershipId: n.id, expectedVersion: n.version, approve: true } });

  it('ORG-R17: a sitting director, or a person deciding spending by delegation, is not elected supervisor; a supervisor is not appointed to senior management', async () => {
    const director = await nominate(demoBodyId('JA', 'BOS'), demoStaffEmployeeId('JA', 'MKT', 1), 'SUPERVISOR');
    expect((await elect(director)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SEPARATION_OF_POWERS' });
    // 金总 decides operating expenditure up to 1000万 by delegation.
    const jin = await nominate(demoBodyId('JA', 'BOS'), JIN, 'SUPERVISOR');
    expect((await elect(jin)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SEPARATION_OF_POWERS' });
    // JA-LEGAL-3 sits on the board of supervisors.
    const vp = (await ok(t, exec, CREATE_POSITION, { i: { departmentId: demoDepartmentId('JA', 'LEGAL'), title: '集团副总裁(法务)', headcountQuota: 2, duties: '分管法务', incentives: '年薪制', rank: 'GROUP_VP_AND_ABOVE' } })).createPosition;
    const supervisor = await t.exec(exec, ASSIGN, { p: vp.id, e: demoStaffEmployeeId('JA', 'LEGAL', 3) });
    expect(supervisor.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SEPARATION_OF_POWERS' });
    // Someone holding no decision power is elected; then neither a senior post nor a spending power is theirs.
    const plain = await nominate(demoBodyId('JA', 'BOS'), demoStaffEmployeeId('JA', 'IT', 3), 'SUPERVISOR');
    expect((await elect(plain)).data?.decideBodyNomination.status).toBe('ACTIVE');
    expect((await t.exec(exec, ASSIGN, { p: vp.id, e: demoStaffEmployeeId('JA', 'IT', 3) })).errors?.[0].extensions.reason).toBe('SEPARATION_OF_POWERS');
    // And a person with no seat takes the senior post.
    expect((await ok(t, exec, ASSIGN, { p: vp.id, e: demoStaffEmployeeId('JA', 'IT', 2) })).assignToPosition.status).toBe('ACTIVE');
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
    expect((await ok(t, exec, LEGAL, { i: { companyId: JA, expectedVersion: before.version, legalRepresentativeId: DEMO_GROUP_CHAIR_ID } })).updateCompanyLegalData.legalRepresentative.id).toBe(DEMO_GROUP_CHAIR_ID);
    // The chair is replaced: the new chair's appointment makes them the legal representative, in the same transaction.
    const chairSeat = (await ok(t, exec, MEMBERS, { id: demoBodyId('JA', 'BOD') })).governingBody.members.find((x: any) => x.role === 'BOARD_CHAIR');
    await ok(t, exec, DISMISS, { i: { membershipId: chairSeat.id, expectedVersion: chairSeat.version, reason: '任期届满前辞任' } });
    const newChair = demoStaffEmployeeId('JA', 'CSC', 3);
    const nominated = await nominate(demoBodyId('JA', 'BOD'), newChair, 'BOARD_CHAIR');
    const mid = (await ok(t, exec, COMPANY, { id: JA })).company;
    expect((await elect(nominated)).data?.decideBodyNomination.status).toBe('ACTIVE');
    const after = (await ok(t, exec, COMPANY, { id: JA })).company;
    expect(after).toEqual({ version: mid.version + 1, legalRepresentative: { id: newChair } });
    expect((await fails(t, exec, LEGAL, { i: { companyId: JA, expectedVersion: after.version, legalRepresentativeId: DEMO_GROUP_CHAIR_ID } })).reason).toBe('LEGAL_REPRESENTATIVE_NOT_CHAIR');
  });
});
