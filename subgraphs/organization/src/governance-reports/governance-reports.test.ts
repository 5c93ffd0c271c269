import { DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoBodyId } from '../database/seed';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;

const REPORT = `mutation($i: SubmitGovernanceReportInput!) { submitGovernanceReport(input: $i) { id period fromBody { id } toBody { id } meeting { id } } }`;

describe.each(testDatabaseKinds())('governance reports on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_reports');
  });
  afterAll(() => t?.stop());

  it("ORG-R18: the board and the supervisors report to the shareholders' meeting, management to the board; heard at a meeting of the receiving body (ORG-M3)", async () => {
    const shmMeeting = stableId('meeting', 'JA-SHM-2024');
    const base = { fromBodyId: demoBodyId('JA', 'BOD'), toBodyId: demoBodyId('JA', 'SHM'), period: '2024', title: '董事局2024年度工作报告', content: '报告内容' };
    const r = (await ok(t, exec, REPORT, { i: { ...base, meetingId: shmMeeting } })).submitGovernanceReport;
    expect(r).toMatchObject({ period: '2024', fromBody: { id: demoBodyId('JA', 'BOD') }, toBody: { id: demoBodyId('JA', 'SHM') }, meeting: { id: shmMeeting } });
    await ok(t, exec, REPORT, { i: { ...base, fromBodyId: demoBodyId('JA', 'BOS'), title: '监事会2024年度工作报告', meetingId: shmMeeting } });
    await ok(t, exec, REPORT, { i: { ...base, fromBodyId: demoBodyId('JA', 'MGT'), toBodyId: demoBodyId('JA', 'BOD'), title: '经营层工作报告', period: '2025-H1' } });
    expect((await fails(t, exec, REPORT, { i: { ...base, fromBodyId: demoBodyId('JA', 'MGT') } })).reason).toBe('REPORT_ROUTE_INVALID');
    expect((await fails(t, exec, REPORT, { i: { ...base, toBodyId: demoBodyId('JATC', 'SHM') } })).reason).toBe('REPORT_ROUTE_INVALID');
    expect((await fails(t, exec, REPORT, { i: { ...base, meetingId: stableId('meeting', 'JA-BOD-2025-1') } })).reason).toBe('MEETING_NOT_OF_RECEIVING_BODY');
    expect((await fails(t, exec, REPORT, { i: { ...base, period: 'last year' } })).reason).toBe('PERIOD_INVALID');
    for (const v of [viewers.sysadmin(), viewers.head('RESI')]) expect((await fails(t, v, REPORT, { i: base })).reason).toBe('GOVERNANCE_CHANGE_FORBIDDEN');
    const heard = await ok(t, exec, `query($id: ID!) { meeting(id: $id) { reportsHeard { fromBody { type } } } }`, { id: shmMeeting });
    expect(heard.meeting.reportsHeard.map((x: any) => x.fromBody.type).sort()).toEqual(['BOARD_OF_DIRECTORS', 'BOARD_OF_SUPERVISORS']);
    const LIST = `query($f: GovernanceReportFilter) { governanceReports(first: 10, filter: $f) { totalCount edges { node { title } } } }`;
    expect((await ok(t, exec, LIST, { f: { companyId: JA, period: '2024' } })).governanceReports.totalCount).toBe(2);
    expect((await ok(t, viewers.head('RESI'), LIST, {})).governanceReports.totalCount).toBe(0); // JA's governance is not RESI's company
    // ORG-M3: the seeded 2024 meeting was held on the scheduled day, with both reports heard
    const M3 = `query($c: ID!) { shareholdersMeetingTimeliness(companyId: $c) { scheduled held heldOnTime heldLate overdue upcoming boardReportsHeard supervisorReportsHeard } }`;
    expect((await ok(t, exec, M3, { c: JA })).shareholdersMeetingTimeliness).toEqual({
      scheduled: 1,
      held: 1,
      heldOnTime: 1,
      heldLate: 0,
      overdue: 0,
      upcoming: 0,
      boardReportsHeard: 1,
      supervisorReportsHeard: 1,
    });
    // a meeting scheduled for last month and not held is overdue
    await ok(t, exec, `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`, {
      i: { bodyId: demoBodyId('JA', 'SHM'), kind: 'EXTRAORDINARY', title: '临时股东大会', scheduledFor: new Date(Date.now() - 30 * 86_400_000).toISOString() },
    });
    expect((await ok(t, exec, M3, { c: JA })).shareholdersMeetingTimeliness).toMatchObject({ scheduled: 2, held: 1, overdue: 1 });
    expect((await ok(t, viewers.head('RESI'), M3, { c: JA })).shareholdersMeetingTimeliness).toBeNull();
  });
});
