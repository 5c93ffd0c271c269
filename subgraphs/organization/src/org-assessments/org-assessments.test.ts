import { demoDepartmentId, demoStaffEmployeeId, DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { DEMO_GROUP_DIRECTORS, demoBodyId } from '../database/seed';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
const DIRECTOR = demoStaffEmployeeId('JA', 'MKT', 1);
const SUPERVISOR = demoStaffEmployeeId('JA', 'LEGAL', 3);
const PRESIDENT = demoStaffEmployeeId('JA', 'IT', 2);

const A = `id version state missingOpinionGroups`;

describe.each(testDatabaseKinds())('organisational assessments on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_assessments');
  });
  afterAll(() => t?.stop());

  it('ORG-R11 (WF-ORG-4): findings → proposal → opinions of directors, supervisors, senior managers and employees → board resolution → implemented (ORG-M6)', async () => {
    const opened = (await ok(t, exec, `mutation($c: ID!) { openOrgAssessment(companyId: $c, scope: "集团职能部门设置") { ${A} } }`, { c: JA })).openOrgAssessment;
    expect(opened.state).toBe('OPENED');
    const DRAFT = `mutation($id: ID!, $v: Int!) { draftRestructuringProposal(assessmentId: $id, expectedVersion: $v, proposal: "合并客服与市场职能") { ${A} } }`;
    expect((await fails(t, exec, DRAFT, { id: opened.id, v: opened.version })).reason).toBe('ASSESSMENT_STATE'); // no finding yet
    const FIND = `mutation($i: RecordOrgFindingInput!) { recordOrgFinding(input: $i) { ${A} } }`;
    expect(
      (
        await fails(t, exec, FIND, {
          i: { assessmentId: opened.id, expectedVersion: opened.version, kind: 'FUNCTION_OVERLAP', description: 'x', departmentId: demoDepartmentId('JATC', 'MKT') },
        })
      ).reason,
    ).toBe('DEPARTMENT_NOT_OF_COMPANY');
    const f1 = (
      await ok(t, exec, FIND, {
        i: {
          assessmentId: opened.id,
          expectedVersion: opened.version,
          kind: 'FUNCTION_OVERLAP',
          description: '客服中心与市场部职能交叉',
          departmentId: demoDepartmentId('JA', 'MKT'),
        },
      })
    ).recordOrgFinding;
    const f2 = (await ok(t, exec, FIND, { i: { assessmentId: opened.id, expectedVersion: f1.version, kind: 'FUNCTION_MISSING', description: '缺少数据治理职能' } }))
      .recordOrgFinding;
    const drafted = (await ok(t, exec, DRAFT, { id: opened.id, v: f2.version })).draftRestructuringProposal;
    expect(drafted).toMatchObject({ state: 'PROPOSAL_DRAFTED', missingOpinionGroups: ['DIRECTOR', 'SUPERVISOR', 'SENIOR_MANAGER', 'EMPLOYEE'] });
    const OPINION = `mutation($i: RecordStakeholderOpinionInput!) { recordStakeholderOpinion(input: $i) { ${A} } }`;
    const hear = async (v: number, group: string, employeeId: string) =>
      (await ok(t, exec, OPINION, { i: { assessmentId: opened.id, expectedVersion: v, group, employeeId, opinion: '同意' } })).recordStakeholderOpinion;
    expect(
      (await fails(t, exec, OPINION, { i: { assessmentId: opened.id, expectedVersion: drafted.version, group: 'DIRECTOR', employeeId: SUPERVISOR, opinion: '同意' } })).reason,
    ).toBe('NOT_IN_STAKEHOLDER_GROUP');
    let a = await hear(drafted.version, 'DIRECTOR', DIRECTOR);
    a = await hear(a.version, 'SUPERVISOR', SUPERVISOR);
    a = await hear(a.version, 'SENIOR_MANAGER', PRESIDENT);
    expect(a).toMatchObject({ state: 'PROPOSAL_DRAFTED', missingOpinionGroups: ['EMPLOYEE'] });
    const SUBMIT = `mutation($id: ID!, $v: Int!) { submitOrgAssessmentToBoard(assessmentId: $id, expectedVersion: $v) { ${A} } }`;
    expect((await fails(t, exec, SUBMIT, { id: opened.id, v: a.version })).missingGroups).toEqual(['EMPLOYEE']);
    expect(
      (
        await fails(t, exec, OPINION, {
          i: { assessmentId: opened.id, expectedVersion: a.version, group: 'EMPLOYEE', employeeId: demoStaffEmployeeId('JATC', 'MKT', 1), opinion: '同意' },
        })
      ).reason,
    ).toBe('NOT_IN_STAKEHOLDER_GROUP');
    a = await hear(a.version, 'EMPLOYEE', demoStaffEmployeeId('JA', 'CSC', 2));
    expect(a).toMatchObject({ state: 'OPINIONS_COLLECTED', missingOpinionGroups: [] });
    a = (await ok(t, exec, SUBMIT, { id: opened.id, v: a.version })).submitOrgAssessmentToBoard;
    expect(a.state).toBe('SUBMITTED_TO_BOARD');
    // the board approves by a passed ORG_RESTRUCTURING resolution of its own
    const DECIDE = `mutation($i: DecideOrgAssessmentInput!) { decideOrgAssessment(input: $i) { ${A} boardResolution { id matter } } }`;
    const decide = (resolutionId: string | null, approve = true) => t.exec(exec, DECIDE, { i: { assessmentId: opened.id, expectedVersion: a.version, approve, resolutionId } });
    expect((await decide(null)).errors![0].extensions.reason).toBe('RESOLUTION_REQUIRED');
    expect((await decide(stableId('resolution', 'JA-BOD-2025-1-1'))).errors![0].extensions.reason).toBe('BOARD_RESOLUTION_REQUIRED'); // annual plan, not restructuring
    const s = (
      await ok(t, exec, `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id version } }`, {
        i: { bodyId: demoBodyId('JA', 'BOD'), kind: 'IRREGULAR', title: '组织架构调整', scheduledFor: '2026-09-01T02:00:00Z' },
      })
    ).scheduleMeeting;
    await ok(t, exec, `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id } }`, {
      i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: DEMO_GROUP_DIRECTORS },
    });
    const res = (
      await ok(t, exec, `mutation($i: RecordResolutionInput!) { recordResolution(input: $i) { id outcome } }`, {
        i: { meetingId: s.id, matter: 'ORG_RESTRUCTURING', text: '批准组织架构调整方案', votesFor: 5, votesAgainst: 0 },
      })
    ).recordResolution;
    const approved = (await decide(res.id)).data!.decideOrgAssessment;
    expect(approved).toMatchObject({ state: 'BOARD_APPROVED', boardResolution: { id: res.id, matter: 'ORG_RESTRUCTURING' } });
    const M6 = `query($c: ID!) { orgAssessmentFindingsReport(companyId: $c) { kind total resolved } }`;
    expect((await ok(t, exec, M6, { c: JA })).orgAssessmentFindingsReport).toEqual([
      { kind: 'FUNCTION_OVERLAP', total: 1, resolved: 0 },
      { kind: 'FUNCTION_MISSING', total: 1, resolved: 0 },
      { kind: 'FUNCTION_UNCLEAR', total: 0, resolved: 0 },
    ]);
    const done = (
      await ok(t, exec, `mutation($id: ID!, $v: Int!) { markOrgAssessmentImplemented(assessmentId: $id, expectedVersion: $v) { ${A} } }`, { id: opened.id, v: approved.version })
    ).markOrgAssessmentImplemented;
    expect(done.state).toBe('IMPLEMENTED');
    expect((await ok(t, exec, M6, { c: JA })).orgAssessmentFindingsReport.map((r: any) => r.resolved)).toEqual([1, 1, 0]);
    // reads are company-scoped: another company's head sees neither the assessment nor its report
    expect((await ok(t, viewers.head('RESI'), `query($id: ID!) { orgAssessment(id: $id) { id } }`, { id: opened.id })).orgAssessment).toBeNull();
    expect((await ok(t, viewers.head('RESI'), M6, { c: JA })).orgAssessmentFindingsReport).toBeNull();
    const full = await ok(t, exec, `query($id: ID!) { orgAssessment(id: $id) { findings { kind department { code } } opinions { stakeholderGroup employee { id } } } }`, {
      id: opened.id,
    });
    expect(full.orgAssessment.findings).toHaveLength(2);
    expect(full.orgAssessment.findings).toEqual(
      expect.arrayContaining([
        { kind: 'FUNCTION_OVERLAP', department: { code: 'MKT' } },
        { kind: 'FUNCTION_MISSING', department: null },
      ]),
    );
    expect(full.orgAssessment.opinions).toHaveLength(4);
    const log = await ok(t, exec, `query($id: ID!) { governanceChanges(first: 20, filter: { entityId: $id }) { totalCount } }`, { id: opened.id });
    expect(log.governanceChanges.totalCount).toBe(11); // every step logged in the same transaction
  });
});
