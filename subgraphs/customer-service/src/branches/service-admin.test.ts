import 'reflect-metadata';
import { addBusinessMinutes, DEMO_COMPANIES, DEMO_SEGMENTS, demoSegmentPersonId, Role, Viewer } from '@group/shared';
import { OperationResult, testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, type CsTestApp } from '../testing/harness';
import { periodOf, ReportInterval } from '../reports/complaint-report.service';

/**
 * Issue 4, the customer-service organisation and the rest of the rapid
 * response: branches and service staff administered through the API (staff
 * membership widens complaint visibility, CS-R35 / G-06), per-company working
 * calendars that drive the SLA clock, manual escalation (CS-R03), and the
 * volume report in local time with ISO weeks.
 */
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const COMM = DEMO_SEGMENTS.find((s) => s.code === 'COMM')!;
const [JARE, OTHER] = [DEMO_COMPANIES.find((c) => c.code === 'JARE')!, DEMO_COMPANIES.find((c) => c.code !== 'JARE' && c.kind !== 'GROUP')!];
const viewer = (role: Role, segmentIds: string[], employeeId: string | null = null): Viewer => ({ accountId: `acc-${role}-${segmentIds.join('-')}`, employeeId, role, segmentIds });
const staffResi = viewer(Role.BUSINESS_STAFF, [RESI.id], demoSegmentPersonId('RESI', 'staff'));
const staffComm = viewer(Role.BUSINESS_STAFF, [COMM.id], demoSegmentPersonId('COMM', 'staff'));
const headResi = viewer(Role.SEGMENT_HEAD, [RESI.id], demoSegmentPersonId('RESI', 'head'));
const adminResi = viewer(Role.SEGMENT_ADMIN, [RESI.id], demoSegmentPersonId('RESI', 'admin'));
const executive = viewer(Role.GROUP_EXECUTIVE, []);
const sysadmin = viewer(Role.SYSTEM_ADMIN, []);
const local = (s: string) => new Date(`${s}+08:00`);

describe.each(testDatabaseKinds())('customer-service organisation, calendars and manual escalation on %s', (kind) => {
  let cs: CsTestApp;
  let customerId: string;

  const reason = (r: OperationResult) => r.errors?.[0]?.extensions?.reason;
  const CREATE_BRANCH = `mutation ($input: CreateServiceBranchInput!) { createServiceBranch(input: $input) { id code name version } }`;
  const COMPLAINT = `mutation ($input: CreateComplaintInput!) { createComplaint(input: $input) { id version firstResponseDueAt responseTier } }`;
  const newComplaint = (branchId: string, by: Viewer = staffResi) =>
    cs
      .ok(by, COMPLAINT, { input: { customerId, branchId, title: 't', description: 'd', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' } })
      .then((d) => d.createComplaint);
  const branch = (companyId: string, code: string) => cs.ok(executive, CREATE_BRANCH, { input: { companyId, code, name: `分部 ${code}` } }).then((d) => d.createServiceBranch);

  beforeAll(async () => {
    cs = await startCustomerService(kind, { label: 'cs-admin', now: '2026-11-02T17:00:00' });
    customerId = (
      await cs.ok(staffResi, `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, {
        input: { name: '客户甲', kind: 'INDIVIDUAL', segmentId: RESI.id },
      })
    ).createCustomer.id;
  });
  afterAll(() => cs?.stop());

  it('branches are created and renamed (versioned) by executives and system administrators only', async () => {
    for (const v of [staffResi, headResi, adminResi]) {
      expect(reason(await cs.exec(v, CREATE_BRANCH, { input: { companyId: JARE.id, code: 'X-1', name: 'x' } }))).toBe('ROLE_FORBIDDEN');
    }
    const b = await branch(JARE.id, 'jare-north');
    expect(b).toMatchObject({ code: 'JARE-NORTH', version: 1 });
    expect(reason(await cs.exec(sysadmin, CREATE_BRANCH, { input: { companyId: JARE.id, code: 'JARE-NORTH', name: 'dup' } }))).toBe('SERVICE_BRANCH_CODE_TAKEN');
    const UPDATE = `mutation ($input: UpdateServiceBranchInput!) { updateServiceBranch(input: $input) { name version } }`;
    expect((await cs.ok(sysadmin, UPDATE, { input: { id: b.id, expectedVersion: 1, name: '北区分部' } })).updateServiceBranch).toEqual({ name: '北区分部', version: 2 });
    expect(reason(await cs.exec(executive, UPDATE, { input: { id: b.id, expectedVersion: 1, name: 'stale' } }))).toBe('STALE_VERSION');
  });

  it('CS-R35 G-06 service staff of a branch see its complaints across segments, until removed', async () => {
    const b = await branch(JARE.id, 'JARE-STAFF');
    const c = await newComplaint(b.id);
    const read = async () => (await cs.exec(staffComm, `{ complaint(id: "${c.id}") { id } }`)).data?.complaint ?? null;
    expect(await read()).toBeNull();
    expect(reason(await cs.exec(staffResi, `mutation { assignServiceStaff(employeeId: "${staffComm.employeeId}", branchId: "${b.id}") { branch { id } } }`))).toBe(
      'ROLE_FORBIDDEN',
    );
    const assigned = await cs.ok(executive, `mutation { assignServiceStaff(employeeId: "${staffComm.employeeId}", branchId: "${b.id}") { employee { id } branch { code } } }`);
    expect(assigned.assignServiceStaff).toEqual({ employee: { id: staffComm.employeeId }, branch: { code: 'JARE-STAFF' } });
    expect((await cs.ok(staffResi, `{ serviceStaff(branchId: "${b.id}") { employee { id } } }`)).serviceStaff).toEqual([{ employee: { id: staffComm.employeeId } }]);
    expect(await read()).toEqual({ id: c.id });
    await cs.ok(executive, `mutation { removeServiceStaff(employeeId: "${staffComm.employeeId}") }`);
    expect(await read()).toBeNull();
  });

  it("a company's own calendar and holidays drive its complaints' SLA clocks; other companies keep the group default", async () => {
    const def = (await cs.ok(staffResi, `{ workingCalendar(companyId: null) { utcOffsetMinutes dayStartMinute dayEndMinute workingWeekdays } }`)).workingCalendar;
    const SET_DAY = `mutation ($input: SetCalendarDayInput!) { setCalendarDay(input: $input) }`;
    expect(reason(await cs.exec(executive, SET_DAY, { input: { date: '2026-11-03', kind: 'HOLIDAY', companyId: JARE.id } }))).toBe('COMPANY_CALENDAR_MISSING');
    const SET_CAL = `mutation ($input: SetCompanyCalendarInput!) { setCompanyCalendar(input: $input) { company { id } workingWeekdays } }`;
    expect(reason(await cs.exec(executive, SET_CAL, { input: { companyId: JARE.id, name: 'x', ...def, workingWeekdays: [8] } }))).toBe('CALENDAR_WEEKDAYS_INVALID');
    expect((await cs.ok(executive, SET_CAL, { input: { companyId: JARE.id, name: '嘉安地产工作日历', ...def } })).setCompanyCalendar).toEqual({
      company: { id: JARE.id },
      workingWeekdays: def.workingWeekdays,
    });
    await cs.ok(executive, SET_DAY, { input: { date: '2026-11-03', kind: 'HOLIDAY', name: '公司庆典', companyId: JARE.id } });
    const days = await cs.ok(staffResi, `{ workingCalendar(companyId: "${JARE.id}") { days(from: "2026-11-01", to: "2026-11-30") { date kind name } } }`);
    expect(days.workingCalendar.days).toEqual([{ date: '2026-11-03', kind: 'HOLIDAY', name: '公司庆典' }]);

    cs.setNow('2026-11-02T17:00:00');
    const atJare = await newComplaint((await branch(JARE.id, 'JARE-CAL')).id);
    const atOther = await newComplaint((await branch(OTHER.id, 'OTHER-CAL')).id);
    // Same policy, same instant: JARE's clock skips its Tuesday holiday, exactly one working day later.
    expect(new Date(atJare.firstResponseDueAt).getTime() - new Date(atOther.firstResponseDueAt).getTime()).toBe(24 * 3600 * 1000);
  });

  it("the group calendar's public holidays apply to a company with its own calendar unless it declares the date otherwise", async () => {
    const SET_DAY = `mutation ($input: SetCalendarDayInput!) { setCalendarDay(input: $input) }`;
    const def = (await cs.ok(staffResi, `{ workingCalendar(companyId: null) { utcOffsetMinutes dayStartMinute dayEndMinute workingWeekdays } }`)).workingCalendar;
    await cs.ok(executive, `mutation ($input: SetCompanyCalendarInput!) { setCompanyCalendar(input: $input) { id } }`, {
      input: { companyId: OTHER.id, name: '自有日历', ...def },
    });
    for (const date of ['2026-10-01', '2026-10-02']) await cs.ok(executive, SET_DAY, { input: { date, kind: 'HOLIDAY', name: '国庆节' } }); // group calendar
    await cs.ok(executive, SET_DAY, { input: { date: '2026-10-02', kind: 'MAKE_UP_WORKDAY', name: '公司上班', companyId: OTHER.id } });
    const days = await cs.ok(staffResi, `{ workingCalendar(companyId: "${OTHER.id}") { days(from: "2026-10-01", to: "2026-10-10") { date kind } } }`);
    expect(days.workingCalendar.days).toEqual([
      { date: '2026-10-01', kind: 'HOLIDAY' },
      { date: '2026-10-02', kind: 'MAKE_UP_WORKDAY' },
    ]);
    cs.setNow('2026-09-30T17:00:00'); // Wednesday, one working hour left
    const c = await newComplaint((await branch(OTHER.id, 'OTHER-GRP')).id);
    // Thursday 1st is the group's holiday, Friday 2nd worked at this company: the clock runs on Friday.
    const { firstResponseMinutes } = (await cs.ok(executive, `{ slaPolicies { severity firstResponseMinutes } }`)).slaPolicies.find((p: any) => p.severity === 'GENERAL');
    const cal = { utcOffsetMinutes: 480, dayStartMinute: def.dayStartMinute, dayEndMinute: def.dayEndMinute, workingWeekdays: new Set<number>(def.workingWeekdays) };
    const due = (holidays: string[], makeUpWorkdays: string[]) =>
      addBusinessMinutes({ ...cal, holidays: new Set(holidays), makeUpWorkdays: new Set(makeUpWorkdays) }, new Date(cs.now()), firstResponseMinutes).toISOString();
    expect(c.firstResponseDueAt).toBe(due(['2026-10-01'], ['2026-10-02']));
    expect(c.firstResponseDueAt).not.toBe(due(['2026-10-01', '2026-10-02'], []));
    for (const date of ['2026-10-01', '2026-10-02']) await cs.ok(executive, SET_DAY, { input: { date, kind: null } });
  });

  it('CS-R03 handlers raise a complaint one level by hand, recorded on the timeline; administrators may not', async () => {
    const b = await branch(JARE.id, 'JARE-ESC');
    const c = await newComplaint(b.id);
    expect(c.responseTier).toBe('BRANCH');
    const ESC = `mutation ($input: EscalateComplaintInput!) { escalateComplaint(input: $input) { version responseTier timeline(first: 10) { edges { node { kind note actorAccountId } } } } }`;
    expect(reason(await cs.exec(adminResi, ESC, { input: { complaintId: c.id, expectedVersion: c.version, note: 'x' } }))).toBe('ROLE_FORBIDDEN');
    expect((await cs.exec(staffComm, ESC, { input: { complaintId: c.id, expectedVersion: c.version, note: 'x' } })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const up = (await cs.ok(headResi, ESC, { input: { complaintId: c.id, expectedVersion: c.version, note: '客户情绪激烈' } })).escalateComplaint;
    expect(up.responseTier).toBe('COMPANY');
    expect(up.timeline.edges.map((e: any) => e.node)).toContainEqual({ kind: 'ESCALATED', note: 'MANUAL: 客户情绪激烈', actorAccountId: headResi.accountId });
    expect(reason(await cs.exec(headResi, ESC, { input: { complaintId: c.id, expectedVersion: c.version, note: 'again' } }))).toBe('STALE_VERSION');
    const top = (await cs.ok(executive, ESC, { input: { complaintId: c.id, expectedVersion: up.version, note: '集团督办' } })).escalateComplaint;
    expect(top.responseTier).toBe('GROUP_CENTER');
    expect(reason(await cs.exec(executive, ESC, { input: { complaintId: c.id, expectedVersion: top.version, note: 'more' } }))).toBe('ALREADY_AT_TOP_LEVEL');
  });

  it('CS-R03 G-04 the escalation job raises a complaint whose FIRST response is at risk, before it is overdue', async () => {
    const { version } = (await cs.ok(executive, `{ slaPolicies { severity version } }`)).slaPolicies.find((p: any) => p.severity === 'GENERAL');
    await cs.ok(
      executive,
      `mutation { setSlaPolicy(input: { severity: GENERAL, expectedVersion: ${version}, firstResponseMinutes: 100, resolutionMinutes: 6000, warnPercent: 50 }) { severity } }`,
    );
    cs.setNow('2026-11-09T10:00:00'); // Monday, working hours
    const c = await newComplaint((await branch(JARE.id, 'JARE-RISK')).id);
    const RUN = `mutation { runEscalation { escalated } }`;
    const tier = async () => (await cs.ok(executive, `{ complaint(id: "${c.id}") { responseTier timeline(first: 10) { edges { node { kind note } } } } }`)).complaint;
    cs.setNow('2026-11-09T10:45:00');
    await cs.ok(executive, RUN);
    expect((await tier()).responseTier).toBe('BRANCH');
    cs.setNow('2026-11-09T10:55:00'); // past 50 of 100 business minutes
    await cs.ok(executive, RUN);
    const after = await tier();
    expect(after.responseTier).toBe('COMPANY');
    expect(after.timeline.edges.map((e: any) => e.node)).toContainEqual({ kind: 'ESCALATED', note: 'FIRST_RESPONSE_AT_RISK' });
  });

  it('G-04 G-19 an escalation notifies who answers at the new tier, once, and each reads only their own', async () => {
    const b = await branch(JARE.id, 'JARE-NOTE');
    const centre = adminResi.employeeId!;
    await cs.ok(executive, `mutation { assignServiceStaff(employeeId: "${staffComm.employeeId}", branchId: "${b.id}") { branch { id } } }`);
    await cs.ok(executive, `mutation { assignServiceStaff(employeeId: "${centre}", branchId: null) { branch { id } } }`);
    try {
      const c = await newComplaint(b.id);
      const ESC = `mutation ($input: EscalateComplaintInput!) { escalateComplaint(input: $input) { version } }`;
      const NOTES = `{ myNotifications(unreadOnly: true) { id kind subjectId message } }`;
      const v2 = (await cs.ok(headResi, ESC, { input: { complaintId: c.id, expectedVersion: c.version, note: '升级' } })).escalateComplaint.version;
      const mine = (await cs.ok(staffComm, NOTES)).myNotifications.filter((n: any) => n.subjectId === c.id);
      expect(mine).toEqual([expect.objectContaining({ kind: 'COMPLAINT_ESCALATED', subjectId: c.id })]);
      expect(mine[0].message).toContain('company');
      expect((await cs.ok(adminResi, NOTES)).myNotifications.filter((n: any) => n.subjectId === c.id)).toEqual([]);
      await cs.ok(executive, ESC, { input: { complaintId: c.id, expectedVersion: v2, note: '集团' } });
      await cs.ok(executive, `mutation { runEscalation { escalated } }`);
      const centreNotes = (await cs.ok(adminResi, NOTES)).myNotifications.filter((n: any) => n.subjectId === c.id);
      expect(centreNotes).toHaveLength(1);
      expect(centreNotes[0].message).toContain('Customer Service Center');
      expect((await cs.ok(staffComm, `mutation { markNotificationsRead(ids: ["${centreNotes[0].id}"]) }`)).markNotificationsRead).toBe(0);
      expect((await cs.ok(staffComm, `mutation { markNotificationsRead(ids: ["${mine[0].id}"]) }`)).markNotificationsRead).toBe(1);
      expect((await cs.ok(staffComm, NOTES)).myNotifications.filter((n: any) => n.subjectId === c.id)).toEqual([]);
    } finally {
      await cs.ok(executive, `mutation { removeServiceStaff(employeeId: "${staffComm.employeeId}") }`);
      await cs.ok(executive, `mutation { removeServiceStaff(employeeId: "${centre}") }`);
    }
  });

  it('CS-M15 the volume report cuts periods in local time (a complaint at 07:00 local is not on the previous UTC day) and by ISO week', async () => {
    const b = await branch(JARE.id, 'JARE-VOL');
    cs.setNow('2026-11-05T07:00:00'); // 2026-11-04T23:00Z
    await newComplaint(b.id);
    const q = (interval: string, offset?: number) =>
      cs.ok(
        executive,
        `query ($from: DateTimeISO!, $to: DateTimeISO!, $o: Int) { complaintVolumeReport(interval: ${interval}, from: $from, to: $to, utcOffsetMinutes: $o) { period count } }`,
        {
          from: local('2026-11-05T00:00:00').toISOString(),
          to: local('2026-11-06T00:00:00').toISOString(),
          o: offset,
        },
      );
    expect((await q('DAY')).complaintVolumeReport).toEqual([{ period: '2026-11-05', count: 1 }]);
    expect((await q('DAY', 0)).complaintVolumeReport).toEqual([{ period: '2026-11-04', count: 1 }]);
    expect((await q('WEEK')).complaintVolumeReport).toEqual([{ period: '2026-W45', count: 1 }]);
    expect(
      (await cs.exec(executive, `{ complaintVolumeReport(interval: DAY, from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z", utcOffsetMinutes: 100000) { period } }`))
        .errors?.[0]?.extensions?.reason,
    ).toBe('REPORT_OFFSET_INVALID');
  });

  it('ISO weeks at year boundaries', () => {
    expect(periodOf('2026-01-01', ReportInterval.WEEK)).toBe('2026-W01'); // a Thursday
    expect(periodOf('2027-01-01', ReportInterval.WEEK)).toBe('2026-W53'); // a Friday of 2026's last week
    expect(periodOf('2024-12-30', ReportInterval.WEEK)).toBe('2025-W01');
    expect(periodOf('2026-11-05', ReportInterval.MONTH)).toBe('2026-11');
  });
});
