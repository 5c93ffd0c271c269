import { DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoPolicyId } from '../database/seed';

/** Required organisation documents, the rules compilation and the CRM policy under version control, through GraphQL. */
const companyId = (code: string) => DEMO_COMPANIES.find((c) => c.code === code)!.id;
const CREATE = `mutation($i: CreatePolicyDocumentInput!) { createPolicyDocument(input: $i) { id type versions { id version status versionNumber changeRecord date } } }`;
const DRAFT = `mutation($d: ID!, $i: PolicyVersionInput!) { draftPolicyVersion(documentId: $d, input: $i) { id version status predecessor { versionNumber } } }`;
const EDIT = `mutation($i: EditPolicyDraftInput!) { editPolicyDraft(input: $i) { id } }`;
const REPORT = `query($c: ID!) { documentAvailabilityReport(companyId: $c) { type documents current available } }`;
const DOC = `query($id: ID!) { policyDocument(id: $id) { title currentVersion { versionNumber } versions { versionNumber status changeRecord date } } }`;
const first = (versionNumber = '1.0', changeRecord = '首次制定') => ({ versionNumber, date: '2026-03-01T00:00:00Z', changeRecord, content: '……' });

describe.each(testDatabaseKinds())('policy documents (ORG-R07, ORG-R30, CS-R39) on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_policy_rules');
  });
  afterAll(() => t?.stop());

  it('ORG-R07: the org chart, business processes, job descriptions, appraisal methods and authority guidelines are tracked per company, and count only once published', async () => {
    const report = async () => Object.fromEntries((await ok(t, exec, REPORT, { c: companyId('LANE') })).documentAvailabilityReport.map((r: any) => [r.type, r]));
    const before = await report();
    expect(Object.keys(before).sort()).toEqual(['AUTHORITY_GUIDELINE', 'BUSINESS_PROCESS', 'JOB_DESCRIPTION', 'ORG_CHART', 'PERFORMANCE_APPRAISAL_METHOD']);
    expect(before.ORG_CHART).toEqual({ type: 'ORG_CHART', documents: 0, current: 0, available: false });
    // Maintained but not yet published to employees: present, not available.
    await ok(t, exec, CREATE, { i: { companyId: companyId('LANE'), type: 'ORG_CHART', title: '理昂新能源组织结构图', firstVersion: first() } });
    expect((await report()).ORG_CHART).toEqual({ type: 'ORG_CHART', documents: 1, current: 0, available: false });
    // Another company's document does not count for this one.
    await ok(t, exec, CREATE, { i: { companyId: companyId('JATC'), type: 'BUSINESS_PROCESS', title: '业务流程', firstVersion: first() } });
    expect((await report()).BUSINESS_PROCESS.documents).toBe(before.BUSINESS_PROCESS.documents);
    // A published one is available to the company's employees (the group's own documents are readable by everyone).
    const ja = Object.fromEntries((await ok(t, exec, REPORT, { c: companyId('JA') })).documentAvailabilityReport.map((r: any) => [r.type, r]));
    expect(ja.JOB_DESCRIPTION).toMatchObject({ current: 1, available: true });
    const seen = await ok(
      t,
      viewers.staff('ENGY'),
      `{ policyDocuments(first: 50, filter: { type: JOB_DESCRIPTION }) { edges { node { company { code } currentVersion { status } } } } }`,
    );
    expect(seen.policyDocuments.edges.map((e: any) => e.node)).toContainEqual({ company: { code: 'JA' }, currentVersion: { status: 'PUBLISHED' } });
  });

  it('ORG-R30: the compilation of work rules and business processes is a document of its own type, traceable version by version (date, version, change record)', async () => {
    const doc = (
      await ok(t, exec, CREATE, { i: { companyId: companyId('JA'), type: 'WORK_RULES_AND_PROCESS_COMPILATION', title: '金岸集团工作制度与业务流程汇编', firstVersion: first() } })
    ).createPolicyDocument;
    expect(doc).toMatchObject({ type: 'WORK_RULES_AND_PROCESS_COMPILATION', versions: [{ status: 'DRAFT', versionNumber: '1.0', changeRecord: '首次制定' }] });
    for (const [field, reason] of [
      ['changeRecord', 'CHANGE_RECORD_REQUIRED'],
      ['versionNumber', 'VERSION_LABEL_REQUIRED'],
    ] as const) {
      const e = await fails(t, exec, CREATE, {
        i: { companyId: companyId('JA'), type: 'WORK_RULES_AND_PROCESS_COMPILATION', title: '汇编', firstVersion: { ...first(), [field]: '  ' } },
      });
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    }
    const listed = await ok(t, exec, `{ policyDocuments(first: 50, filter: { type: WORK_RULES_AND_PROCESS_COMPILATION }) { edges { node { id title } } } }`);
    expect(listed.policyDocuments.edges.map((e: any) => e.node)).toEqual([{ id: doc.id, title: '金岸集团工作制度与业务流程汇编' }]);
  });

  it('ORG-R38 (V-R3): a safety organisation standard is a document with its number, trial-edition flag and dated versions', async () => {
    const input = {
      companyId: companyId('LANE'),
      type: 'SAFETY_ORGANISATION_STANDARD',
      title: '安全管理组织监督体系建设标准',
      isTrial: true,
      firstVersion: { ...first('1.0', '试行版'), date: '2016-01-05T00:00:00Z' },
    };
    expect(await fails(t, exec, CREATE, { i: input })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DOCUMENT_NUMBER_REQUIRED' });
    expect((await fails(t, exec, CREATE, { i: { ...input, documentNumber: ' ' } })).reason).toBe('DOCUMENT_NUMBER_REQUIRED');
    const doc = (await ok(t, exec, CREATE, { i: { ...input, documentNumber: 'LANE-AQ-002' } })).createPolicyDocument;
    const read = (
      await ok(t, exec, `query($id: ID!) { policyDocument(id: $id) { documentNumber isTrial company { code } versions { versionNumber date status } } }`, { id: doc.id })
    ).policyDocument;
    expect(read).toEqual({
      documentNumber: 'LANE-AQ-002',
      isTrial: true,
      company: { code: 'LANE' },
      versions: [{ versionNumber: '1.0', date: '2016-01-05T00:00:00.000Z', status: 'DRAFT' }],
    });
  });

  it('CS-R39: the CRM policy is version-controlled: a published version never changes, changes go into one new version at a time, each with its record', async () => {
    const crm = (await ok(t, exec, DOC, { id: demoPolicyId('JA-CRM') })).policyDocument;
    expect(crm).toMatchObject({ title: '客户关系管理系统(CRM)管理办法', currentVersion: { versionNumber: '1.0' } });
    expect(crm.versions.map((v: any) => [v.versionNumber, v.status])).toEqual([
      ['1.1', 'PENDING_APPROVAL'],
      ['1.0', 'PUBLISHED'],
    ]);
    expect(crm.versions.every((v: any) => v.changeRecord && v.date)).toBe(true);
    const e = await fails(t, exec, EDIT, { i: { versionId: stableId('policy-version', 'JA-CRM-1.0'), expectedVersion: 1, content: '改写' } });
    expect(e).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_IMMUTABLE' });
    expect((await fails(t, exec, DRAFT, { d: demoPolicyId('JA-CRM'), i: first('1.2', '另起修订') })).reason).toBe('OPEN_VERSION_EXISTS');
    // Once the open version is withdrawn to draft and replaced, the next one follows the version in force.
    const back = (
      await ok(t, exec, `mutation($id: ID!, $v: Int!) { rejectPolicyVersion(versionId: $id, expectedVersion: $v) { id version status } }`, {
        id: stableId('policy-version', 'JA-CRM-1.1'),
        v: 1,
      })
    ).rejectPolicyVersion;
    expect(back.status).toBe('DRAFT');
    expect((await fails(t, exec, DRAFT, { d: demoPolicyId('JA-CRM'), i: first('1.2', '另起修订') })).reason).toBe('OPEN_VERSION_EXISTS');
    expect((await fails(t, exec, EDIT, { i: { versionId: back.id, expectedVersion: back.version, versionNumber: '1.0' } })).reason).toBe('VERSION_EXISTS');
    expect((await fails(t, exec, EDIT, { i: { versionId: back.id, expectedVersion: back.version, changeRecord: ' ' } })).reason).toBe('CHANGE_RECORD_REQUIRED');
  });
});
