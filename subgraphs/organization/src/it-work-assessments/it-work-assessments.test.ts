import { demoDepartmentId, DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { adoptedResolution, OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoBodyId } from '../database/seed';
import { IT_ASSESSMENT_DUTY, ItWorkAssessment } from './it-work-assessment.entity';
import { periodsWithin } from './it-work-assessment.service';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
const JARE = DEMO_COMPANIES.find((c) => c.code === 'JARE')!.id;
const IT = demoDepartmentId('JA', 'IT');
const RECORD = `mutation($i: RecordItWorkAssessmentInput!) { recordItWorkAssessment(input: $i) { id version period kind score findings rectificationRequired rectificationDue rectificationOpen department { code } assessedBy { code } } }`;
const RECTIFY = `mutation($i: RecordItRectificationInput!) { recordItRectification(input: $i) { id version rectification rectifiedAt rectificationOpen } }`;
const REPORT = `query($c: ID!, $p: String!) { itWorkAssessmentReport(companyId: $c, period: $p) {
  period assessments averageScore openRectifications overdueRectifications
  departments { department { code } assessments averageScore openRectifications overdueRectifications latest { score period kind } }
} }`;
const DUE = '2030-06-30T00:00:00.000Z';
const base = {
  departmentId: demoDepartmentId('JA', 'MKT'),
  assessorDepartmentId: IT,
  period: '2026-Q1',
  kind: 'INSPECTION',
  score: 70,
  findings: '系统账号未及时清理',
  rectificationRequired: true,
  rectificationDue: DUE,
};

describe.each(testDatabaseKinds())('IT work assessment (ORG-M10) on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_it_assessment');
  });
  afterAll(() => t?.stop());
  const repo = () => t.app.dataSource.getRepository(ItWorkAssessment);
  const row = (r: any, code: string) => r.departments.find((d: any) => d.department.code === code);

  it('ORG-M10: the demo report of the group for 2025 gives every department its latest result, averages and open rectifications', async () => {
    const r = (await ok(t, exec, REPORT, { c: JA, p: '2025' })).itWorkAssessmentReport;
    expect(r).toMatchObject({ period: '2025', assessments: 4, averageScore: 80.25, openRectifications: 1, overdueRectifications: 1 });
    expect(r.departments.map((d: any) => d.department.code)).toEqual(['CSC', 'IT', 'LEGAL', 'MKT']);
    expect(row(r, 'CSC')).toMatchObject({ assessments: 2, averageScore: 82, openRectifications: 0, latest: { score: 86, period: '2025-H2', kind: 'ASSESSMENT' } });
    expect(row(r, 'MKT')).toMatchObject({ assessments: 1, averageScore: 65, openRectifications: 1, overdueRectifications: 1, latest: { score: 65 } });
    expect(row(r, 'IT')).toEqual({ department: { code: 'IT' }, assessments: 0, averageScore: null, openRectifications: 0, overdueRectifications: 0, latest: null });
    // a half covers its quarters and months, not the year's own results
    const h1 = (await ok(t, exec, REPORT, { c: JA, p: '2025-H1' })).itWorkAssessmentReport;
    expect(h1).toMatchObject({ assessments: 2, averageScore: 71.5 });
    expect(row(h1, 'LEGAL').assessments).toBe(0);
    const dept = (
      await ok(t, exec, `query($id: ID!) { department(id: $id) { itWorkAssessments { period score rectification rectificationOpen assessedBy { code } } } }`, {
        id: demoDepartmentId('JA', 'CSC'),
      })
    ).department;
    expect(dept.itWorkAssessments.map((a: any) => a.period)).toEqual(['2025-H2', '2025-H1']);
    expect(dept.itWorkAssessments[1]).toMatchObject({ rectificationOpen: false, rectification: '已完成历史工单数据清洗并培训坐席', assessedBy: { code: 'IT' } });
  });

  it('ORG-M10: a report period covers its sub-periods (year → halves, quarters, months; half → quarters, months; quarter → months)', () => {
    expect(periodsWithin('2025')).toHaveLength(19);
    expect(periodsWithin('2025-H2')).toEqual(['2025-H2', '2025-Q3', '2025-Q4', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
    expect(periodsWithin('2025-Q1')).toEqual(['2025-Q1', '2025-01', '2025-02', '2025-03']);
    expect(periodsWithin('2025-07')).toEqual(['2025-07']);
  });

  it('ORG-M10: recording a result by the technology department, logged; bad input refused with stable codes and nothing written', async () => {
    const a = (await ok(t, exec, RECORD, { i: base })).recordItWorkAssessment;
    expect(a).toMatchObject({
      version: 1,
      period: '2026-Q1',
      kind: 'INSPECTION',
      score: 70,
      rectificationRequired: true,
      rectificationDue: DUE,
      rectificationOpen: true,
      department: { code: 'MKT' },
      assessedBy: { code: 'IT' },
    });
    const log = (
      await ok(t, exec, `query($id: ID!) { governanceChanges(first: 5, filter: { entityType: "ItWorkAssessment", entityId: $id }) { edges { node { action } } } }`, { id: a.id })
    ).governanceChanges;
    expect(log.edges.map((e: any) => e.node.action)).toEqual(['IT_INSPECTION']);
    const before = await repo().count();
    const refused: [Record<string, unknown>, string][] = [
      [{ period: '2026-13' }, 'PERIOD_INVALID'],
      [{ score: 101 }, 'SCORE_OUT_OF_RANGE'],
      [{ score: -1 }, 'SCORE_OUT_OF_RANGE'],
      [{ findings: '   ' }, 'FINDINGS_REQUIRED'],
      [{ rectificationDue: null }, 'RECTIFICATION_DUE_REQUIRED'],
      [{ rectificationRequired: false }, 'RECTIFICATION_DUE_UNEXPECTED'],
      [{ rectificationDue: '2020-01-01T00:00:00.000Z' }, 'RECTIFICATION_DUE_PAST'],
      [{ assessorDepartmentId: demoDepartmentId('JA', 'MKT') }, 'ASSESSOR_NOT_TECHNOLOGY_DEPARTMENT'], // holds no IT supervision duty
      [{ assessorDepartmentId: stableId('department', 'nowhere') }, 'ASSESSOR_NOT_TECHNOLOGY_DEPARTMENT'],
    ];
    for (const [change, reason] of refused) expect([reason, (await fails(t, exec, RECORD, { i: { ...base, ...change } })).reason]).toEqual([reason, reason]);
    expect((await fails(t, exec, RECORD, { i: { ...base, departmentId: stableId('department', 'nowhere') } })).code).toBe('NOT_FOUND');
    expect(await repo().count()).toBe(before);
  });

  it("ORG-M10: the group's technology department assesses a subsidiary's department; a subsidiary's technology department assesses only its own company", async () => {
    const sub = (await ok(t, exec, RECORD, { i: { ...base, departmentId: demoDepartmentId('JARE', 'CS'), rectificationRequired: false, rectificationDue: null } }))
      .recordItWorkAssessment;
    expect(sub).toMatchObject({ department: { code: 'CS' }, assessedBy: { code: 'IT' } });
    // JARE's board charges its engineering department with the duty (ORG-R06, ORG-R40).
    const eng = demoDepartmentId('JARE', 'ENG');
    const { version } = (await ok(t, exec, `query($id: ID!) { department(id: $id) { version } }`, { id: eng })).department;
    await ok(t, exec, `mutation($i: SetDutiesInput!) { setDuties(input: $i) { text } }`, {
      i: {
        holderKind: 'DEPARTMENT',
        holderId: eng,
        expectedVersion: version,
        duties: [{ text: IT_ASSESSMENT_DUTY }],
        resolutionId: await adoptedResolution(t, demoBodyId('JARE', 'BOD'), 'DEPARTMENT_SETUP'),
      },
    });
    const own = (await ok(t, exec, RECORD, { i: { ...base, departmentId: demoDepartmentId('JARE', 'FIN'), assessorDepartmentId: eng } })).recordItWorkAssessment;
    expect(own.assessedBy).toEqual({ code: 'ENG' });
    expect((await fails(t, exec, RECORD, { i: { ...base, assessorDepartmentId: eng } })).reason).toBe('ASSESSOR_NOT_TECHNOLOGY_DEPARTMENT');
    expect((await fails(t, exec, RECORD, { i: { ...base, departmentId: demoDepartmentId('JACN', 'CS'), assessorDepartmentId: eng } })).reason).toBe(
      'ASSESSOR_NOT_TECHNOLOGY_DEPARTMENT',
    );
  });

  it('ORG-M10 permissions: only GROUP_EXECUTIVE records results and rectifications; segment roles and SYSTEM_ADMIN are refused', async () => {
    const a = (await ok(t, exec, RECORD, { i: { ...base, findings: '权限测试' } })).recordItWorkAssessment;
    const before = await repo().count();
    for (const v of [viewers.sysadmin(), viewers.head('RESI'), viewers.staff('RESI')]) {
      expect((await fails(t, v, RECORD, { i: base })).reason).toBe('GOVERNANCE_CHANGE_FORBIDDEN');
      expect((await fails(t, v, RECTIFY, { i: { id: a.id, expectedVersion: a.version, rectification: '已整改' } })).reason).toBe('GOVERNANCE_CHANGE_FORBIDDEN');
    }
    expect(await repo().count()).toBe(before);
    expect((await repo().findOneByOrFail({ id: a.id })).rectifiedAt).toBeNull();
    const anonymous = await t.exec(null, REPORT, { c: JA, p: '2025' });
    expect(anonymous.errors?.length).toBeGreaterThan(0);
    expect(anonymous.data?.itWorkAssessmentReport ?? null).toBeNull();
  });

  it("ORG-M10 scoping: the report is null for a company the viewer cannot read; a department's results only for readable companies", async () => {
    const head = viewers.head('RESI'); // reads JARE only
    expect((await ok(t, head, REPORT, { c: JA, p: '2025' })).itWorkAssessmentReport).toBeNull();
    const jare = (await ok(t, head, REPORT, { c: JARE, p: '2026' })).itWorkAssessmentReport;
    expect(row(jare, 'CS').assessments).toBe(1);
    const Q = `query($id: ID!) { department(id: $id) { code itWorkAssessments { score } } }`;
    expect((await ok(t, head, Q, { id: demoDepartmentId('JA', 'CSC') })).department).toEqual({ code: 'CSC', itWorkAssessments: [] });
    expect((await ok(t, head, Q, { id: demoDepartmentId('JARE', 'CS') })).department.itWorkAssessments).toEqual([{ score: 70 }]);
    expect((await ok(t, exec, Q, { id: demoDepartmentId('JA', 'CSC') })).department.itWorkAssessments).toHaveLength(2);
    expect((await fails(t, exec, REPORT, { c: JA, p: '25' })).reason).toBe('PERIOD_INVALID');
  });

  it('ORG-M10 rectification: recorded once under the current version (stale refused), only where required', async () => {
    const a = (await ok(t, exec, RECORD, { i: { ...base, findings: '整改测试' } })).recordItWorkAssessment;
    expect((await fails(t, exec, RECTIFY, { i: { id: a.id, expectedVersion: a.version - 1, rectification: '已整改' } })).reason).toBe('STALE_VERSION');
    expect((await fails(t, exec, RECTIFY, { i: { id: a.id, expectedVersion: a.version, rectification: '  ' } })).reason).toBe('RECTIFICATION_TEXT_REQUIRED');
    const done = (await ok(t, exec, RECTIFY, { i: { id: a.id, expectedVersion: a.version, rectification: '已清理离职人员账号' } })).recordItRectification;
    expect(done).toMatchObject({ id: a.id, version: a.version + 1, rectification: '已清理离职人员账号', rectificationOpen: false });
    expect(done.rectifiedAt).toBeTruthy();
    expect((await fails(t, exec, RECTIFY, { i: { id: a.id, expectedVersion: done.version, rectification: '再次' } })).reason).toBe('ALREADY_RECTIFIED');
    const none = (await ok(t, exec, RECORD, { i: { ...base, rectificationRequired: false, rectificationDue: null, findings: '无需整改' } })).recordItWorkAssessment;
    expect((await fails(t, exec, RECTIFY, { i: { id: none.id, expectedVersion: none.version, rectification: '已整改' } })).reason).toBe('RECTIFICATION_NOT_REQUIRED');
    expect((await fails(t, exec, RECTIFY, { i: { id: stableId('it-work-assessment', 'nowhere'), expectedVersion: 1, rectification: '已整改' } })).code).toBe('NOT_FOUND');
  });

  it('ORG-M10 report figures: latest per department, averages, open and overdue rectifications of a period', async () => {
    const rec = async (dept: string, period: string, score: number, required: boolean, at: string) => {
      const a = (
        await ok(t, exec, RECORD, {
          i: { ...base, departmentId: demoDepartmentId('JA', dept), period, score, rectificationRequired: required, rectificationDue: required ? DUE : null },
        })
      ).recordItWorkAssessment;
      await repo().update({ id: a.id }, { assessedAt: new Date(at) }); // distinct times (MariaDB keeps seconds); bumps the version
      return repo().findOneByOrFail({ id: a.id });
    };
    const csc1 = await rec('CSC', '2027-03', 60, true, '2027-04-01T00:00:00Z');
    await rec('CSC', '2027-Q2', 80, false, '2027-07-01T00:00:00Z');
    const mkt = await rec('MKT', '2027-H2', 91, true, '2028-01-05T00:00:00Z');
    await rec('LEGAL', '2028', 50, false, '2029-01-05T00:00:00Z'); // another year: not counted
    await repo().update({ id: mkt.id }, { rectificationDue: new Date('2026-01-01T00:00:00Z') }); // now past due
    let r = (await ok(t, exec, REPORT, { c: JA, p: '2027' })).itWorkAssessmentReport;
    expect(r).toMatchObject({ assessments: 3, averageScore: 77, openRectifications: 2, overdueRectifications: 1 });
    expect(row(r, 'CSC')).toMatchObject({ assessments: 2, averageScore: 70, openRectifications: 1, overdueRectifications: 0, latest: { score: 80, period: '2027-Q2' } });
    expect(row(r, 'MKT')).toMatchObject({ assessments: 1, averageScore: 91, openRectifications: 1, overdueRectifications: 1 });
    expect(row(r, 'LEGAL')).toMatchObject({ assessments: 0, latest: null });
    await ok(t, exec, RECTIFY, { i: { id: csc1.id, expectedVersion: csc1.version, rectification: '已整改' } });
    r = (await ok(t, exec, REPORT, { c: JA, p: '2027' })).itWorkAssessmentReport;
    expect(r).toMatchObject({ openRectifications: 1, overdueRectifications: 1 });
    expect((await ok(t, exec, REPORT, { c: JA, p: '2027-H1' })).itWorkAssessmentReport).toMatchObject({ assessments: 2, averageScore: 70, openRectifications: 0 });
  });

  it('ORG-M10 idempotency: a repeated key returns the first result and writes once, also concurrently; another input with it is refused', async () => {
    const before = await repo().count();
    const i = { ...base, period: '2026-05', findings: '幂等测试', idempotencyKey: 'it-assess-1' };
    const first = (await ok(t, exec, RECORD, { i })).recordItWorkAssessment;
    expect((await ok(t, exec, RECORD, { i })).recordItWorkAssessment.id).toBe(first.id);
    expect((await fails(t, exec, RECORD, { i: { ...i, score: 71 } })).reason).toBe('IDEMPOTENCY_KEY_REUSED');
    const burst = await Promise.all(Array.from({ length: 10 }, () => t.exec(exec, RECORD, { i: { ...i, idempotencyKey: 'it-assess-burst' } })));
    expect(burst.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(new Set(burst.map((r) => r.data!.recordItWorkAssessment.id)).size).toBe(1);
    expect(await repo().count()).toBe(before + 2);
  });
  it("ORG-R40: the catalogue's duties decide who acts: the technology department assesses IT work while its duty list (set by the board) holds 「负责信息化工作的监督、检查与考核」, and not once the board's new list drops it", async () => {
    const SET = `mutation($i: SetDutiesInput!) { setDuties(input: $i) { text } }`;
    const version = async () => (await ok(t, exec, `query($id: ID!) { department(id: $id) { version duties { text } } }`, { id: IT })).department;
    const before = await version();
    expect(before.duties.map((d: any) => d.text)).toContain(IT_ASSESSMENT_DUTY);
    const setDuties = async (texts: string[]) =>
      ok(t, exec, SET, {
        i: {
          holderKind: 'DEPARTMENT',
          holderId: IT,
          expectedVersion: (await version()).version,
          duties: texts.map((text) => ({ text })),
          resolutionId: await adoptedResolution(t, demoBodyId('JA', 'BOD'), 'DEPARTMENT_SETUP'),
        },
      });
    await setDuties(before.duties.map((d: any) => d.text).filter((x: string) => x !== IT_ASSESSMENT_DUTY));
    expect((await fails(t, exec, RECORD, { i: { ...base, findings: 'ORG-R40' } })).reason).toBe('ASSESSOR_NOT_TECHNOLOGY_DEPARTMENT');
    await setDuties(before.duties.map((d: any) => d.text));
    expect((await ok(t, exec, RECORD, { i: { ...base, findings: 'ORG-R40' } })).recordItWorkAssessment.assessedBy).toEqual({ code: 'IT' });
  });
});
