import 'reflect-metadata';
import { DEMO_COMPANIES, DEMO_SEGMENTS, demoSegmentPersonId, Role, Viewer } from '@group/shared';
import { OperationResult, testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, type CsTestApp } from '../testing/harness';

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

describe.each(testDatabaseKinds())('published branch assessment periods on %s', (kind) => {
  let cs: CsTestApp;

  const reason = (r: OperationResult) => r.errors?.[0]?.extensions?.reason;
  const RANKING = '{ branch { code } rank totalScore complaints indicators { indicator weight numerator denominator score } }';

  beforeAll(async () => {
    cs = await startCustomerService(kind, { label: 'cs-assess', now: '2026-10-10T10:00:00' });
    const customerId = (
      await cs.ok(staff, `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, { input: { name: '客户', kind: 'INDIVIDUAL', segmentId: RESI.id } })
    ).createCustomer.id;
    for (const code of ['JARE-A', 'JARE-B']) {
      const b = (await cs.ok(executive, `mutation { createServiceBranch(input: { companyId: "${JARE.id}", code: "${code}", name: "${code}" }) { id } }`)).createServiceBranch;
      const n = code === 'JARE-A' ? 2 : 1;
      for (let i = 0; i < n; i++) {
        const c = (
          await cs.ok(staff, `mutation ($input: CreateComplaintInput!) { createComplaint(input: $input) { id version } }`, {
            input: { customerId, branchId: b.id, title: 't', description: 'd', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' },
          })
        ).createComplaint;
        if (code === 'JARE-A') await cs.ok(staff, `mutation { transitionComplaint(input: { id: "${c.id}", expectedVersion: ${c.version}, action: ACCEPT, note: "n" }) { id } }`);
      }
    }
  });
  afterAll(() => cs?.stop());

  it('CS-R02 closes a month and publishes its ranking with the figures; later weight changes do not move it', async () => {
    const CLOSE = `mutation ($p: String!) { closeAssessmentPeriod(period: $p) ${RANKING} }`;
    expect(reason(await cs.exec(executive, CLOSE, { p: '2026-10' }))).toBe('ASSESSMENT_PERIOD_NOT_OVER');
    cs.setNow('2026-11-01T09:00:00');
    expect(reason(await cs.exec(staff, CLOSE, { p: '2026-10' }))).toBe('ROLE_FORBIDDEN');
    expect(reason(await cs.exec(executive, CLOSE, { p: '2026-13' }))).toBe('ASSESSMENT_PERIOD_INVALID');
    const closed = (await cs.ok(executive, CLOSE, { p: '2026-10' })).closeAssessmentPeriod;
    expect(closed.map((r: any) => [r.branch.code, r.complaints])).toEqual(
      expect.arrayContaining([
        ['JARE-A', 2],
        ['JARE-B', 1],
      ]),
    );
    expect(closed[0].indicators.length).toBe(6);
    const PUBLISHED = `query ($p: String!) { publishedBranchAssessment(period: $p) ${RANKING} closedAssessmentPeriods }`;
    const published = await cs.ok(staff, PUBLISHED, { p: '2026-10' });
    expect(published.publishedBranchAssessment).toEqual(closed);
    expect(published.closedAssessmentPeriods).toEqual(['2026-10']);

    const versions = Object.fromEntries((await cs.ok(executive, `{ assessmentWeights { indicator version } }`)).assessmentWeights.map((w: any) => [w.indicator, w.version]));
    await cs.ok(executive, `mutation { setAssessmentWeight(indicator: SLA_COMPLIANCE, weight: 0, expectedVersion: ${versions.SLA_COMPLIANCE}) { weight } }`);
    await cs.ok(executive, `mutation { setAssessmentWeight(indicator: RESOLUTION_RATE, weight: 100, expectedVersion: ${versions.RESOLUTION_RATE}) { weight } }`);
    expect((await cs.ok(staff, PUBLISHED, { p: '2026-10' })).publishedBranchAssessment).toEqual(closed);
    expect(reason(await cs.exec(executive, CLOSE, { p: '2026-10' }))).toBe('ASSESSMENT_PERIOD_CLOSED');
    expect((await cs.ok(staff, PUBLISHED, { p: '2026-09' })).publishedBranchAssessment).toEqual([]);
  });

  it('CS-R02 a month without complaints is closed once too, and listed as closed', async () => {
    cs.setNow('2026-11-01T09:00:00');
    const CLOSE = `mutation { closeAssessmentPeriod(period: "2026-08") { rank } }`;
    expect((await cs.ok(executive, CLOSE)).closeAssessmentPeriod).toEqual([]);
    expect(reason(await cs.exec(executive, CLOSE))).toBe('ASSESSMENT_PERIOD_CLOSED');
    expect((await cs.ok(staff, `{ closedAssessmentPeriods }`)).closedAssessmentPeriods).toContain('2026-08');
  });
});
