import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_COMPANIES } from '@group/shared';
import { ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from './testing/harness';

/** The example queries of this subgraph's README run as written against the demo data. */
const examples = [...readFileSync(join(__dirname, '..', 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

describe.each(testDatabaseKinds())('README examples on %s', (kind) => {
  let t: OrgTestApp;
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_readme');
  });
  afterAll(() => t?.stop());

  it('has the org chart, delegation chain, compliance and oversight examples, and all run without errors', async () => {
    expect(examples).toHaveLength(4);
    const company = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
    // The compliance example's period, computed as its README line does: the last three whole weeks.
    const monday = new Date();
    monday.setUTCHours(0, 0, 0, 0);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const period = { from: new Date(monday.getTime() - 21 * 864e5).toISOString(), to: monday.toISOString() };
    const [chart, who, compliance, oversight] = await Promise.all(examples.map((q) => ok(t, viewers.executive(), q, q.includes('$from') ? period : { company })));
    expect(oversight.governanceCheckpointReport).toHaveLength(8);
    expect(oversight.itWorkAssessmentReport).toMatchObject({ assessments: 4, averageScore: 80.25, openRectifications: 1 });
    expect(oversight.documentAvailabilityReport.find((d: any) => d.type === 'JOB_DESCRIPTION').available).toBe(true);
    expect(oversight.spanOfControlReport.departments).toBe(oversight.spanOfControlReport.rows.length);
    // The demo's non-compliant accounts, not every account (as fixed dates once gave).
    expect(compliance.nonCompliant.map((r: any) => r.account.email).sort()).toEqual(['staff.comm@example.com', 'staff.cons@example.com', 'staff.engy@example.com']);
    expect(compliance.inactiveAccounts.map((a: any) => a.account.email)).toEqual(['staff.cons@example.com']);
    expect(compliance.accountChangeRequests.edges).toHaveLength(1);
    expect(compliance.complianceCirculars.edges[0].node.accounts).toEqual([{ account: { email: 'staff.cons@example.com' } }]);
    expect(chart.orgChart.length).toBeGreaterThan(0);
    expect(chart.staffingReport.headcountQuota).toBeGreaterThan(0);
    expect(who.whoMayDecide.map((a: any) => a.body?.label ?? a.person?.name)).toHaveLength(4);
  });
});
