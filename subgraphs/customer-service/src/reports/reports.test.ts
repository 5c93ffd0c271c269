import 'reflect-metadata';
import { DEMO_COMPANIES, DEMO_SEGMENTS, demoSegmentPersonId, Role, Viewer } from '@group/shared';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, type CsTestApp } from '../testing/harness';
import { IndicatorObservation, IndicatorPublisher } from '../indicators/indicator-publisher';

const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const COMM = DEMO_SEGMENTS.find((s) => s.code === 'COMM')!;
const JARE = DEMO_COMPANIES.find((c) => c.code === 'JARE')!;
const viewer = (role: Role, segmentIds: string[], employeeId: string | null = null): Viewer => ({ accountId: `acc-${role}-${segmentIds.join('-')}`, employeeId, role, segmentIds });
const staffResi = viewer(Role.BUSINESS_STAFF, [RESI.id], demoSegmentPersonId('RESI', 'staff'));
const staffComm = viewer(Role.BUSINESS_STAFF, [COMM.id], demoSegmentPersonId('COMM', 'staff'));
const executive = viewer(Role.GROUP_EXECUTIVE, []);
const local = (s: string) => new Date(`${s}+08:00`);
const B1 = 'branch-b1';
const B2 = 'branch-b2';

describe.each(testDatabaseKinds())('complaint reports and branch assessment on %s', (kind) => {
  let cs: CsTestApp;

  const CREATE = `mutation ($input: CreateComplaintInput!) { createComplaint(input: $input) { id version } }`;
  const T = `mutation ($input: TransitionComplaintInput!) { transitionComplaint(input: $input) { id version } }`;
  async function complaint(customerId: string, branchId: string, severity: string, actions: [string, Record<string, unknown>?][], category?: string) {
    let c = (await cs.ok(staffResi, CREATE, { input: { customerId, branchId, title: 't', description: 'd', channel: 'HOTLINE', severity, phase: 'AFTER_SALE', category } }))
      .createComplaint;
    for (const [action, extra] of actions) {
      c = (await cs.ok(staffResi, T, { input: { id: c.id, expectedVersion: c.version, action, note: 'n', handlerId: demoSegmentPersonId('RESI', 'staff'), ...(extra ?? {}) } }))
        .transitionComplaint;
    }
    return c;
  }
  const RANGE = { from: local('2026-11-01T00:00:00').toISOString(), to: local('2026-11-03T00:00:00').toISOString() };

  beforeAll(async () => {
    // Assignees and owners must be on the employee roster: organization's demo employees.
    cs = await startCustomerService(kind, { label: 'cs-reports', now: '2026-11-02T09:00:00', roster: true });
    for (const [id, code] of [
      [B1, 'JARE-1'],
      [B2, 'JARE-2'],
    ]) {
      await cs.app.dataSource.query('INSERT INTO service_branch (id, code, name, company_id, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        id,
        code,
        code,
        JARE.id,
        '2026-01-01 00:00:00',
        '2026-01-01 00:00:00',
        1,
      ]);
    }
    const customer = async (name: string) =>
      (await cs.ok(staffResi, `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, { input: { name, kind: 'INDIVIDUAL', segmentId: RESI.id } }))
        .createCustomer.id;
    const c1 = await customer('甲');
    const c2 = await customer('乙');
    cs.setNow('2026-11-02T09:00:00');
    const settle = (score: number): [string, Record<string, unknown>?][] => [['ACCEPT'], ['ASSIGN'], ['START'], ['RESOLVE'], ['REVISIT', { satisfaction: score }], ['CLOSE']];
    await complaint(c1, B1, 'GENERAL', settle(5));
    await complaint(c2, B1, 'GENERAL', settle(3), 'QUALITY');
    await complaint(c1, B2, 'MAJOR', []); // first response due 11:00, never given
    await complaint(c1, B2, 'GENERAL', [['REJECT']]);
    cs.setNow('2026-11-02T15:00:00');
    await cs.app.services.escalation.run();
  });
  afterAll(() => cs?.stop());

  const SLA = `query ($by: ComplaintReportDimension!, $from: DateTimeISO!, $to: DateTimeISO!) { complaintSlaReport(by: $by, from: $from, to: $to) {
    groupId total open firstResponseOnTime firstResponseBreached resolutionOnTime resolutionBreached complianceRate openUnder1Day open1To3Days open3To7Days openOver7Days } }`;

  it('reports SLA compliance and backlog ageing per branch, company and segment (CS-M11)', async () => {
    const byBranch = (await cs.ok(executive, SLA, { by: 'BRANCH', ...RANGE })).complaintSlaReport;
    expect(byBranch).toEqual([
      {
        groupId: B1,
        total: 2,
        open: 0,
        firstResponseOnTime: 2,
        firstResponseBreached: 0,
        resolutionOnTime: 2,
        resolutionBreached: 0,
        complianceRate: 1,
        openUnder1Day: 0,
        open1To3Days: 0,
        open3To7Days: 0,
        openOver7Days: 0,
      },
      {
        groupId: B2,
        total: 2,
        open: 1,
        firstResponseOnTime: 1,
        firstResponseBreached: 1,
        resolutionOnTime: 0,
        resolutionBreached: 0,
        complianceRate: 0.5,
        openUnder1Day: 1,
        open1To3Days: 0,
        open3To7Days: 0,
        openOver7Days: 0,
      },
    ]);
    expect((await cs.ok(executive, SLA, { by: 'COMPANY', ...RANGE })).complaintSlaReport).toMatchObject([{ groupId: JARE.id, total: 4, complianceRate: 0.8333 }]);
    expect((await cs.ok(staffResi, SLA, { by: 'SEGMENT', ...RANGE })).complaintSlaReport).toMatchObject([{ groupId: RESI.id, total: 4 }]);
    // Ageing moves with the clock.
    cs.setNow('2026-11-06T15:00:00');
    expect((await cs.ok(executive, SLA, { by: 'BRANCH', ...RANGE })).complaintSlaReport[1]).toMatchObject({ openUnder1Day: 0, open3To7Days: 1 });
    cs.setNow('2026-11-02T15:00:00');
  });

  it('keeps reports inside what the viewer can see (CS-R35) and checks the range', async () => {
    expect((await cs.ok(staffComm, SLA, { by: 'BRANCH', ...RANGE })).complaintSlaReport).toEqual([]);
    expect(errorOf(await cs.exec(executive, SLA, { by: 'BRANCH', from: RANGE.to, to: RANGE.from }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'REPORT_RANGE_INVALID' });
  });

  it('counts complaints by channel, severity and phase over time (CS-M10, CS-M15)', async () => {
    const q = `query ($from: DateTimeISO!, $to: DateTimeISO!) { complaintVolumeReport(interval: DAY, from: $from, to: $to) { period channel severity phase category count } }`;
    expect((await cs.ok(executive, q, RANGE)).complaintVolumeReport).toEqual([
      { period: '2026-11-02', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE', category: 'OTHER', count: 2 },
      { period: '2026-11-02', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE', category: 'QUALITY', count: 1 },
      { period: '2026-11-02', channel: 'HOTLINE', severity: 'MAJOR', phase: 'AFTER_SALE', category: 'OTHER', count: 1 },
    ]);
  });

  const ASSESS = `query ($from: DateTimeISO!, $to: DateTimeISO!) { branchAssessment(from: $from, to: $to) {
    rank totalScore complaints branch { id code } indicators { indicator weight numerator denominator value score } } }`;

  it('ranks branches on weighted indicators and shows the figures behind every score (G-05, CS-M12)', async () => {
    const rows = (await cs.ok(executive, ASSESS, RANGE)).branchAssessment;
    expect(rows.map((r: any) => [r.branch.id, r.rank, r.totalScore, r.complaints])).toEqual([
      [B1, 1, 95, 2],
      [B2, 2, 35.71, 2],
    ]);
    const b2 = Object.fromEntries(rows[1].indicators.map((i: any) => [i.indicator, i]));
    expect(b2.SLA_COMPLIANCE).toEqual({ indicator: 'SLA_COMPLIANCE', weight: 30, numerator: 1, denominator: 2, value: 0.5, score: 50 });
    expect(b2.RESOLUTION_RATE).toMatchObject({ numerator: 0, denominator: 1, score: 0 });
    expect(b2.AVERAGE_SATISFACTION).toMatchObject({ denominator: 0, value: null, score: null });
    expect(b2.REPEAT_COMPLAINT_RATE).toMatchObject({ numerator: 1, denominator: 2, score: 50 });
    expect(b2.ESCALATION_RATE).toMatchObject({ numerator: 1, denominator: 2, score: 50 });
    const b1 = Object.fromEntries(rows[0].indicators.map((i: any) => [i.indicator, i]));
    expect(b1.AVERAGE_SATISFACTION).toMatchObject({ numerator: 8, denominator: 2, value: 4, score: 75 });
  });

  it('uses configurable weights, changed by group executives only', async () => {
    const SET = `mutation ($w: Int!, $v: Int!) { setAssessmentWeight(indicator: SLA_COMPLIANCE, weight: $w, expectedVersion: $v) { indicator weight version } }`;
    const { version } = (await cs.ok(executive, `{ assessmentWeights { indicator version } }`)).assessmentWeights.find((w: any) => w.indicator === 'SLA_COMPLIANCE');
    expect(errorOf(await cs.exec(staffResi, SET, { w: 0, v: version }))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
    expect(errorOf(await cs.exec(executive, SET, { w: 101, v: version }))).toEqual({ code: 'BAD_USER_INPUT', reason: 'ASSESSMENT_WEIGHT_INVALID' });
    const set = (await cs.ok(executive, SET, { w: 0, v: version })).setAssessmentWeight;
    expect(set).toEqual({ indicator: 'SLA_COMPLIANCE', weight: 0, version: version + 1 });
    const rows = (await cs.ok(executive, ASSESS, RANGE)).branchAssessment;
    expect(rows[1].totalScore).toBe(25);
    await cs.ok(executive, SET, { w: 30, v: set.version });
    expect((await cs.ok(executive, `{ assessmentWeights { indicator weight } }`)).assessmentWeights).toHaveLength(6);
  });

  it('CS-R03 received time: reports, the assessment and the indicators to marketing count a complaint when it was received, not when it was registered', async () => {
    const customerId = (
      await cs.ok(staffResi, `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, { input: { name: '丙', kind: 'INDIVIDUAL', segmentId: RESI.id } })
    ).createCustomer.id;
    cs.setNow('2026-12-01T10:00:00'); // registered on 1 December from the hotline log of 28 November
    await cs.ok(staffResi, CREATE, {
      input: {
        customerId,
        branchId: B1,
        title: 'late',
        description: 'd',
        channel: 'HOTLINE',
        severity: 'GENERAL',
        phase: 'PRE_SALE',
        receivedAt: local('2026-11-28T10:00:00').toISOString(),
      },
    });
    const NOV = { from: local('2026-11-01T00:00:00').toISOString(), to: local('2026-12-01T00:00:00').toISOString() };
    const DEC = { from: NOV.to, to: local('2027-01-01T00:00:00').toISOString() };
    const vol = `query ($from: DateTimeISO!, $to: DateTimeISO!) { complaintVolumeReport(interval: MONTH, from: $from, to: $to) { period phase count } }`;
    expect((await cs.ok(executive, vol, NOV)).complaintVolumeReport.filter((r: any) => r.phase === 'PRE_SALE')).toEqual([{ period: '2026-11', phase: 'PRE_SALE', count: 1 }]);
    expect((await cs.ok(executive, vol, DEC)).complaintVolumeReport).toEqual([]);
    const b1 = async (range: typeof NOV) => (await cs.ok(executive, SLA, { by: 'BRANCH', ...range })).complaintSlaReport.find((r: any) => r.groupId === B1)?.total ?? 0;
    expect([await b1(NOV), await b1(DEC)]).toEqual([3, 0]);
    // Ageing since receipt: three days old at registration.
    expect((await cs.ok(executive, SLA, { by: 'BRANCH', ...NOV })).complaintSlaReport.find((r: any) => r.groupId === B1)).toMatchObject({
      open: 1,
      open3To7Days: 1,
      openUnder1Day: 0,
    });
    const assessed = async (range: typeof NOV) => (await cs.ok(executive, ASSESS, range)).branchAssessment.find((r: any) => r.branch.id === B1)?.complaints ?? 0;
    expect([await assessed(NOV), await assessed(DEC)]).toEqual([3, 0]);
    // Published to marketing on the day it was received (UTC days).
    const sent: IndicatorObservation[] = [];
    await new IndicatorPublisher(cs.app.dataSource, { indicators: async (o) => void sent.push(...o), segments: async () => undefined }, () => new Date(cs.now())).run();
    expect(sent.filter((o) => o.customerId === customerId).map((o) => [o.code, o.asOf.toISOString(), o.value])).toEqual([['COMPLAINT_COUNT', '2026-11-28T00:00:00.000Z', 1]]);
    cs.setNow('2026-11-02T15:00:00');
  });
});
