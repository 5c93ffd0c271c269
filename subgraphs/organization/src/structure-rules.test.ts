import { demoDepartmentId, demoStaffEmployeeId, DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from './testing/harness';
import { DEMO_GROUP_DIRECTORS, demoBodyId, demoPolicyId } from './database/seed';

/** Organisation structure, positions, decision rights and IT governance (domain.md §1, D02/D03/D05/D08/D12) through GraphQL. */
const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
const VP = stableId('employee', 'executive');
/** Four of the group board's five directors (a quorum). */
const DIRECTORS = DEMO_GROUP_DIRECTORS.slice(0, 4);
const A = `id version state`;
const POSITION = `mutation($i: CreatePositionInput!) { createPosition(input: $i) { id duties rank jobDescription { id type } } }`;
const WHO = `query($c: ID!, $m: GovernanceMatter!, $a: Int) { whoMayDecide(companyId: $c, matter: $m, amountWan: $a) { holderKind amountLimitWan body { id } person { id } department { id } chain { power } } }`;
const GRANT = `mutation($i: GrantDelegationInput!) { grantDelegation(input: $i) { id version power matter amountLimitWan } }`;

describe.each(testDatabaseKinds())('organisation structure (ORG-R10, R29, R34, R36, R39) on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_structure_rules');
  });
  afterAll(() => t?.stop());

  const boardResolution = async (matter: string) => {
    const s = (
      await ok(t, exec, `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id version } }`, {
        i: { bodyId: demoBodyId('JA', 'BOD'), kind: 'IRREGULAR', title: '组织架构', scheduledFor: '2026-05-01T02:00:00Z', agenda: [{ title: '议题', matter }] },
      })
    ).scheduleMeeting;
    await ok(t, exec, `mutation($i: HoldMeetingInput!) { holdMeeting(input: $i) { id } }`, { i: { meetingId: s.id, expectedVersion: s.version, attendeeIds: DIRECTORS } });
    return (
      await ok(t, exec, `mutation($i: RecordResolutionInput!) { recordResolution(input: $i) { id } }`, {
        i: { meetingId: s.id, matter, text: '同意', votesFor: 4, votesAgainst: 0, abstentions: 0 },
      })
    ).recordResolution;
  };
  const findings = async () => (await ok(t, exec, `query($c: ID!) { orgAssessmentFindingsReport(companyId: $c) { kind total resolved } }`, { c: JA })).orgAssessmentFindingsReport;

  it('ORG-R10: the structure is assessed whenever needed; a proposal rests on findings, and findings stay open until an approved restructuring is implemented', async () => {
    const open = async (scope: string) =>
      (await ok(t, exec, `mutation($c: ID!, $s: String!) { openOrgAssessment(companyId: $c, scope: $s) { ${A} } }`, { c: JA, s: scope })).openOrgAssessment;
    const first = await open('战略调整后的职能梳理');
    const second = await open('项目部设置评估');
    expect([first.state, second.state]).toEqual(['OPENED', 'OPENED']);
    const DRAFT = `mutation($id: ID!, $v: Int!) { draftRestructuringProposal(assessmentId: $id, expectedVersion: $v, proposal: "调整") { ${A} } }`;
    expect((await fails(t, exec, DRAFT, { id: first.id, v: first.version })).reason).toBe('ASSESSMENT_STATE');
    const f = (
      await ok(t, exec, `mutation($i: RecordOrgFindingInput!) { recordOrgFinding(input: $i) { ${A} } }`, {
        i: { assessmentId: first.id, expectedVersion: first.version, kind: 'FUNCTION_UNCLEAR', description: '项目部与工程管理部职责不清' },
      })
    ).recordOrgFinding;
    expect((await findings()).find((r: any) => r.kind === 'FUNCTION_UNCLEAR')).toEqual({ kind: 'FUNCTION_UNCLEAR', total: 1, resolved: 0 });
    const drafted = (await ok(t, exec, DRAFT, { id: first.id, v: f.version })).draftRestructuringProposal;
    expect(drafted.state).toBe('PROPOSAL_DRAFTED');
    // Not implemented before the board has approved it.
    expect(
      (await fails(t, exec, `mutation($id: ID!, $v: Int!) { markOrgAssessmentImplemented(assessmentId: $id, expectedVersion: $v) { id } }`, { id: first.id, v: drafted.version }))
        .reason,
    ).toBe('ASSESSMENT_STATE');
    expect((await findings()).find((r: any) => r.kind === 'FUNCTION_UNCLEAR').resolved).toBe(0);
  });

  it('ORG-R29: functional and project departments sit in one company tree under one deployment: set up by the board, never under another company', async () => {
    const r = await boardResolution('DEPARTMENT_SETUP');
    const CREATE = `mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id kind parent { code } company { code } } }`;
    const input = { companyId: JA, parentId: demoDepartmentId('JA', 'IT'), code: 'IT-PRJ', name: '数据平台项目部', kind: 'PROJECT', resolutionId: r.id };
    expect((await fails(t, exec, CREATE, { i: { ...input, parentId: demoDepartmentId('LANE', 'ENG') } })).reason).toBe('PARENT_OTHER_COMPANY');
    const project = (await ok(t, exec, CREATE, { i: input })).createDepartment;
    expect(project).toMatchObject({ kind: 'PROJECT', parent: { code: 'IT' }, company: { code: 'JA' } });
    const span = (await ok(t, exec, `query($c: ID!) { spanOfControlReport(companyId: $c) { departments rows { level department { code } } } }`, { c: JA })).spanOfControlReport;
    expect(span.rows.find((x: any) => x.department.code === 'IT-PRJ').level).toBe(2);
    expect(span.departments).toBe(span.rows.length);
  });

  it('ORG-R34: a position states its duties, points to a job description of its company or the group, and its rank fits the management level', async () => {
    const base = { departmentId: demoDepartmentId('LANE', 'ENG'), title: '安全工程师', headcountQuota: 1, duties: '现场安全检查', incentives: '绩效奖金' };
    expect(await fails(t, exec, POSITION, { i: { ...base, duties: '  ' } })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DUTIES_REQUIRED' });
    expect((await fails(t, exec, POSITION, { i: { ...base, jobDescriptionId: demoPolicyId('JA-CRM') } })).reason).toBe('JOB_DESCRIPTION_INVALID');
    expect((await fails(t, exec, POSITION, { i: { ...base, jobDescriptionId: 'no-such-document' } })).reason).toBe('JOB_DESCRIPTION_INVALID');
    expect((await fails(t, exec, POSITION, { i: { ...base, rank: 'GROUP_VP_AND_ABOVE' } })).reason).toBe('POSITION_RANK_GROUP_ONLY');
    const created = (await ok(t, exec, POSITION, { i: { ...base, jobDescriptionId: demoPolicyId('JA-JD-CSC-MGR') } })).createPosition;
    expect(created).toMatchObject({ duties: '现场安全检查', rank: 'STAFF', jobDescription: { id: demoPolicyId('JA-JD-CSC-MGR'), type: 'JOB_DESCRIPTION' } });
    // A subsidiary's own job description is not another subsidiary's.
    const doc = (
      await ok(t, exec, `mutation($i: CreatePolicyDocumentInput!) { createPolicyDocument(input: $i) { id } }`, {
        i: {
          companyId: DEMO_COMPANIES.find((c) => c.code === 'JATC')!.id,
          type: 'JOB_DESCRIPTION',
          title: '工程师职位说明书',
          firstVersion: { versionNumber: '1.0', date: '2026-03-01T00:00:00Z', changeRecord: '首次制定', content: '……' },
        },
      })
    ).createPolicyDocument;
    expect((await fails(t, exec, POSITION, { i: { ...base, jobDescriptionId: doc.id } })).reason).toBe('JOB_DESCRIPTION_INVALID');
  });

  it('ORG-R36: decision rights are explicit: who may decide a matter is answered with its chain, and a delegation names one grantor, one grantee and a power that fits the matter', async () => {
    expect((await fails(t, exec, GRANT, { i: { companyId: JA, grantorBodyId: demoBodyId('JA', 'MGT'), power: 'GENERAL_DECISION', matter: 'OPERATING_EXPENDITURE' } })).reason).toBe(
      'DELEGATION_PARTIES_INVALID',
    );
    expect(
      (
        await fails(t, exec, GRANT, {
          i: {
            companyId: JA,
            grantorBodyId: demoBodyId('JA', 'MGT'),
            granteeDepartmentId: demoDepartmentId('JA', 'CSC'),
            power: 'OPERATIONAL_EXECUTION',
            matter: 'OPERATING_EXPENDITURE',
          },
        })
      ).reason,
    ).toBe('MATTER_POWER_MISMATCH');
    const before = await ok(t, exec, WHO, { c: JA, m: 'OPERATING_EXPENDITURE', a: 200 });
    expect(before.whoMayDecide.some((h: any) => h.department?.id === demoDepartmentId('JA', 'CSC'))).toBe(false);
    const g = (
      await ok(t, exec, GRANT, {
        i: {
          companyId: JA,
          grantorEmployeeId: VP,
          granteeDepartmentId: demoDepartmentId('JA', 'CSC'),
          power: 'GENERAL_DECISION',
          matter: 'OPERATING_EXPENDITURE',
          amountLimitWan: 300,
          validTo: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      })
    ).grantDelegation;
    expect(g).toMatchObject({ power: 'GENERAL_DECISION', matter: 'OPERATING_EXPENDITURE', amountLimitWan: 300 });
    const after = (await ok(t, exec, WHO, { c: JA, m: 'OPERATING_EXPENDITURE', a: 200 })).whoMayDecide;
    const csc = after.find((h: any) => h.department?.id === demoDepartmentId('JA', 'CSC'));
    expect(csc).toMatchObject({ holderKind: 'DEPARTMENT', amountLimitWan: 300 });
    expect(csc.chain.length).toBeGreaterThan(1);
    expect((await ok(t, exec, WHO, { c: JA, m: 'OPERATING_EXPENDITURE', a: 400 })).whoMayDecide.some((h: any) => h.department?.id === demoDepartmentId('JA', 'CSC'))).toBe(false);
  });

  it('ORG-R39: the IT leading group is a committee of the group, seated by committee roles with one chair, holding its own duties', async () => {
    const itlg = (await ok(t, exec, `query($id: ID!) { governingBody(id: $id) { type label governanceFunction company { code } } }`, { id: demoBodyId('JA', 'ITLG') }))
      .governingBody;
    expect(itlg).toEqual({ type: 'COMMITTEE', label: '信息化领导小组', governanceFunction: 'SPECIALISED', company: { code: 'JA' } });
    const NOMINATE = `mutation($i: NominateBodyMemberInput!) { nominateBodyMember(input: $i) { id version electedOrAppointedBy { id } } }`;
    expect((await fails(t, exec, NOMINATE, { i: { bodyId: demoBodyId('JA', 'ITLG'), employeeId: VP, role: 'DIRECTOR' } })).reason).toBe('ROLE_NOT_ON_BODY');
    const chair = (await ok(t, exec, NOMINATE, { i: { bodyId: demoBodyId('JA', 'ITLG'), employeeId: VP, role: 'COMMITTEE_CHAIR' } })).nominateBodyMember;
    const other = (await ok(t, exec, NOMINATE, { i: { bodyId: demoBodyId('JA', 'ITLG'), employeeId: demoStaffEmployeeId('JA', 'IT', 3), role: 'COMMITTEE_CHAIR' } }))
      .nominateBodyMember;
    expect(chair.electedOrAppointedBy.id).toBe(demoBodyId('JA', 'BOD'));
    await ok(t, exec, `mutation($i: DecideBodyNominationInput!) { decideBodyNomination(input: $i) { id } }`, {
      i: { membershipId: chair.id, expectedVersion: chair.version, approve: true },
    });
    expect(
      (
        await fails(t, exec, `mutation($i: DecideBodyNominationInput!) { decideBodyNomination(input: $i) { id } }`, {
          i: { membershipId: other.id, expectedVersion: other.version, approve: true },
        })
      ).reason,
    ).toBe('OFFICE_ALREADY_HELD');
    const duties = (await ok(t, exec, `query($id: ID!) { governingBody(id: $id) { duties { text } } }`, { id: demoBodyId('JA', 'ITLG') })).governingBody.duties;
    expect(duties.length).toBeGreaterThan(0);
  });
});
