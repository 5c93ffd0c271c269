import { demoStaffEmployeeId, DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { adoptedResolution, OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { DEMO_GROUP_DIRECTORS, demoBodyId } from '../database/seed';

/** The governance organs of domain.md §1 (D08, D15) checked through GraphQL. */
const MANAGEMENT = [demoStaffEmployeeId('JA', 'IT', 2), stableId('employee', 'executive')];
const SUPERVISORS = [demoStaffEmployeeId('JA', 'LEGAL', 2), demoStaffEmployeeId('JA', 'LEGAL', 3), demoStaffEmployeeId('JA', 'CSC', 2)];
const NOMINATE = `mutation($i: NominateBodyMemberInput!) { nominateBodyMember(input: $i) { id version role status method electedOrAppointedBy { id company { code } } } }`;
const DECIDE = `mutation($i: DecideBodyNominationInput!) { decideBodyNomination(input: $i) { id version status } }`;
const SCHEDULE = `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id version } }`;
const HOLD = `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id version presentCount seatBase quorumMet } }`;
const RESOLVE = `mutation($i: RecordResolutionInput!) { recordResolution(input: $i) { id outcome executorBody { id } } }`;
const ORGANS = ['BOARD_OF_DIRECTORS', 'BOARD_OF_SUPERVISORS', 'MANAGEMENT_LAYER', 'SHAREHOLDERS_MEETING'];

describe.each(testDatabaseKinds())('governance organs (ORG-R01…R25) on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_gov_rules');
  });
  afterAll(() => t?.stop());

  const nominate = (bodyId: string, employeeId: string, role: string) => t.exec(exec, NOMINATE, { i: { bodyId, employeeId, role } });
  const held = async (body: string, attendees: readonly string[]) => {
    const s = (await ok(t, exec, SCHEDULE, { i: { bodyId: body, kind: 'IRREGULAR', title: '临时会议', scheduledFor: '2026-06-01T02:00:00Z', agenda: [{ title: '议题' }] } }))
      .scheduleMeeting;
    return (await ok(t, exec, HOLD, { i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: attendees } })).holdMeeting;
  };
  const resolve = (meetingId: string, matter: string, votes: number, amountWan: number | null = null) =>
    t.exec(exec, RESOLVE, { i: { meetingId, matter, amountWan, text: '决议', votesFor: votes, votesAgainst: 0, abstentions: 0 } });
  const reason = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.reason ?? null;

  it("ORG-R01: every company has a shareholders' meeting, a board of directors, a board of supervisors, a management layer and functional departments", async () => {
    // Companies and their organs are seeded (no API creates a company); checked as served.
    const data = await ok(t, exec, `{ companies(first: 100) { edges { node { code governingBodies { type } departments(first: 1) { totalCount } } } } }`);
    const companies = data.companies.edges.map((e: any) => e.node);
    expect(companies.map((c: any) => c.code).sort()).toEqual(DEMO_COMPANIES.map((c) => c.code).sort());
    for (const c of companies) {
      const organs = c.governingBodies
        .map((b: any) => b.type)
        .filter((x: string) => x !== 'COMMITTEE')
        .sort();
      expect({ code: c.code, organs }).toEqual({ code: c.code, organs: ORGANS });
      expect(c.departments.totalCount).toBeGreaterThan(0);
    }
  });

  it("ORG-R02: the shareholders' meeting seats shareholders only and is the power organ (matters reserved to it, decided by it alone)", async () => {
    const shm = demoBodyId('LANE', 'SHM');
    expect((await ok(t, exec, `query($id: ID!) { governingBody(id: $id) { governanceFunction } }`, { id: shm })).governingBody.governanceFunction).toBe('HIGHEST_AUTHORITY');
    const director = await nominate(shm, demoStaffEmployeeId('LANE', 'FIN', 1), 'DIRECTOR');
    expect(director.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ROLE_NOT_ON_BODY', allowedRoles: ['SHAREHOLDER'] });
    const shareholder = (await ok(t, exec, NOMINATE, { i: { bodyId: shm, employeeId: demoStaffEmployeeId('LANE', 'FIN', 1), role: 'SHAREHOLDER' } })).nominateBodyMember;
    expect(shareholder).toMatchObject({ role: 'SHAREHOLDER', electedOrAppointedBy: { id: shm } });
    // Matters reserved to the shareholders' meeting are never decided by the board.
    const board = await held(demoBodyId('JA', 'BOD'), DEMO_GROUP_DIRECTORS);
    for (const matter of ['AMEND_ARTICLES', 'ELECT_DIRECTORS_AND_SUPERVISORS', 'EVALUATE_BOARD_AND_SUPERVISORS']) {
      expect(reason(await resolve(board.id, matter, 5))).toBe('BODY_LACKS_POWER');
    }
  });

  it('ORG-R05: the management layer is the general manager and other senior managers, no directors or supervisors, one general manager', async () => {
    const mgt = demoBodyId('LANE', 'MGT');
    for (const role of ['DIRECTOR', 'SUPERVISOR', 'SHAREHOLDER']) {
      expect(reason(await nominate(mgt, demoStaffEmployeeId('LANE', 'ENG', 1), role))).toBe('ROLE_NOT_ON_BODY');
    }
    const gm = (await ok(t, exec, NOMINATE, { i: { bodyId: mgt, employeeId: demoStaffEmployeeId('LANE', 'ENG', 1), role: 'GENERAL_MANAGER' } })).nominateBodyMember;
    const senior = (await ok(t, exec, NOMINATE, { i: { bodyId: mgt, employeeId: demoStaffEmployeeId('LANE', 'SALES', 1), role: 'SENIOR_MANAGER' } })).nominateBodyMember;
    const second = (await ok(t, exec, NOMINATE, { i: { bodyId: mgt, employeeId: demoStaffEmployeeId('LANE', 'MKT', 1), role: 'GENERAL_MANAGER' } })).nominateBodyMember;
    // Senior management is appointed by the company's board.
    expect(gm.electedOrAppointedBy.id).toBe(demoBodyId('LANE', 'BOD'));
    const appoint = () => adoptedResolution(t, demoBodyId('LANE', 'BOD'), 'APPOINT_SENIOR_MANAGEMENT');
    expect((await ok(t, exec, DECIDE, { i: { membershipId: gm.id, expectedVersion: gm.version, approve: true, resolutionId: await appoint() } })).decideBodyNomination.status).toBe(
      'ACTIVE',
    );
    expect(
      (await ok(t, exec, DECIDE, { i: { membershipId: senior.id, expectedVersion: senior.version, approve: true, resolutionId: await appoint() } })).decideBodyNomination.status,
    ).toBe('ACTIVE');
    const e = await fails(t, exec, DECIDE, { i: { membershipId: second.id, expectedVersion: second.version, approve: true } });
    expect(e).toMatchObject({ code: 'CONFLICT', reason: 'OFFICE_ALREADY_HELD' });
  });

  it('ORG-R13: authorization-entrustment: shareholders highest authority, board major decisions, management general decisions and execution, supervisors audit', async () => {
    const functions = await ok(t, exec, `query($id: ID!) { company(id: $id) { governingBodies { type governanceFunction } } }`, {
      id: DEMO_COMPANIES.find((c) => c.code === 'JA')!.id,
    });
    const byType = Object.fromEntries(functions.company.governingBodies.map((b: any) => [b.type, b.governanceFunction]));
    expect(byType).toMatchObject({
      SHAREHOLDERS_MEETING: 'HIGHEST_AUTHORITY',
      BOARD_OF_DIRECTORS: 'MAJOR_DECISION',
      MANAGEMENT_LAYER: 'GENERAL_DECISION_AND_EXECUTION',
      BOARD_OF_SUPERVISORS: 'AUDIT_SUPERVISION',
    });
    // What each body may decide follows the function it is entrusted with.
    const board = await held(demoBodyId('JA', 'BOD'), DEMO_GROUP_DIRECTORS);
    const mgmt = await held(demoBodyId('JA', 'MGT'), MANAGEMENT);
    const bos = await held(demoBodyId('JA', 'BOS'), SUPERVISORS);
    expect((await resolve(board.id, 'MAJOR_INVESTMENT', 5, 1000)).data?.recordResolution.outcome).toBe('PASSED');
    expect(reason(await resolve(board.id, 'ELECT_DIRECTORS_AND_SUPERVISORS', 5))).toBe('BODY_LACKS_POWER');
    expect(reason(await resolve(mgmt.id, 'MAJOR_INVESTMENT', 2, 100))).toBe('BODY_LACKS_POWER');
    expect((await resolve(mgmt.id, 'CONTRACT_SIGNING', 2, 100)).data?.recordResolution.outcome).toBe('PASSED');
    expect((await resolve(bos.id, 'AUDIT_OF_MANAGEMENT', 3)).data?.recordResolution.outcome).toBe('PASSED');
    expect(reason(await resolve(mgmt.id, 'AUDIT_OF_MANAGEMENT', 2))).toBe('BODY_LACKS_POWER');
    expect(reason(await resolve(bos.id, 'MAJOR_INVESTMENT', 3, 100))).toBe('BODY_LACKS_POWER');
  });

  it("ORG-R20: the group board consists of its directors, decides within the articles and executes the shareholders' meeting's resolutions", async () => {
    const s = (await ok(t, exec, SCHEDULE, { i: { bodyId: demoBodyId('JA', 'BOD'), kind: 'REGULAR', title: '例会', scheduledFor: '2026-07-01T02:00:00Z' } })).scheduleMeeting;
    const stranger = await fails(t, exec, HOLD, { i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: [DEMO_GROUP_DIRECTORS[0], SUPERVISORS[0]] } });
    expect(stranger).toMatchObject({ reason: 'ATTENDEE_NOT_A_MEMBER', employeeIds: [SUPERVISORS[0]] });
    const board = await held(demoBodyId('JA', 'BOD'), DEMO_GROUP_DIRECTORS);
    expect(board).toMatchObject({ presentCount: 5, seatBase: 7, quorumMet: true });
    expect(reason(await resolve(board.id, 'EVALUATE_BOARD_AND_SUPERVISORS', 5))).toBe('BODY_LACKS_POWER');
    // It answers to the shareholders' meeting: it carries out the meeting's resolutions.
    const shm = await ok(t, exec, `query($id: ID!) { governingBody(id: $id) { meetings { convenedBy { id } resolutions { executorBody { id } } } } }`, {
      id: demoBodyId('JA', 'SHM'),
    });
    expect(shm.governingBody.meetings[0]).toMatchObject({ convenedBy: { id: demoBodyId('JA', 'BOD') }, resolutions: [{ executorBody: { id: demoBodyId('JA', 'BOD') } }] });
  });

  it('ORG-R23: the CFO / finance head of a subsidiary is dispatched by the group board, not appointed by its own board', async () => {
    const sub = DEMO_COMPANIES.find((c) => c.code === 'JATC')!;
    const cfo = (await ok(t, exec, NOMINATE, { i: { bodyId: demoBodyId('JATC', 'MGT'), employeeId: demoStaffEmployeeId('JATC', 'FIN', 2), role: 'FINANCE_HEAD' } }))
      .nominateBodyMember;
    expect(cfo).toMatchObject({ method: 'DISPATCH', electedOrAppointedBy: { id: demoBodyId('JA', 'BOD'), company: { code: 'JA' } } });
    expect(sub.parentCode).toBe('JA');
    const lane = (await ok(t, exec, NOMINATE, { i: { bodyId: demoBodyId('LANE', 'MGT'), employeeId: demoStaffEmployeeId('LANE', 'FIN', 2), role: 'CFO' } })).nominateBodyMember;
    expect(lane).toMatchObject({ method: 'DISPATCH', electedOrAppointedBy: { id: demoBodyId('JA', 'BOD') } });
    // Other senior managers of the subsidiary are appointed by its own board.
    const vp = (await ok(t, exec, NOMINATE, { i: { bodyId: demoBodyId('JATC', 'MGT'), employeeId: demoStaffEmployeeId('JATC', 'FIN', 3), role: 'SENIOR_MANAGER' } }))
      .nominateBodyMember;
    expect(vp).toMatchObject({ method: 'APPOINTMENT', electedOrAppointedBy: { id: demoBodyId('JATC', 'BOD') } });
  });

  it('ORG-R25: the board holds its own enumerated powers (departments, restructuring, senior appointments, the annual plan), which management cannot exercise', async () => {
    const board = await held(demoBodyId('JA', 'BOD'), DEMO_GROUP_DIRECTORS);
    const mgmt = await held(demoBodyId('JA', 'MGT'), MANAGEMENT);
    for (const matter of ['DEPARTMENT_SETUP', 'ORG_RESTRUCTURING', 'APPOINT_SENIOR_MANAGEMENT', 'ANNUAL_OPERATING_PLAN']) {
      expect((await resolve(board.id, matter, 5)).data?.recordResolution.outcome).toBe('PASSED');
      expect(reason(await resolve(mgmt.id, matter, 2))).toBe('BODY_LACKS_POWER');
    }
  });
});
