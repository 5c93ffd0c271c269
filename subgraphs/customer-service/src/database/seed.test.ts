import 'reflect-metadata';
import { DEMO_CUSTOMER_COUNT, DEMO_SEGMENTS, demoCustomerId, demoCustomerSegment, demoSegmentPersonId, Role, Viewer } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, type CsTestApp } from '../testing/harness';
import { seedCustomerService } from './seed';

const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const viewer = (role: Role, segmentIds: string[], employeeId: string | null = null): Viewer => ({ accountId: `acc-${role}-${segmentIds.join('-')}`, employeeId, role, segmentIds });
const executive = viewer(Role.GROUP_EXECUTIVE, []);
const headResi = viewer(Role.SEGMENT_HEAD, [RESI.id], demoSegmentPersonId('RESI', 'head'));
const staffResi = viewer(Role.BUSINESS_STAFF, [RESI.id], demoSegmentPersonId('RESI', 'staff'));

/** The demo data customer-service seeds on an empty database (database/seed.ts). */
describe.each(testDatabaseKinds())('customer-service demo seed on %s', (kind) => {
  let cs: CsTestApp;
  beforeAll(async () => {
    cs = await startCustomerService(kind, { label: 'cs-seed', seed: true });
  });
  afterAll(() => cs?.stop());

  it('creates the demo customers with catalogue ids, segments and owners', async () => {
    const rows: { id: string; segment_id: string; owner_id: string }[] = await cs.app.dataSource.query('SELECT id, segment_id, owner_id FROM customer');
    expect(rows).toHaveLength(DEMO_CUSTOMER_COUNT);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (let n = 0; n < DEMO_CUSTOMER_COUNT; n++) {
      const s = demoCustomerSegment(n);
      expect(byId.get(demoCustomerId(n))).toMatchObject({ segment_id: s.id, owner_id: demoSegmentPersonId(s.code, 'staff') });
    }
  });

  it('spreads complaints over every status, channel, severity and phase, the last 90 days, with codes in time order', async () => {
    const rows: any[] = await cs.app.dataSource.query('SELECT code, status, channel, severity, phase, category, segment_id, customer_id, created_at FROM complaint ORDER BY code');
    expect(rows.length).toBeGreaterThan(350);
    expect(rows.length).toBeLessThan(450);
    for (const col of ['status', 'channel', 'severity', 'phase', 'category']) {
      const expected = { status: 9, channel: 8, severity: 4, phase: 3, category: 6 }[col];
      expect(new Set(rows.map((r) => r[col])).size).toBe(expected);
    }
    expect(new Set(rows.map((r) => r.customer_id)).size).toBe((DEMO_CUSTOMER_COUNT * 2) / 3);
    const times = rows.map((r) => new Date(typeof r.created_at === 'string' ? r.created_at.replace(' ', 'T') + 'Z' : r.created_at).getTime());
    expect(Math.min(...times)).toBeGreaterThan(Date.now() - 91 * 24 * 3600 * 1000);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const [seq] = await cs.app.dataSource.query("SELECT last_number FROM code_sequence WHERE name = 'complaint'");
    expect(Number(seq.last_number)).toBe(rows.length);
  });

  it('gives every complaint a timeline to its status, SLA due times, some breaches and escalations', async () => {
    const rows: any[] = await cs.app.dataSource.query(
      `SELECT c.id, c.status, c.version, c.first_response_due_at, c.escalation_level, (SELECT COUNT(*) FROM complaint_event e WHERE e.complaint_id = c.id) AS events,
                (SELECT MAX(e.seq) FROM complaint_event e WHERE e.complaint_id = c.id) AS last_seq FROM complaint c`,
    );
    for (const r of rows) {
      expect(r.first_response_due_at).not.toBeNull();
      expect(Number(r.events)).toBe(Number(r.version));
      expect(Number(r.last_seq)).toBe(Number(r.version));
    }
    expect(rows.some((r) => Number(r.escalation_level) === 2)).toBe(true);
    expect(rows.some((r) => Number(r.escalation_level) === 3)).toBe(true);
    const count = async (sql: string) => Number((await cs.app.dataSource.query(sql))[0].n);
    expect(await count('SELECT COUNT(*) AS n FROM complaint WHERE legal_case = 1 AND legal_department_id IS NOT NULL')).toBeGreaterThan(0);
    expect(await count('SELECT COUNT(*) AS n FROM complaint_compensation')).toBeGreaterThan(5);
    expect(await count('SELECT COUNT(*) AS n FROM revisit_plan')).toBe(DEMO_CUSTOMER_COUNT / 6);
    expect(await count('SELECT COUNT(*) AS n FROM customer_revisit')).toBeGreaterThan(10);
    const q = `query { complaints(first: 100, filter: { status: IN_PROGRESS }) { edges { node { firstResponseBreached resolutionBreached timeline(first: 10) { edges { node { toStatus } } } } } } }`;
    const nodes = (await cs.ok(executive, q)).complaints.edges.map((e: any) => e.node);
    expect(nodes.some((n: any) => n.firstResponseBreached)).toBe(true);
    expect(nodes.some((n: any) => !n.firstResponseBreached)).toBe(true);
    expect(nodes.some((n: any) => n.resolutionBreached)).toBe(true);
    for (const n of nodes)
      expect(n.timeline.edges.map((e: any) => e.node.toStatus).slice(0, 5)).toEqual(
        ['RECEIVED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'IN_PROGRESS'].slice(0, n.timeline.edges.length),
      );
  });

  it('gives a ranked branch assessment for the last month and SLA reports with breaches', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 24 * 3600 * 1000);
    const q = `query ($from: DateTimeISO!, $to: DateTimeISO!) {
        branchAssessment(from: $from, to: $to) { rank totalScore complaints branch { code } indicators { indicator score } }
        complaintSlaReport(by: COMPANY, from: $from, to: $to) { groupId total firstResponseBreached resolutionBreached complianceRate } }`;
    const d = await cs.ok(executive, q, { from: from.toISOString(), to: to.toISOString() });
    expect(d.branchAssessment.length).toBeGreaterThanOrEqual(12);
    expect(d.branchAssessment[0].rank).toBe(1);
    const scores = d.branchAssessment.map((r: any) => r.totalScore);
    expect(scores).toEqual([...scores].sort((x: number, y: number) => y - x));
    expect(new Set(scores).size).toBeGreaterThan(5);
    expect(d.complaintSlaReport.reduce((n: number, r: any) => n + r.firstResponseBreached, 0)).toBeGreaterThan(0);
    expect(d.complaintSlaReport.every((r: any) => r.complianceRate > 0 && r.complianceRate < 1)).toBe(true);
    // Last month's ranking is published (a ranked assessment period of the demo).
    const periods = (await cs.ok(executive, '{ closedAssessmentPeriods }')).closedAssessmentPeriods;
    expect(periods).toHaveLength(1);
    const published = (await cs.ok(staffResi, `{ publishedBranchAssessment(period: "${periods[0]}") { rank branch { code } } }`)).publishedBranchAssessment;
    expect(published.length).toBeGreaterThanOrEqual(5);
    expect(published[0].rank).toBe(1);
  });

  it('seeds a CRM demo: leads, opportunities in several stages with history, actions, orders, and follow-up misses (CS-R25)', async () => {
    const count = async (sql: string) => Number((await cs.app.dataSource.query(sql))[0].n);
    expect(await count('SELECT COUNT(*) AS n FROM lead')).toBe(DEMO_SEGMENTS.length * 4);
    expect(await count("SELECT COUNT(DISTINCT stage) AS n FROM opportunity WHERE status = 'OPEN'")).toBeGreaterThanOrEqual(3);
    expect(await count("SELECT COUNT(*) AS n FROM opportunity WHERE status = 'WON'")).toBe(DEMO_SEGMENTS.length);
    expect(await count("SELECT COUNT(*) AS n FROM opportunity WHERE status = 'LOST'")).toBe(DEMO_SEGMENTS.length);
    expect(await count('SELECT COUNT(*) AS n FROM sales_order')).toBe(DEMO_SEGMENTS.length);
    expect(await count('SELECT COUNT(*) AS n FROM opportunity o WHERE o.version <> (SELECT COUNT(*) FROM opportunity_stage_change h WHERE h.opportunity_id = o.id)')).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM code_sequence WHERE name = 'lead' AND last_number = " + DEMO_SEGMENTS.length * 4)).toBe(1);
    const d = await cs.ok(
      headResi,
      `{ followUpCompliance(by: OWNER) { rows { required compliant missing } } myGeneralActions { totalCount } leads { totalCount } opportunities { totalCount } }`,
    );
    expect(d.followUpCompliance.rows).toHaveLength(1);
    expect(d.followUpCompliance.rows[0].missing).toBeGreaterThanOrEqual(2);
    expect(d.leads.totalCount).toBe(4);
    expect(d.opportunities.totalCount).toBe(5);
  });

  it('does nothing when data exists', async () => {
    const before = cs.app.counter.count;
    await seedCustomerService(cs.app.dataSource);
    expect(cs.app.counter.count - before).toBe(2); // the roster's missing demo employees (none) and the emptiness check
  });
});
