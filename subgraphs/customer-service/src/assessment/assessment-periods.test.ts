import 'reflect-metadata';
import { createSubgraphApp, DEMO_COMPANIES, DEMO_SEGMENTS, demoSegmentPersonId, loadSubgraphConfig, Role, SubgraphApp, Viewer, wholeSeconds } from '@group/shared';
import { createTestDatabase, exec, TestDatabase, testDatabaseKinds } from '@group/shared/testing';
import { customerServiceModule } from '../module';
import { createCustomerServiceServices, CustomerServiceLoaders, CustomerServiceServices } from '../context';

type Result = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };

/**
 * CS-R02 / G-05: the branch comprehensive assessment is published per period.
 * Closing a month stores its ranking with the figures behind every score;
 * the published ranking does not move when weights change afterwards.
 */
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const JARE = DEMO_COMPANIES.find((c) => c.code === 'JARE')!;
const viewer = (role: Role, segmentIds: string[], employeeId: string | null = null): Viewer => ({ accountId: `acc-${role}-${segmentIds.join('-')}`, employeeId, role, segmentIds });
const staff = viewer(Role.BUSINESS_STAFF, [RESI.id], demoSegmentPersonId('RESI', 'staff'));
const executive = viewer(Role.GROUP_EXECUTIVE, []);
const local = (s: string) => new Date(`${s}+08:00`);

describe.each(testDatabaseKinds())('published branch assessment periods on %s', (kind) => {
  let db: TestDatabase;
  let app: SubgraphApp<CustomerServiceServices, CustomerServiceLoaders>;
  let nowMs = local('2026-10-10T10:00:00').getTime();

  /** The shared harness's `exec`, on this file's app. */
  async function run(v: Viewer, query: string, variables?: Record<string, unknown>): Promise<Result> {
    return (await exec(app, v, query, variables)) as Result;
  }
  async function ok(v: Viewer, query: string, variables?: Record<string, unknown>): Promise<any> {
    const r = await run(v, query, variables);
    expect(r.errors).toBeUndefined();
    return r.data;
  }
  const reason = (r: Result) => r.errors?.[0]?.extensions?.reason;
  const RANKING = '{ branch { code } rank totalScore complaints indicators { indicator weight numerator denominator score } }';

  beforeAll(async () => {
    db = await createTestDatabase(kind, 'cs-assess');
    const config = loadSubgraphConfig('CUSTOMER_SERVICE', 0, { NODE_ENV: 'test', CUSTOMER_SERVICE_SEED: 'false', LOG_LEVEL: 'silent' });
    config.database = db.config;
    app = await createSubgraphApp({ ...customerServiceModule, createServices: (ds) => createCustomerServiceServices(ds, () => wholeSeconds(new Date(nowMs))) }, config);
    const customerId = (
      await ok(staff, `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, { input: { name: '客户', kind: 'INDIVIDUAL', segmentId: RESI.id } })
    ).createCustomer.id;
    for (const code of ['JARE-A', 'JARE-B']) {
      const b = (await ok(executive, `mutation { createServiceBranch(input: { companyId: "${JARE.id}", code: "${code}", name: "${code}" }) { id } }`)).createServiceBranch;
      const n = code === 'JARE-A' ? 2 : 1;
      for (let i = 0; i < n; i++) {
        const c = (
          await ok(staff, `mutation ($input: CreateComplaintInput!) { createComplaint(input: $input) { id version } }`, {
            input: { customerId, branchId: b.id, title: 't', description: 'd', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' },
          })
        ).createComplaint;
        if (code === 'JARE-A') await ok(staff, `mutation { transitionComplaint(input: { id: "${c.id}", expectedVersion: ${c.version}, action: ACCEPT, note: "n" }) { id } }`);
      }
    }
  });
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  it('CS-R02 closes a month and publishes its ranking with the figures; later weight changes do not move it', async () => {
    const CLOSE = `mutation ($p: String!) { closeAssessmentPeriod(period: $p) ${RANKING} }`;
    expect(reason(await run(executive, CLOSE, { p: '2026-10' }))).toBe('ASSESSMENT_PERIOD_NOT_OVER');
    nowMs = local('2026-11-01T09:00:00').getTime();
    expect(reason(await run(staff, CLOSE, { p: '2026-10' }))).toBe('ROLE_FORBIDDEN');
    expect(reason(await run(executive, CLOSE, { p: '2026-13' }))).toBe('ASSESSMENT_PERIOD_INVALID');
    const closed = (await ok(executive, CLOSE, { p: '2026-10' })).closeAssessmentPeriod;
    expect(closed.map((r: any) => [r.branch.code, r.complaints])).toEqual(
      expect.arrayContaining([
        ['JARE-A', 2],
        ['JARE-B', 1],
      ]),
    );
    expect(closed[0].indicators.length).toBe(6);
    const PUBLISHED = `query ($p: String!) { publishedBranchAssessment(period: $p) ${RANKING} closedAssessmentPeriods }`;
    const published = await ok(staff, PUBLISHED, { p: '2026-10' });
    expect(published.publishedBranchAssessment).toEqual(closed);
    expect(published.closedAssessmentPeriods).toEqual(['2026-10']);

    const versions = Object.fromEntries((await ok(executive, `{ assessmentWeights { indicator version } }`)).assessmentWeights.map((w: any) => [w.indicator, w.version]));
    await ok(executive, `mutation { setAssessmentWeight(indicator: SLA_COMPLIANCE, weight: 0, expectedVersion: ${versions.SLA_COMPLIANCE}) { weight } }`);
    await ok(executive, `mutation { setAssessmentWeight(indicator: RESOLUTION_RATE, weight: 100, expectedVersion: ${versions.RESOLUTION_RATE}) { weight } }`);
    expect((await ok(staff, PUBLISHED, { p: '2026-10' })).publishedBranchAssessment).toEqual(closed);
    expect(reason(await run(executive, CLOSE, { p: '2026-10' }))).toBe('ASSESSMENT_PERIOD_CLOSED');
    expect((await ok(staff, PUBLISHED, { p: '2026-09' })).publishedBranchAssessment).toEqual([]);
  });

  it('CS-R02 a month without complaints is closed once too, and listed as closed', async () => {
    nowMs = local('2026-11-01T09:00:00').getTime();
    const CLOSE = `mutation { closeAssessmentPeriod(period: "2026-08") { rank } }`;
    expect((await ok(executive, CLOSE)).closeAssessmentPeriod).toEqual([]);
    expect(reason(await run(executive, CLOSE))).toBe('ASSESSMENT_PERIOD_CLOSED');
    expect((await ok(staff, `{ closedAssessmentPeriods }`)).closedAssessmentPeriods).toContain('2026-08');
  });
});
