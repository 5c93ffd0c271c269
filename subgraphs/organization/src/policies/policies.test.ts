import { DEMO_COMPANIES, demoStaffEmployeeId, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { DEMO_GROUP_CHAIR_ID, demoBodyId, demoPolicyId, demoPositionId } from '../database/seed';

const companyId = (code: string) => DEMO_COMPANIES.find((c) => c.code === code)!.id;
const DOC = `query($id: ID!) { policyDocument(id: $id) { id title type isTrial documentNumber currentVersion { versionNumber } versions { id version versionNumber status date changeRecord authorizer { id } publishedAt effectiveFrom predecessor { versionNumber } } } }`;
const v = (name: string) => `mutation($id: ID!, $v: Int!) { ${name}(versionId: $id, expectedVersion: $v) { id version status } }`;

describe.each(testDatabaseKinds())('policy documents under version control on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  // The group board chair, signed in as himself.
  const chair = { ...exec, accountId: 'acc-chair', employeeId: DEMO_GROUP_CHAIR_ID };
  const APPROVE = `mutation($id: ID!, $v: Int!) { approvePolicyVersion(versionId: $id, expectedVersion: $v) { id version status authorizer { id } } }`;
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_policies');
  });
  afterAll(() => t?.stop());

  it('V-R2/V-R3: the demo documents carry date, version, authorizer and change record; bodies have their rules of procedure', async () => {
    const articles = (await ok(t, exec, DOC, { id: demoPolicyId('JA-ARTICLES') })).policyDocument;
    expect(articles.currentVersion).toEqual({ versionNumber: '2.0' });
    expect(articles.versions.map((x: any) => [x.versionNumber, x.status])).toEqual([
      ['2.0', 'PUBLISHED'],
      ['1.0', 'SUPERSEDED'],
    ]);
    expect(articles.versions[0]).toMatchObject({ authorizer: { id: DEMO_GROUP_CHAIR_ID }, predecessor: { versionNumber: '1.0' } });
    const safety = (await ok(t, exec, DOC, { id: demoPolicyId('LANE-SAFETY') })).policyDocument;
    expect(safety).toMatchObject({ isTrial: true, documentNumber: 'LANE-AQ-001' });
    expect(safety.versions[0].publishedAt).toBe('2016-01-05T00:00:00.000Z');
    const body = await ok(t, exec, `query($id: ID!) { governingBody(id: $id) { rulesOfProcedure { type title } } }`, { id: demoBodyId('JA', 'BOD') });
    expect(body.governingBody.rulesOfProcedure).toEqual([{ type: 'BOARD_RULES', title: '董事局议事规则' }]);
    const pos = await ok(t, exec, `query($id: ID!) { position(id: $id) { jobDescription { type } } }`, { id: demoPositionId('JA', 'CSC', 'MGR') });
    expect(pos.position.jobDescription).toEqual({ type: 'JOB_DESCRIPTION' });
  });

  it('V-R6/ORG-R35: draft → pending approval → approved (signed) → published; each new version is drafted from its predecessor and supersedes it', async () => {
    const created = (
      await ok(t, exec, `mutation($i: CreatePolicyDocumentInput!) { createPolicyDocument(input: $i) { id versions { id version status } } }`, {
        i: {
          companyId: companyId('JA'),
          type: 'CS_MANAGEMENT_SYSTEM',
          title: '客户服务管理体系',
          firstVersion: { versionNumber: '1.0', date: '2026-03-01T00:00:00Z', changeRecord: '首次制定', content: '……' },
        },
      })
    ).createPolicyDocument;
    let cur = created.versions[0];
    expect(cur.status).toBe('DRAFT');
    // Publishing needs the approver's approval first.
    expect((await fails(t, exec, `mutation($id: ID!, $v: Int!) { publishPolicyVersion(versionId: $id, expectedVersion: $v) { id } }`, { id: cur.id, v: cur.version })).reason).toBe(
      'PUBLISH_NEEDS_APPROVAL',
    );
    cur = (await ok(t, exec, v('submitPolicyVersion'), { id: cur.id, v: cur.version })).submitPolicyVersion;
    expect(cur.status).toBe('PENDING_APPROVAL');
    expect((await fails(t, exec, `mutation($id: ID!, $v: Int!) { publishPolicyVersion(versionId: $id, expectedVersion: $v) { id } }`, { id: cur.id, v: cur.version })).reason).toBe(
      'PUBLISH_NEEDS_APPROVAL',
    );
    cur = (
      await ok(t, chair, `mutation($id: ID!, $v: Int!) { approvePolicyVersion(versionId: $id, expectedVersion: $v) { id version status authorizer { id } approvedAt } }`, {
        id: cur.id,
        v: cur.version,
      })
    ).approvePolicyVersion;
    expect(cur).toMatchObject({ status: 'APPROVED', authorizer: { id: DEMO_GROUP_CHAIR_ID } });
    const pub = (
      await ok(
        t,
        exec,
        `mutation($id: ID!, $v: Int!) { publishPolicyVersion(versionId: $id, expectedVersion: $v, effectiveFrom: "2026-04-01T00:00:00Z") { status publishedAt effectiveFrom } }`,
        { id: cur.id, v: cur.version },
      )
    ).publishPolicyVersion;
    expect(pub).toMatchObject({ status: 'PUBLISHED', effectiveFrom: '2026-04-01T00:00:00.000Z' });
    expect(pub.publishedAt).not.toBeNull();

    // Version 2: drafted from the published one; publishing it supersedes 1.0.
    const d2 = (
      await ok(t, exec, `mutation($d: ID!, $i: PolicyVersionInput!) { draftPolicyVersion(documentId: $d, input: $i) { id version status predecessor { versionNumber } } }`, {
        d: created.id,
        i: { versionNumber: '2.0', date: '2026-06-01T00:00:00Z', changeRecord: '增加投诉回访要求', content: '……' },
      })
    ).draftPolicyVersion;
    expect(d2.predecessor).toEqual({ versionNumber: '1.0' });
    const again = await fails(t, exec, `mutation($d: ID!, $i: PolicyVersionInput!) { draftPolicyVersion(documentId: $d, input: $i) { id } }`, {
      d: created.id,
      i: { versionNumber: '3.0', date: '2026-06-01T00:00:00Z', changeRecord: 'x', content: '' },
    });
    expect(again.reason).toBe('OPEN_VERSION_EXISTS');
    let x = (await ok(t, exec, v('submitPolicyVersion'), { id: d2.id, v: d2.version })).submitPolicyVersion;
    x = (await ok(t, chair, APPROVE, { id: x.id, v: x.version })).approvePolicyVersion;
    await ok(t, exec, `mutation($id: ID!, $v: Int!) { publishPolicyVersion(versionId: $id, expectedVersion: $v) { status } }`, { id: x.id, v: x.version });
    const doc = (await ok(t, exec, DOC, { id: created.id })).policyDocument;
    expect(doc.currentVersion).toEqual({ versionNumber: '2.0' });
    expect(doc.versions.map((y: any) => [y.versionNumber, y.status])).toEqual([
      ['2.0', 'PUBLISHED'],
      ['1.0', 'SUPERSEDED'],
    ]);
  });

  it('V-R5: a published version is immutable; only drafts are edited; a rejected version goes back to draft', async () => {
    const published = stableId('policy-version', 'JA-CRM-1.0');
    const e = await fails(t, exec, `mutation($i: EditPolicyDraftInput!) { editPolicyDraft(input: $i) { id } }`, {
      i: { versionId: published, expectedVersion: 1, content: 'changed' },
    });
    expect(e).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_IMMUTABLE' });
    const pending = stableId('policy-version', 'JA-CRM-1.1');
    expect(
      (await fails(t, exec, `mutation($i: EditPolicyDraftInput!) { editPolicyDraft(input: $i) { id } }`, { i: { versionId: pending, expectedVersion: 1, content: 'x' } })).reason,
    ).toBe('VERSION_NOT_DRAFT');
    const back = (await ok(t, exec, v('rejectPolicyVersion'), { id: pending, v: 1 })).rejectPolicyVersion;
    expect(back.status).toBe('DRAFT');
    const edited = (
      await ok(t, exec, `mutation($i: EditPolicyDraftInput!) { editPolicyDraft(input: $i) { version changeRecord content } }`, {
        i: { versionId: pending, expectedVersion: back.version, changeRecord: '补充账号冻结及解冻规则', content: '新内容' },
      })
    ).editPolicyDraft;
    expect(edited).toEqual({ version: back.version + 1, changeRecord: '补充账号冻结及解冻规则', content: '新内容' });
    expect(
      (
        await fails(t, exec, `mutation($i: EditPolicyDraftInput!) { editPolicyDraft(input: $i) { id } }`, {
          i: { versionId: pending, expectedVersion: back.version, content: 'stale' },
        })
      ).reason,
    ).toBe('STALE_VERSION');
    expect(
      (
        await fails(t, exec, `mutation($i: EditPolicyDraftInput!) { editPolicyDraft(input: $i) { id } }`, {
          i: { versionId: pending, expectedVersion: edited.version, versionNumber: '1.0' },
        })
      ).reason,
    ).toBe('VERSION_EXISTS');
    const noRecord = await fails(t, exec, `mutation($i: CreatePolicyDocumentInput!) { createPolicyDocument(input: $i) { id } }`, {
      i: {
        companyId: companyId('JA'),
        type: 'TAG_SYSTEM_DESIGN',
        title: '标签体系架构',
        firstVersion: { versionNumber: '1.0', date: '2026-03-01T00:00:00Z', changeRecord: '', content: '' },
      },
    });
    expect(noRecord.code).toBe('BAD_USER_INPUT');
    const departed = stableId('policy-version', 'JACN-COMPLAINTS-1.1');
    const sub = (await ok(t, exec, v('submitPolicyVersion'), { id: departed, v: 1 })).submitPolicyVersion;
    expect((await fails(t, { ...exec, employeeId: 'nobody' }, APPROVE, { id: sub.id, v: sub.version })).reason).toBe('EMPLOYEE_NOT_FOUND');
  });

  it("V-R1: the authorizer signs in as themselves and must hold the power for the document (articles: the shareholders' meeting's chair; rules: a holder of a decision power)", async () => {
    const create = async (type: string, title: string) => {
      const doc = (
        await ok(t, exec, `mutation($i: CreatePolicyDocumentInput!) { createPolicyDocument(input: $i) { id versions { id version } } }`, {
          i: { companyId: companyId('JA'), type, title, firstVersion: { versionNumber: '1.0', date: '2026-05-01T00:00:00Z', changeRecord: '首次制定', content: '……' } },
        })
      ).createPolicyDocument;
      return (await ok(t, exec, v('submitPolicyVersion'), { id: doc.versions[0].id, v: doc.versions[0].version })).submitPolicyVersion;
    };
    const withAuthorizer = `mutation($id: ID!, $v: Int!, $a: ID!) { approvePolicyVersion(versionId: $id, expectedVersion: $v, authorizerId: $a) { id status authorizer { id } } }`;
    const vp = { ...exec, accountId: 'acc-vp', employeeId: stableId('employee', 'executive') };
    const director = { ...exec, accountId: 'acc-director', employeeId: demoStaffEmployeeId('JA', 'MKT', 1) };

    // Naming someone else as the authorizer is refused, whoever the caller is.
    const rules = await create('TAG_SYSTEM_DESIGN', '标签体系架构');
    expect(await fails(t, vp, withAuthorizer, { id: rules.id, v: rules.version, a: DEMO_GROUP_CHAIR_ID })).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTHORIZER_NOT_SELF' });
    expect((await fails(t, exec, APPROVE, { id: rules.id, v: rules.version })).reason).toBe('AUTHORIZER_NOT_EMPLOYEE');
    // A director without the chair or a delegation holds no power to approve.
    expect(await fails(t, director, APPROVE, { id: rules.id, v: rules.version })).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTHORIZER_LACKS_POWER' });
    // The VP holds a general-decision delegation: he approves management rules, as himself.
    expect((await ok(t, vp, withAuthorizer, { id: rules.id, v: rules.version, a: vp.employeeId })).approvePolicyVersion).toMatchObject({
      status: 'APPROVED',
      authorizer: { id: vp.employeeId },
    });

    // The articles are the shareholders' meeting's: the VP's delegation does not reach them; the chair signs.
    const articles = await create('ARTICLES_OF_ASSOCIATION', '公司章程(修订)');
    expect((await fails(t, vp, APPROVE, { id: articles.id, v: articles.version })).reason).toBe('AUTHORIZER_LACKS_POWER');
    expect((await ok(t, chair, APPROVE, { id: articles.id, v: articles.version })).approvePolicyVersion).toMatchObject({
      status: 'APPROVED',
      authorizer: { id: DEMO_GROUP_CHAIR_ID },
    });
    // Job descriptions are the board's (departments and their duties): the board chair signs, not the VP.
    const jobs = await create('JOB_DESCRIPTION', '岗位说明书(2026)');
    expect((await fails(t, vp, APPROVE, { id: jobs.id, v: jobs.version })).reason).toBe('AUTHORIZER_LACKS_POWER');
    // The president presides the management layer, which holds the general decision power by delegation.
    const president = { ...exec, accountId: 'acc-president', employeeId: demoStaffEmployeeId('JA', 'IT', 2) };
    expect((await fails(t, president, APPROVE, { id: jobs.id, v: jobs.version })).reason).toBe('AUTHORIZER_LACKS_POWER');
    expect((await ok(t, chair, APPROVE, { id: jobs.id, v: jobs.version })).approvePolicyVersion.status).toBe('APPROVED');
    const flow = await create('COMPLAINT_HANDLING_FLOW', '投诉处理流程(2026)');
    expect((await ok(t, president, APPROVE, { id: flow.id, v: flow.version })).approvePolicyVersion).toMatchObject({
      status: 'APPROVED',
      authorizer: { id: president.employeeId },
    });
  });

  it("visibility: own company plus the group's documents; writes need GROUP_EXECUTIVE; PolicyDocument resolves by key, batched", async () => {
    const q = `{ policyDocuments(first: 50) { totalCount edges { node { company { code } } } } }`;
    const codes = new Set((await ok(t, viewers.head('ENGY'), q)).policyDocuments.edges.map((e: any) => e.node.company.code));
    expect(codes).toEqual(new Set(['JA', 'LANE']));
    expect((await ok(t, viewers.head('ENGY'), DOC, { id: demoPolicyId('JAPM-CRM') })).policyDocument).toBeNull();
    expect((await ok(t, viewers.head('ENGY'), DOC, { id: demoPolicyId('JA-CRM') })).policyDocument.title).toBe('客户关系管理系统(CRM)管理办法');
    const filtered = await ok(t, exec, `{ policyDocuments(first: 50, filter: { type: SUBSIDIARY_CRM_POLICY }) { edges { node { company { code } } } } }`);
    expect(filtered.policyDocuments.edges.map((e: any) => e.node.company.code)).toEqual(['JAPM']);
    for (const viewer of [viewers.sysadmin(), viewers.head('PROP')]) {
      expect((await fails(t, viewer, v('submitPolicyVersion'), { id: stableId('policy-version', 'JA-CRM-1.1'), v: 1 })).reason).toBe('GOVERNANCE_CHANGE_FORBIDDEN');
    }
    const reps = ['JA-CRM', 'JAPM-CRM', 'LANE-SAFETY'].map((k) => ({ __typename: 'PolicyDocument', id: demoPolicyId(k) }));
    const ent = `query($r: [_Any!]!) { _entities(representations: $r) { ... on PolicyDocument { title } } }`;
    const before = t.app.counter.count;
    const all = await ok(t, viewers.head('ENGY'), ent, { r: reps });
    expect(t.app.counter.count - before).toBeLessThanOrEqual(3); // documents + the viewer's scope (segments, group companies)
    expect(all._entities.map((e: any) => e?.title ?? null)).toEqual(['客户关系管理系统(CRM)管理办法', null, '安全管理组织体系建设标准']);
  });
});
