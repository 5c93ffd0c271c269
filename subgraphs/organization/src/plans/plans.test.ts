import { DEMO_COMPANIES, stableId } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { groupBoardResolution, OrgTestApp, startOrganization, viewers } from '../testing/harness';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;

describe.each(testDatabaseKinds())('plans on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_plans');
  });
  afterAll(() => t?.stop());

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
      (await ok(t, exec, APPROVE, { id: plan.id, v: plan.version, r: await groupBoardResolution(t, matter) })).approvePlan;
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
    expect(await reason(t.exec(exec, APPROVE, { id: strategy.id, v: strategy.version, r: await groupBoardResolution(t, 'MAJOR_INVESTMENT') }))).toBe('APPROVAL_RESOLUTION_INVALID');
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
    expect(await reason(t.exec(exec, APPROVE, { id: itProjects.id, v: itProjects.version, r: await groupBoardResolution(t, 'MAJOR_INVESTMENT') }))).toBe('STRATEGIC_PLAN_EXPIRED');
    const DECIDE = `mutation($i: DecideSubsidiaryMatterInput!) { decideSubsidiaryMatter(input: $i) { status } }`;
    expect(
      await reason(
        t.exec(exec, DECIDE, {
          i: { id: matter.id, expectedVersion: matter.version, outcome: 'APPROVED', resolutionId: await groupBoardResolution(t, 'SUBSIDIARY_MATTER', 20000) },
        }),
      ),
    ).toBe('STRATEGIC_PLAN_EXPIRED');
  });
});
