import { demoStaffEmployeeId, DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { adoptedResolution, OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { DEMO_GROUP_CHAIR_ID, demoBodyId } from '../database/seed';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
const DIRECTOR = demoStaffEmployeeId('JA', 'MKT', 1);
const SUPERVISOR = demoStaffEmployeeId('JA', 'LEGAL', 3);
const PRESIDENT = demoStaffEmployeeId('JA', 'IT', 2);
const DIRECTORS = [
  DEMO_GROUP_CHAIR_ID,
  demoStaffEmployeeId('JA', 'MKT', 1),
  demoStaffEmployeeId('JA', 'IT', 1),
  demoStaffEmployeeId('JA', 'CSC', 1),
  demoStaffEmployeeId('JA', 'MKT', 2),
];

const REPORT = `mutation($i: SubmitGovernanceReportInput!) { submitGovernanceReport(input: $i) { id period fromBody { id } toBody { id } meeting { id } } }`;
const ACT = `mutation($i: TakeSupervisoryActionInput!) { takeSupervisoryAction(input: $i) { id version status finding action target { id } targetSeat { role } body { id } } }`;
const FOLLOW = `mutation($i: FollowUpSupervisoryActionInput!) { followUpSupervisoryAction(input: $i) { id version status followUp closedAt } }`;
const CHECK = `mutation($i: RecordCheckpointReviewInput!) { recordCheckpointReview(input: $i) { id version status result } }`;
const ADJUST = `mutation($i: AdjustCheckpointReviewInput!) { adjustCheckpointReview(input: $i) { id version status correctiveAdjustment } }`;

describe.each(testDatabaseKinds())('governance oversight on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_plans');
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

  it('ORG-R08 / ORG-R09: the eight checkpoints are reviewed per period; an issue is corrected and closed with its adjustment (ORG-M2)', async () => {
    const base = { companyId: JA, period: '2025' };
    const pass = (await ok(t, exec, CHECK, { i: { ...base, checkpoint: 'BOARD_EXECUTES_ALL_SHAREHOLDER_RESOLUTIONS', result: 'PASS' } })).recordCheckpointReview;
    expect(pass).toMatchObject({ status: 'CLOSED', result: 'PASS' });
    expect((await fails(t, exec, CHECK, { i: { ...base, checkpoint: 'MANAGEMENT_IMPLEMENTS_BOARD_RESOLUTIONS', result: 'ISSUE' } })).reason).toBe('ISSUE_REQUIRED');
    const issue = (await ok(t, exec, CHECK, { i: { ...base, checkpoint: 'MANAGEMENT_IMPLEMENTS_BOARD_RESOLUTIONS', result: 'ISSUE', issue: '新能源投资决议未执行' } }))
      .recordCheckpointReview;
    expect(issue.status).toBe('OPEN');
    expect((await fails(t, exec, CHECK, { i: { ...base, checkpoint: 'MANAGEMENT_IMPLEMENTS_BOARD_RESOLUTIONS', result: 'PASS' } })).reason).toBe('CHECKPOINT_ALREADY_REVIEWED');
    expect((await fails(t, exec, ADJUST, { i: { id: issue.id, expectedVersion: issue.version, status: 'ADJUSTING' } })).reason).toBe('CORRECTIVE_ADJUSTMENT_REQUIRED');
    const adj = (await ok(t, exec, ADJUST, { i: { id: issue.id, expectedVersion: issue.version, status: 'ADJUSTING', correctiveAdjustment: '经营层限期执行并报告' } }))
      .adjustCheckpointReview;
    const closed = (await ok(t, exec, ADJUST, { i: { id: issue.id, expectedVersion: adj.version, status: 'CLOSED' } })).adjustCheckpointReview;
    expect(closed).toMatchObject({ status: 'CLOSED', correctiveAdjustment: '经营层限期执行并报告' });
    expect((await fails(t, exec, ADJUST, { i: { id: pass.id, expectedVersion: pass.version, status: 'CLOSED', correctiveAdjustment: 'x' } })).reason).toBe('CHECKPOINT_CLOSED');
    const M2 = `query($c: ID!, $p: String!) { governanceCheckpointReport(companyId: $c, period: $p) { checkpoint review { result status } } }`;
    const rows = (await ok(t, exec, M2, { c: JA, p: '2025' })).governanceCheckpointReport;
    expect(rows).toHaveLength(8);
    expect(rows.filter((r: any) => r.review).map((r: any) => [r.checkpoint, r.review.result, r.review.status])).toEqual([
      ['BOARD_EXECUTES_ALL_SHAREHOLDER_RESOLUTIONS', 'PASS', 'CLOSED'],
      ['MANAGEMENT_IMPLEMENTS_BOARD_RESOLUTIONS', 'ISSUE', 'CLOSED'],
    ]);
    expect((await ok(t, viewers.head('RESI'), M2, { c: JA, p: '2025' })).governanceCheckpointReport).toBeNull();
    expect((await fails(t, viewers.head('RESI'), CHECK, { i: { ...base, checkpoint: 'SUPERVISORS_ACT_ON_VIOLATIONS', result: 'PASS' } })).reason).toBe(
      'GOVERNANCE_CHANGE_FORBIDDEN',
    );
  });

  it('ORG-R42 / ORG-M8 span of control and levels; ORG-M13 required documents present and current; both company-scoped and set-based', async () => {
    const before = t.app.counter.count;
    const span = (
      await ok(t, exec, `query($c: ID!) { spanOfControlReport(companyId: $c) { levels departments rows { level directSubunits directEmployees department { code } } } }`, { c: JA })
    ).spanOfControlReport;
    expect(t.app.counter.count - before).toBeLessThanOrEqual(3); // departments, employee counts, the department names (one batch)
    expect(span.departments).toBe(span.rows.length);
    expect(span.levels).toBeGreaterThanOrEqual(1);
    expect(span.rows.find((r: any) => r.department.code === 'MKT').directEmployees).toBeGreaterThanOrEqual(3);
    expect(span.rows.reduce((n: number, r: any) => n + r.directSubunits, 0)).toBe(span.rows.filter((r: any) => r.level > 1).length);
    const docs = (await ok(t, exec, `query($c: ID!) { documentAvailabilityReport(companyId: $c) { type documents current available } }`, { c: JA })).documentAvailabilityReport;
    const by = Object.fromEntries(docs.map((d: any) => [d.type, d]));
    expect(Object.keys(by)).toEqual(['ORG_CHART', 'BUSINESS_PROCESS', 'JOB_DESCRIPTION', 'PERFORMANCE_APPRAISAL_METHOD', 'AUTHORITY_GUIDELINE']);
    expect(by.JOB_DESCRIPTION).toEqual({ type: 'JOB_DESCRIPTION', documents: 1, current: 1, available: true });
    expect(by.AUTHORITY_GUIDELINE.available).toBe(true);
    expect(by.ORG_CHART).toEqual({ type: 'ORG_CHART', documents: 0, current: 0, available: false });
    expect(
      await ok(t, viewers.head('RESI'), `query($c: ID!) { spanOfControlReport(companyId: $c) { levels } documentAvailabilityReport(companyId: $c) { type } }`, { c: JA }),
    ).toEqual({ spanOfControlReport: null, documentAvailabilityReport: null });
  });

  it('A12 / WF-ORG-7: plans with targets, adopted by the board (annual operating plan) and measured against their targets (ORG-M5)', async () => {
    const CREATE = `mutation($i: CreatePlanInput!) { createPlan(input: $i) { id version status targets { id name } } }`;
    const plan = (
      await ok(t, exec, CREATE, {
        i: {
          companyId: JA,
          type: 'ANNUAL_OPERATING_PLAN',
          period: '2025',
          title: '2025年度生产经营计划',
          targets: [
            { name: '营业收入', targetValue: 120000, unit: '万元' },
            { name: '安全事故', targetValue: 0, unit: '起', higherIsBetter: false },
            { name: '新签合同', targetValue: 50, unit: '个' },
          ],
        },
      })
    ).createPlan;
    expect(plan).toMatchObject({ status: 'DRAFT', targets: [{ name: '营业收入' }, { name: '安全事故' }, { name: '新签合同' }] });
    expect((await fails(t, exec, CREATE, { i: { companyId: JA, type: 'THREE_YEAR_PLAN', period: 'soon', title: 'x' } })).reason).toBe('PERIOD_INVALID');
    const APPROVE = `mutation($id: ID!, $v: Int!, $r: ID!) { approvePlan(planId: $id, expectedVersion: $v, resolutionId: $r) { id version status approvalResolution { matter } } }`;
    // the board's major-investment resolution does not adopt an annual operating plan; the annual-plan resolution does
    expect((await fails(t, exec, APPROVE, { id: plan.id, v: plan.version, r: stableId('resolution', 'JA-BOD-2025-1-2') })).reason).toBe('APPROVAL_RESOLUTION_INVALID');
    expect((await fails(t, exec, APPROVE, { id: plan.id, v: plan.version, r: stableId('resolution', 'JA-SHM-2024-1') })).reason).toBe('APPROVAL_RESOLUTION_INVALID');
    const approved = (await ok(t, exec, APPROVE, { id: plan.id, v: plan.version, r: stableId('resolution', 'JA-BOD-2025-1-1') })).approvePlan;
    expect(approved).toMatchObject({ status: 'APPROVED', approvalResolution: { matter: 'ANNUAL_OPERATING_PLAN' } });
    const REPORT = `mutation($i: ReportPlanResultsInput!) { reportPlanResults(input: $i) { version status targets { actualValue achieved } } }`;
    const [revenue, accidents] = plan.targets.map((x: any) => x.id);
    expect((await fails(t, exec, REPORT, { i: { planId: plan.id, expectedVersion: approved.version, results: [{ targetId: stableId('x', 1), actualValue: 1 }] } })).reason).toBe(
      'TARGET_NOT_OF_PLAN',
    );
    const reported = (
      await ok(t, exec, REPORT, {
        i: {
          planId: plan.id,
          expectedVersion: approved.version,
          results: [
            { targetId: revenue, actualValue: 125000 },
            { targetId: accidents, actualValue: 1 },
          ],
        },
      })
    ).reportPlanResults;
    expect(reported.targets).toEqual([
      { actualValue: 125000, achieved: true },
      { actualValue: 1, achieved: false },
      { actualValue: null, achieved: null },
    ]);
    const M5 = `query($c: ID!) { planCompletionReport(companyId: $c, period: "2025") { plan { title } targets reported achieved completionRate } }`;
    expect((await ok(t, exec, M5, { c: JA })).planCompletionReport).toEqual([
      { plan: { title: '2025年度生产经营计划' }, targets: 3, reported: 2, achieved: 1, completionRate: 1 / 3 },
    ]);
    expect((await ok(t, viewers.head('RESI'), M5, { c: JA })).planCompletionReport).toBeNull();
    expect((await fails(t, viewers.head('RESI'), CREATE, { i: { companyId: JA, type: 'THREE_YEAR_PLAN', period: '2026-2028', title: 'x' } })).reason).toBe(
      'GOVERNANCE_CHANGE_FORBIDDEN',
    );
  });

  /** A resolution of the group board adopted at a meeting of all its directors (optionally for an amount). */
  const groupBoardResolves = async (matter: string, amountWan: number | null = null) => {
    const m = (
      await ok(t, exec, `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id version } }`, {
        i: { bodyId: demoBodyId('JA', 'BOD'), kind: 'IRREGULAR', title: '董事局会议', scheduledFor: '2026-09-01T02:00:00Z' },
      })
    ).scheduleMeeting;
    await ok(t, exec, `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id } }`, { i: { meetingId: m.id, expectedVersion: m.version, attendeeIds: DIRECTORS } });
    return (
      await ok(t, exec, `mutation($i: RecordResolutionInput!) { recordResolution(input: $i) { id } }`, {
        i: { meetingId: m.id, matter, amountWan, text: '同意', votesFor: 5, votesAgainst: 0 },
      })
    ).recordResolution.id as string;
  };

  it("ORG-R12 / WF-ORG-10: subsidiary matters are approved by the parent as investor (its body's resolution on SUBSIDIARY_MATTER naming the matter, for its amount) or filed; the open register per subsidiary and matter (ORG-M9)", async () => {
    const JARE = DEMO_COMPANIES.find((c) => c.code === 'JARE')!.id;
    const SUBMIT = `mutation($i: SubmitSubsidiaryMatterInput!) { submitSubsidiaryMatter(input: $i) { id version status subsidiary { code } parentCompany { code } } }`;
    const g = (await ok(t, exec, SUBMIT, { i: { subsidiaryId: JARE, matter: 'MAJOR_GUARANTEE', handling: 'APPROVE', description: '为项目公司提供担保', amountWan: 8000 } }))
      .submitSubsidiaryMatter;
    expect(g).toMatchObject({ status: 'OPEN', subsidiary: { code: 'JARE' }, parentCompany: { code: 'JA' } });
    const b = (await ok(t, exec, SUBMIT, { i: { subsidiaryId: JARE, matter: 'ANNUAL_FINANCIAL_BUDGET_AND_FINAL_ACCOUNTS', handling: 'FILE', description: '2026年度预算报备' } }))
      .submitSubsidiaryMatter;
    const g2 = (await ok(t, exec, SUBMIT, { i: { subsidiaryId: JARE, matter: 'MAJOR_GUARANTEE', handling: 'APPROVE', description: '第二笔担保' } })).submitSubsidiaryMatter;
    const key = (await ok(t, exec, SUBMIT, { i: { subsidiaryId: JARE, matter: 'KEY_PERSONNEL_APPOINTMENT_AND_REMOVAL', handling: 'APPROVE', description: '聘任总经理' } }))
      .submitSubsidiaryMatter;
    expect((await fails(t, exec, SUBMIT, { i: { subsidiaryId: JA, matter: 'OTHER', handling: 'FILE', description: 'x' } })).reason).toBe('NOT_A_SUBSIDIARY');
    const DECIDE = `mutation($i: DecideSubsidiaryMatterInput!) { decideSubsidiaryMatter(input: $i) { status decision resolution { id matter } } }`;
    const decide = (item: { id: string; version: number }, outcome: string, resolutionId: string | null = null, decision: string | null = null) =>
      t.exec(exec, DECIDE, { i: { id: item.id, expectedVersion: item.version, outcome, resolutionId, decision } });
    const reason = async (p: Promise<{ errors?: any[] }>) => (await p).errors?.[0].extensions;
    expect((await reason(decide(b, 'APPROVED')))!.reason).toBe('OUTCOME_INVALID');
    // Filing takes the matter on record: no decision, no resolution.
    expect((await decide(b, 'FILED')).data?.decideSubsidiaryMatter).toEqual({ status: 'FILED', decision: null, resolution: null });
    // Approving is the parent's decision: without a resolution, with another matter's, or the subsidiary's own shareholders', it is refused.
    expect(await reason(decide(g, 'APPROVED'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RESOLUTION_REQUIRED', matter: 'SUBSIDIARY_MATTER' });
    expect((await reason(decide(g, 'APPROVED', await groupBoardResolves('MAJOR_GUARANTEE', 8000))))!.reason).toBe('RESOLUTION_NOT_APPLICABLE');
    expect((await reason(decide(g, 'APPROVED', await adoptedResolution(t, demoBodyId('JARE', 'SHM'), 'SUBSIDIARY_MATTER'))))!.reason).toBe('RESOLUTION_NOT_APPLICABLE');
    // ORG-R14: adopted for less than the amount at stake is not an approval of it.
    expect(await reason(decide(g, 'APPROVED', await groupBoardResolves('SUBSIDIARY_MATTER', 5000)))).toMatchObject({
      code: 'CONFLICT',
      reason: 'RESOLUTION_AMOUNT_TOO_LOW',
      amountWan: 8000,
    });
    const approval = await groupBoardResolves('SUBSIDIARY_MATTER', 8000);
    expect((await decide(g, 'APPROVED', approval, '同意')).data?.decideSubsidiaryMatter).toEqual({
      status: 'APPROVED',
      decision: '同意',
      resolution: { id: approval, matter: 'SUBSIDIARY_MATTER' },
    });
    // One resolution, one matter.
    expect((await reason(decide(g2, 'APPROVED', approval)))!.reason).toBe('RESOLUTION_ALREADY_USED');
    // A matter without an amount is approved by the parent's shareholders (who hold the major-decision power by charter) as well.
    expect((await decide(key, 'APPROVED', await adoptedResolution(t, demoBodyId('JA', 'SHM'), 'SUBSIDIARY_MATTER'))).data?.decideSubsidiaryMatter.status).toBe('APPROVED');
    expect((await reason(decide({ id: g.id, version: g.version + 1 }, 'REJECTED')))!.reason).toBe('MATTER_DECIDED');
    const M9 = `{ subsidiaryOversightRegister { subsidiary { code } matter open } }`;
    expect((await ok(t, exec, M9)).subsidiaryOversightRegister).toEqual([{ subsidiary: { code: 'JARE' }, matter: 'MAJOR_GUARANTEE', open: 1 }]);
    // Rejecting needs no resolution.
    expect((await decide(g2, 'REJECTED', null, '风险过高')).data?.decideSubsidiaryMatter.status).toBe('REJECTED');
    expect((await ok(t, exec, M9)).subsidiaryOversightRegister).toEqual([]);
    expect((await ok(t, viewers.head('SOFT'), M9)).subsidiaryOversightRegister).toEqual([]);
    expect((await ok(t, viewers.head('SOFT'), `{ subsidiaryOversightItems(first: 10) { totalCount } }`)).subsidiaryOversightItems.totalCount).toBe(0);
    expect((await ok(t, viewers.head('RESI'), `{ subsidiaryOversightItems(first: 10) { totalCount } }`)).subsidiaryOversightItems.totalCount).toBe(4); // JARE hosts RESI
    expect((await fails(t, viewers.head('RESI'), SUBMIT, { i: { subsidiaryId: JARE, matter: 'OTHER', handling: 'FILE', description: 'x' } })).reason).toBe(
      'GOVERNANCE_CHANGE_FORBIDDEN',
    );
  });

  it('ORG-R27: investments and projects sit within an adopted, current strategic plan of the company or a company above it', async () => {
    const year = new Date().getUTCFullYear();
    const CREATE = `mutation($i: CreatePlanInput!) { createPlan(input: $i) { id version status strategicPlan { id } } }`;
    const APPROVE = `mutation($id: ID!, $v: Int!, $r: ID!) { approvePlan(planId: $id, expectedVersion: $v, resolutionId: $r) { id version status } }`;
    const create = (type: string, period: string, strategicPlanId: string | null = null, companyId = JA) =>
      t.exec(exec, CREATE, { i: { companyId, type, period, title: `${type} ${period}`, strategicPlanId } });
    const created = async (type: string, period: string, strategicPlanId: string | null = null, companyId = JA) =>
      (await create(type, period, strategicPlanId, companyId)).data!.createPlan;
    const reason = async (p: Promise<{ errors?: any[] }>) => (await p).errors?.[0].extensions.reason;
    const adopt = async (plan: { id: string; version: number }, matter = 'MAJOR_INVESTMENT') =>
      (await ok(t, exec, APPROVE, { id: plan.id, v: plan.version, r: await groupBoardResolves(matter) })).approvePlan;
    const period = `${year}-${year + 2}`;
    // An investment plan names the strategy it sits within, and that is a strategy / 3- or 5-year plan.
    expect(await reason(create('INVESTMENT_PLAN', `${year}`))).toBe('STRATEGIC_PLAN_REQUIRED');
    const annual = await created('ANNUAL_OPERATING_PLAN', `${year}`);
    expect(await reason(create('INVESTMENT_PLAN', `${year}`, annual.id))).toBe('STRATEGIC_PLAN_INVALID');
    expect(await reason(create('ANNUAL_OPERATING_PLAN', `${year}`, annual.id))).toBe('STRATEGIC_PLAN_NOT_APPLICABLE');
    // Adopted, not a draft.
    const strategy = await created('THREE_YEAR_PLAN', period);
    expect(await reason(create('INVESTMENT_PLAN', `${year}`, strategy.id))).toBe('STRATEGIC_PLAN_NOT_ADOPTED');
    // Adopted by a major decision on DEVELOPMENT_STRATEGY (the group board holds it by delegation), not any resolution.
    expect(await reason(t.exec(exec, APPROVE, { id: strategy.id, v: strategy.version, r: await groupBoardResolves('MAJOR_INVESTMENT') }))).toBe('APPROVAL_RESOLUTION_INVALID');
    const adopted = await adopt(strategy, 'DEVELOPMENT_STRATEGY');
    expect(adopted.status).toBe('APPROVED');
    // Within its period; a strategy whose period is over is expired.
    expect(await reason(create('INVESTMENT_PLAN', `${year + 3}`, strategy.id))).toBe('OUTSIDE_STRATEGIC_PERIOD');
    const old = await adopt(await created('FIVE_YEAR_PLAN', '2011-2015'), 'DEVELOPMENT_STRATEGY');
    expect(await reason(create('INVESTMENT_PLAN', `${year}`, old.id))).toBe('STRATEGIC_PLAN_EXPIRED');
    const a = await created('INVESTMENT_PLAN', `${year}`, strategy.id);
    const itProjects = await created('ANNUAL_IT_PROJECT_AND_FUNDING_PLAN', `${year + 1}`, strategy.id);
    expect(a.strategicPlan).toEqual({ id: strategy.id });
    // The group's strategy frames a subsidiary's investments; another subsidiary's does not.
    const JARE = DEMO_COMPANIES.find((c) => c.code === 'JARE')!.id;
    const LANE = DEMO_COMPANIES.find((c) => c.code === 'LANE')!.id;
    expect((await created('INVESTMENT_PLAN', `${year}`, strategy.id, JARE)).strategicPlan).toEqual({ id: strategy.id });
    const laneStrategy = await created('MID_LONG_TERM_STRATEGY', period, null, LANE);
    expect(await reason(create('INVESTMENT_PLAN', `${year}`, laneStrategy.id, JARE))).toBe('STRATEGIC_PLAN_INVALID');
    // A subsidiary's investment matter names it too.
    const SUBMIT = `mutation($i: SubmitSubsidiaryMatterInput!) { submitSubsidiaryMatter(input: $i) { id version strategicPlan { id } } }`;
    const invest = (strategicPlanId: string | null) =>
      t.exec(exec, SUBMIT, {
        i: { subsidiaryId: JARE, matter: 'MAJOR_INVESTMENT_AND_FINANCING', handling: 'APPROVE', description: '新项目投资', amountWan: 20000, strategicPlanId },
      });
    expect(await reason(invest(null))).toBe('STRATEGIC_PLAN_REQUIRED');
    expect(await reason(invest(old.id))).toBe('STRATEGIC_PLAN_EXPIRED');
    const matter = (await invest(strategy.id)).data!.submitSubsidiaryMatter;
    expect(matter.strategicPlan).toEqual({ id: strategy.id });
    // Adopting the investment plan is checked again: once the strategy is closed, nothing more is adopted or approved within it.
    expect((await adopt(a)).status).toBe('APPROVED');
    await ok(t, exec, `mutation($i: ReportPlanResultsInput!) { reportPlanResults(input: $i) { status } }`, {
      i: { planId: strategy.id, expectedVersion: adopted.version, results: [], close: true },
    });
    expect(await reason(t.exec(exec, APPROVE, { id: itProjects.id, v: itProjects.version, r: await groupBoardResolves('MAJOR_INVESTMENT') }))).toBe('STRATEGIC_PLAN_EXPIRED');
    const DECIDE = `mutation($i: DecideSubsidiaryMatterInput!) { decideSubsidiaryMatter(input: $i) { status } }`;
    expect(
      await reason(
        t.exec(exec, DECIDE, { i: { id: matter.id, expectedVersion: matter.version, outcome: 'APPROVED', resolutionId: await groupBoardResolves('SUBSIDIARY_MATTER', 20000) } }),
      ),
    ).toBe('STRATEGIC_PLAN_EXPIRED');
  });
});
