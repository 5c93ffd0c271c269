import { DEMO_COMPANIES } from '@group/shared';
import { ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;

describe.each(testDatabaseKinds())('governance metrics on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_metrics');
  });
  afterAll(() => t?.stop());

  it('ORG-R42 / ORG-M8 span of control and levels; ORG-M13 required documents present and current; both company-scoped and set-based', async () => {
    const before = t.app.counter.count;
    const span = (
      await ok(t, exec, `query($c: ID!) { spanOfControlReport(companyId: $c) { levels departments rows { level directSubunits directEmployees department { code } } } }`, { c: JA })
    ).spanOfControlReport;
    expect(t.app.counter.count - before).toBeLessThanOrEqual(3); // departments, employee counts, the department names (one batch)
    expect(span.departments).toBe(span.rows.length);
    expect(span.levels).toBeGreaterThanOrEqual(1);
    expect(span.rows.find((r: any) => r.department.code === 'MKT').directEmployees).toBeGreaterThanOrEqual(3);
    expect(span.rows.reduce((n: number, r: any) => n + r.directSubunits, 0)).toBe(span.rows.filter((r: any) => r.level > 1).length);
    const docs = (await ok(t, exec, `query($c: ID!) { documentAvailabilityReport(companyId: $c) { type documents current available } }`, { c: JA })).documentAvailabilityReport;
    const by = Object.fromEntries(docs.map((d: any) => [d.type, d]));
    expect(Object.keys(by)).toEqual(['ORG_CHART', 'BUSINESS_PROCESS', 'JOB_DESCRIPTION', 'PERFORMANCE_APPRAISAL_METHOD', 'AUTHORITY_GUIDELINE']);
    expect(by.JOB_DESCRIPTION).toEqual({ type: 'JOB_DESCRIPTION', documents: 1, current: 1, available: true });
    expect(by.AUTHORITY_GUIDELINE.available).toBe(true);
    expect(by.ORG_CHART).toEqual({ type: 'ORG_CHART', documents: 0, current: 0, available: false });
    expect(
      await ok(t, viewers.head('RESI'), `query($c: ID!) { spanOfControlReport(companyId: $c) { levels } documentAvailabilityReport(companyId: $c) { type } }`, { c: JA }),
    ).toEqual({ spanOfControlReport: null, documentAvailabilityReport: null });
  });
});
