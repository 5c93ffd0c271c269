import { demoStaffEmployeeId, DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { DEMO_GROUP_DIRECTORS, demoBodyId } from '../database/seed';

const MANAGEMENT = [demoStaffEmployeeId('JA', 'IT', 2), stableId('employee', 'executive')];
const SCHEDULE = `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id version status convenedBy { id } agenda { ordinal title matter } } }`;
const HOLD = `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id version status presentCount seatBase quorumMet attendees { id } } }`;
const RESOLVE = `mutation($i: RecordResolutionInput!) { recordResolution(input: $i) { id version outcome executionStatus executorBody { id } meeting { id } } }`;

describe.each(testDatabaseKinds())('meetings and resolutions on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_meetings');
  });
  afterAll(() => t?.stop());

  const heldMeeting = async (body: string, attendees: readonly string[], meetingKind = 'IRREGULAR') => {
    const s = (
      await ok(t, exec, SCHEDULE, {
        i: {
          bodyId: body,
          kind: meetingKind,
          title: '临时会议',
          scheduledFor: '2026-06-01T02:00:00Z',
          agenda: [{ title: '议题一', matter: 'DEPARTMENT_SETUP' }, { title: '其他事项' }],
        },
      })
    ).scheduleMeeting;
    return (await ok(t, exec, HOLD, { i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: attendees } })).holdMeeting;
  };
  const resolve = (meetingId: string, matter: string, votes: [number, number, number], amountWan: number | null = null) =>
    t.exec(exec, RESOLVE, { i: { meetingId, matter, amountWan, text: '决议', votesFor: votes[0], votesAgainst: votes[1], abstentions: votes[2] } });

  it("the demo board meeting has its agenda, attendance and resolutions; the shareholders' meeting is convened by the board", async () => {
    const data = await ok(
      t,
      exec,
      `query($id: ID!) { governingBody(id: $id) { meetings { title kind status quorumMet presentCount convenedBy { id } agenda { ordinal matter } attendees { id } resolutions { matter outcome votesFor executionStatus executorBody { id } } } } }`,
      { id: demoBodyId('JA', 'BOD') },
    );
    const [m] = data.governingBody.meetings;
    expect(m).toMatchObject({ title: '2025年第一次董事局会议', status: 'HELD', quorumMet: true, presentCount: 5, convenedBy: null });
    expect(m.attendees.map((a: any) => a.id).sort()).toEqual([...DEMO_GROUP_DIRECTORS].sort());
    expect(m.agenda.map((a: any) => a.ordinal)).toEqual([1, 2]);
    expect(m.resolutions).toHaveLength(2);
    expect(m.resolutions.every((r: any) => r.outcome === 'PASSED' && r.executorBody.id === demoBodyId('JA', 'MGT'))).toBe(true);
    const shm = await ok(t, exec, `query($id: ID!) { governingBody(id: $id) { meetings { convenedBy { id } resolutions { executorBody { id } executionStatus } } } }`, {
      id: demoBodyId('JA', 'SHM'),
    });
    expect(shm.governingBody.meetings[0]).toMatchObject({
      convenedBy: { id: demoBodyId('JA', 'BOD') },
      resolutions: [{ executorBody: { id: demoBodyId('JA', 'BOD') }, executionStatus: 'EXECUTED' }],
    });
  });

  it('quorum: a board meeting with 3 of 7 directors cannot resolve; with 4 it can, by majority of those present', async () => {
    const thin = await heldMeeting(demoBodyId('JA', 'BOD'), DEMO_GROUP_DIRECTORS.slice(0, 3));
    expect(thin).toMatchObject({ status: 'HELD', presentCount: 3, seatBase: 7, quorumMet: false });
    expect((await resolve(thin.id, 'DEPARTMENT_SETUP', [3, 0, 0])).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'QUORUM_NOT_MET' });
    const quorate = await heldMeeting(demoBodyId('JA', 'BOD'), DEMO_GROUP_DIRECTORS.slice(0, 4));
    expect(quorate.quorumMet).toBe(true);
    const passed = (await resolve(quorate.id, 'DEPARTMENT_SETUP', [3, 1, 0])).data!.recordResolution;
    expect(passed).toMatchObject({ outcome: 'PASSED', executionStatus: 'PENDING', executorBody: { id: demoBodyId('JA', 'MGT') } });
    const tied = (await resolve(quorate.id, 'ORG_RESTRUCTURING', [2, 2, 0])).data!.recordResolution;
    expect(tied).toMatchObject({ outcome: 'REJECTED', executionStatus: null, executorBody: null });
    expect((await resolve(quorate.id, 'DEPARTMENT_SETUP', [3, 1, 1])).errors![0].extensions.reason).toBe('VOTES_EXCEED_ATTENDANCE');
    const again = await fails(t, exec, HOLD, { i: { meetingId: quorate.id, expectedVersion: 2, attendeeIds: [] } });
    expect(again.reason).toBe('MEETING_ALREADY_HELD');
  });

  it('a resolution can only be passed by a body that holds the power for the matter (reserved matters, delegated limits)', async () => {
    const board = await heldMeeting(demoBodyId('JA', 'BOD'), DEMO_GROUP_DIRECTORS);
    expect((await resolve(board.id, 'ELECT_DIRECTORS_AND_SUPERVISORS', [5, 0, 0])).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'BODY_LACKS_POWER' });
    expect((await resolve(board.id, 'MAJOR_INVESTMENT', [5, 0, 0], 90000)).data!.recordResolution.outcome).toBe('PASSED');
    const mgmt = await heldMeeting(demoBodyId('JA', 'MGT'), MANAGEMENT);
    expect(mgmt).toMatchObject({ seatBase: 2, quorumMet: true });
    expect((await resolve(mgmt.id, 'OPERATING_EXPENDITURE', [2, 0, 0], 3000)).data!.recordResolution.outcome).toBe('PASSED');
    expect((await resolve(mgmt.id, 'OPERATING_EXPENDITURE', [2, 0, 0], 6000)).errors![0].extensions.reason).toBe('BODY_LACKS_POWER');
    expect((await resolve(mgmt.id, 'MAJOR_INVESTMENT', [2, 0, 0], 100)).errors![0].extensions.reason).toBe('BODY_LACKS_POWER');
    expect((await resolve(mgmt.id, 'DEPARTMENT_SETUP', [2, 0, 0])).errors![0].extensions.reason).toBe('BODY_LACKS_POWER');
  });

  it("refuses strangers at a meeting and extraordinary meetings of anything but the shareholders' meeting", async () => {
    const s = (await ok(t, exec, SCHEDULE, { i: { bodyId: demoBodyId('JA', 'BOD'), kind: 'REGULAR', title: '例会', scheduledFor: '2026-07-01T02:00:00Z' } })).scheduleMeeting;
    const e = await fails(t, exec, HOLD, { i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: [DEMO_GROUP_DIRECTORS[0], demoStaffEmployeeId('JA', 'LEGAL', 2)] } });
    expect(e).toMatchObject({ reason: 'ATTENDEE_NOT_A_MEMBER', employeeIds: [demoStaffEmployeeId('JA', 'LEGAL', 2)] });
    const x = await fails(t, exec, SCHEDULE, { i: { bodyId: demoBodyId('JA', 'BOD'), kind: 'EXTRAORDINARY', title: '临时', scheduledFor: '2026-07-01T02:00:00Z' } });
    expect(x.reason).toBe('MEETING_KIND_INVALID');
    const shm = (await ok(t, exec, SCHEDULE, { i: { bodyId: demoBodyId('JA', 'SHM'), kind: 'EXTRAORDINARY', title: '临时股东大会', scheduledFor: '2026-07-01T02:00:00Z' } }))
      .scheduleMeeting;
    expect(shm.convenedBy).toEqual({ id: demoBodyId('JA', 'BOD') });
  });

  it('quorum and pass thresholds are configurable per body (G-27)', async () => {
    const body = (await ok(t, exec, `query($id: ID!) { governingBody(id: $id) { version quorumPercent passPercent } }`, { id: demoBodyId('JA', 'BOD') })).governingBody;
    expect(body).toMatchObject({ quorumPercent: null, passPercent: null });
    const set = await ok(t, exec, `mutation($i: SetMeetingRulesInput!) { setGoverningBodyMeetingRules(input: $i) { quorumPercent passPercent } }`, {
      i: { bodyId: demoBodyId('JA', 'BOD'), expectedVersion: body.version, quorumPercent: 66, passPercent: 66 },
    });
    expect(set.setGoverningBodyMeetingRules).toEqual({ quorumPercent: 66, passPercent: 66 });
    expect((await heldMeeting(demoBodyId('JA', 'BOD'), DEMO_GROUP_DIRECTORS.slice(0, 4))).quorumMet).toBe(false); // 4/7 = 57%
    const m = await heldMeeting(demoBodyId('JA', 'BOD'), DEMO_GROUP_DIRECTORS); // 5/7 = 71%
    expect(m.quorumMet).toBe(true);
    expect((await resolve(m.id, 'DEPARTMENT_SETUP', [3, 2, 0])).data!.recordResolution.outcome).toBe('REJECTED'); // 60% ≤ 66%
    expect((await resolve(m.id, 'DEPARTMENT_SETUP', [4, 1, 0])).data!.recordResolution.outcome).toBe('PASSED');
  });

  it('execution of a passed resolution is tracked to a final state; writes need GROUP_EXECUTIVE; reads are company-scoped', async () => {
    const seeded = stableId('resolution', 'JA-BOD-2025-1-2');
    const r1 = await ok(t, exec, `mutation { updateResolutionExecution(id: "${seeded}", expectedVersion: 1, status: EXECUTED) { executionStatus version } }`);
    expect(r1.updateResolutionExecution).toEqual({ executionStatus: 'EXECUTED', version: 2 });
    const closed = await fails(t, exec, `mutation { updateResolutionExecution(id: "${seeded}", expectedVersion: 2, status: IN_PROGRESS) { id } }`);
    expect(closed.reason).toBe('RESOLUTION_EXECUTION_CLOSED');
    for (const v of [viewers.sysadmin(), viewers.head('RESI')]) {
      const e = await fails(t, v, SCHEDULE, { i: { bodyId: demoBodyId('JA', 'BOD'), kind: 'REGULAR', title: 'x', scheduledFor: '2026-07-01T02:00:00Z' } });
      expect(e.reason).toBe('GOVERNANCE_CHANGE_FORBIDDEN');
    }
    expect((await ok(t, viewers.head('RESI'), `{ meeting(id: "${stableId('meeting', 'JA-BOD-2025-1')}") { id } }`)).meeting).toBeNull();
    // ORG-M4: the seeded board resolutions are executed by management: 1 executed (just now) of 2 seeded + those passed above.
    const report = await ok(t, exec, `query($c: ID!) { resolutionExecutionReport(companyId: $c) { executorBody { id } passed executed executionRate } }`, {
      c: DEMO_COMPANIES.find((c) => c.code === 'JA')!.id,
    });
    const mgmt = report.resolutionExecutionReport.find((r: any) => r.executorBody?.id === demoBodyId('JA', 'MGT'));
    expect(mgmt.executed).toBe(1);
    expect(mgmt.executionRate).toBeCloseTo(1 / mgmt.passed);
    const shm = report.resolutionExecutionReport.find((r: any) => r.executorBody?.id === demoBodyId('JA', 'BOD'));
    expect(shm).toMatchObject({ passed: 1, executed: 1, executionRate: 1 });
    expect(
      (await ok(t, viewers.head('RESI'), `query($c: ID!) { resolutionExecutionReport(companyId: $c) { passed } }`, { c: DEMO_COMPANIES.find((c) => c.code === 'JA')!.id }))
        .resolutionExecutionReport,
    ).toEqual([]);
    expect((await ok(t, exec, `{ meeting(id: "${stableId('meeting', 'JA-BOD-2025-1')}") { title } }`)).meeting.title).toBe('2025年第一次董事局会议');
  });

  it("quorum and votes of a shareholders' meeting count share capital (voting rights of the shareholdings represented), boards count seats", async () => {
    const shm = demoBodyId('HHTR', 'SHM');
    const majority = stableId('shareholding', 'HHTR-JA'); // 70 %
    const minority = stableId('shareholding', 'HHTR-香港海汇投资有限公司'); // 30 %
    const NOMINATE = `mutation($i: NominateBodyMemberInput!) { nominateBodyMember(input: $i) { id version shareholding { id percentage } } }`;
    const seatFor = async (employeeId: string, shareholdingId: string) => {
      const n = (await ok(t, exec, NOMINATE, { i: { bodyId: shm, employeeId, role: 'SHAREHOLDER', shareholdingId } })).nominateBodyMember;
      await ok(t, exec, `mutation($i: DecideBodyNominationInput!) { decideBodyNomination(input: $i) { status } }`, {
        i: { membershipId: n.id, expectedVersion: n.version, approve: true },
      });
      return n;
    };
    const big = demoStaffEmployeeId('HHTR', 'FIN', 1);
    const small = demoStaffEmployeeId('HHTR', 'SALES', 1);
    expect((await seatFor(big, majority)).shareholding).toEqual({ id: majority, percentage: 70 });
    await seatFor(small, minority);
    // one representative per shareholding, only the company's own shareholdings, only on shareholder seats
    const nominate = (i: Record<string, unknown>) => fails(t, exec, NOMINATE, { i: { bodyId: shm, role: 'SHAREHOLDER', ...i } });
    expect((await nominate({ employeeId: demoStaffEmployeeId('HHTR', 'ENG', 1), shareholdingId: majority })).reason).toBe('SHAREHOLDING_ALREADY_REPRESENTED');
    expect((await nominate({ employeeId: demoStaffEmployeeId('HHTR', 'ENG', 1), shareholdingId: stableId('shareholding', 'JAHT-JA') })).reason).toBe('SHAREHOLDING_NOT_OF_COMPANY');
    expect(
      (await fails(t, exec, NOMINATE, { i: { bodyId: demoBodyId('HHTR', 'BOD'), role: 'DIRECTOR', employeeId: demoStaffEmployeeId('HHTR', 'ENG', 1), shareholdingId: minority } }))
        .reason,
    ).toBe('SHAREHOLDING_ONLY_FOR_SHAREHOLDERS');

    const HOLD_SHM = `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id quorumBasis quorumMet presentCount votingRightsPresent votingRightsTotal } }`;
    const held = async (attendees: string[]) => {
      const s = (await ok(t, exec, SCHEDULE, { i: { bodyId: shm, kind: 'EXTRAORDINARY', title: '临时股东大会', scheduledFor: '2026-08-01T02:00:00Z' } })).scheduleMeeting;
      return (await ok(t, exec, HOLD_SHM, { i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: attendees } })).holdMeeting;
    };
    // the 30 % holder alone: no quorum
    const thin = await held([small]);
    expect(thin).toMatchObject({ quorumBasis: 'SHARE_CAPITAL', quorumMet: false, presentCount: 1, votingRightsPresent: 3000, votingRightsTotal: 10000 });
    expect((await resolve(thin.id, 'ELECT_DIRECTORS_AND_SUPERVISORS', [3000, 0, 0])).errors![0].extensions.reason).toBe('QUORUM_NOT_MET');
    // the 70 % holder alone: 1 of 2 seats (not more than half) but 70 % of the capital: quorate
    const capital = await held([big]);
    expect(capital).toMatchObject({ quorumBasis: 'SHARE_CAPITAL', quorumMet: true, presentCount: 1, votingRightsPresent: 7000 });
    expect((await resolve(capital.id, 'ELECT_DIRECTORS_AND_SUPERVISORS', [7001, 0, 0])).errors![0].extensions.reason).toBe('VOTES_EXCEED_ATTENDANCE');
    expect((await resolve(capital.id, 'ELECT_DIRECTORS_AND_SUPERVISORS', [7000, 0, 0])).data!.recordResolution.outcome).toBe('PASSED');
    // both present, the 30 % holder for and the 70 % holder against: rejected although half the members voted for
    const both = await held([big, small]);
    expect(both.votingRightsPresent).toBe(10000);
    expect((await resolve(both.id, 'ELECT_DIRECTORS_AND_SUPERVISORS', [3000, 7000, 0])).data!.recordResolution.outcome).toBe('REJECTED');
    // a company without recorded shareholdings cannot count a shareholders' meeting's quorum
    const ja = (await ok(t, exec, SCHEDULE, { i: { bodyId: demoBodyId('JA', 'SHM'), kind: 'REGULAR', title: '股东大会', scheduledFor: '2026-08-01T02:00:00Z' } })).scheduleMeeting;
    expect((await fails(t, exec, HOLD, { i: { meetingId: ja.id, expectedVersion: ja.version, attendeeIds: [] } })).reason).toBe('NO_SHAREHOLDINGS_RECORDED');
    // boards count seats
    expect(
      (
        await ok(t, exec, `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { quorumBasis votingRightsTotal } }`, {
          i: {
            ...(await (async () => {
              const s = (await ok(t, exec, SCHEDULE, { i: { bodyId: demoBodyId('JA', 'BOD'), kind: 'REGULAR', title: '例会', scheduledFor: '2026-08-02T02:00:00Z' } }))
                .scheduleMeeting;
              return { meetingId: s.id, expectedVersion: s.version };
            })()),
            attendeeIds: DEMO_GROUP_DIRECTORS,
          },
        })
      ).holdMeeting,
    ).toEqual({ quorumBasis: 'SEATS', votingRightsTotal: null });
  });
});
