import { DEMO_COMPANIES } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { adoptedResolution, groupBoardResolution, OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoBodyId } from '../database/seed';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;

describe.each(testDatabaseKinds())('subsidiary oversight on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_subsidiary');
  });
  afterAll(() => t?.stop());

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
    expect((await reason(decide(g, 'APPROVED', await groupBoardResolution(t, 'MAJOR_GUARANTEE', 8000))))!.reason).toBe('RESOLUTION_NOT_APPLICABLE');
    expect((await reason(decide(g, 'APPROVED', await adoptedResolution(t, demoBodyId('JARE', 'SHM'), 'SUBSIDIARY_MATTER'))))!.reason).toBe('RESOLUTION_NOT_APPLICABLE');
    // ORG-R14: adopted for less than the amount at stake is not an approval of it.
    expect(await reason(decide(g, 'APPROVED', await groupBoardResolution(t, 'SUBSIDIARY_MATTER', 5000)))).toMatchObject({
      code: 'CONFLICT',
      reason: 'RESOLUTION_AMOUNT_TOO_LOW',
      amountWan: 8000,
    });
    const approval = await groupBoardResolution(t, 'SUBSIDIARY_MATTER', 8000);
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
});
