import { DEMO_COMPANIES, DEMO_SEGMENTS, demoSegmentPersonId, Role, stableId, Viewer } from '@group/shared';
import { EconomicPenalty } from './compliance.entity';
import { PolicyVersion, PolicyVersionStatus } from '../policies/policy.entity';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoAccountId, DEMO_CIRCULAR_ID, DEMO_OPERATOR_KEY, demoOperatorEmployeeId } from '../accounts/account-demo.seed';

const seg = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!.id;
const operator = (): Viewer => ({ accountId: demoAccountId(DEMO_OPERATOR_KEY), employeeId: demoOperatorEmployeeId(), role: Role.BUSINESS_STAFF, segmentIds: [] });
const staff = (code: string): Viewer => ({ ...viewers.staff(code), accountId: demoAccountId(`staff.${code.toLowerCase()}`), employeeId: demoSegmentPersonId(code, 'staff') });
const DAY = 86_400_000;
const today = () => {
  const n = new Date();
  return new Date(Date.UTC(n.getUTCFullYear(), n.getUTCMonth(), n.getUTCDate()));
};
const REPORT =
  'query($p: PeriodInput!, $s: ID, $c: ID, $only: Boolean) { loginCompliance(period: $p, segmentId: $s, companyId: $c, onlyNonCompliant: $only) { account { email } requiredWorkingDays workingDaysMissed tripWeeks tripWeeksUnderTwoLogins compliant } }';
const byEmail = (rows: any[]) => Object.fromEntries(rows.map((r) => [r.account.email, r]));
const INACTIVE = 'query($s: ID) { inactiveAccounts(segmentId: $s) { account { email } lastLoginAt } }';

describe.each(testDatabaseKinds())('login compliance on %s', (kind) => {
  let t: OrgTestApp;
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_login_compliance');
  });
  afterAll(() => t?.stop());
  const period = () => ({ from: new Date(today().getTime() - 21 * DAY).toISOString(), to: today().toISOString() });

  it('CS-R21 / CS-R22: a login each working day, two a week on a business trip; computed in SQL (statements do not grow with accounts)', async () => {
    const before = t.app.counter.count;
    const rows = (await ok(t, viewers.executive(), REPORT, { p: period() })).loginCompliance;
    expect(t.app.counter.count - before).toBeLessThanOrEqual(4); // companies in scope, days, weeks, accounts
    const r = byEmail(rows);
    expect(r['staff.resi@example.com']).toMatchObject({ requiredWorkingDays: 15, workingDaysMissed: 0, tripWeeks: 0, compliant: true });
    expect(r['staff.comm@example.com']).toMatchObject({ requiredWorkingDays: 15, workingDaysMissed: 3, compliant: false });
    expect(r['staff.cons@example.com']).toMatchObject({ workingDaysMissed: 15, compliant: false });
    // on a trip last week: the daily rule is replaced by two logins that week
    expect(r['staff.prop@example.com']).toMatchObject({ requiredWorkingDays: 10, workingDaysMissed: 0, tripWeeks: 1, tripWeeksUnderTwoLogins: 0, compliant: true });
    expect(r['staff.engy@example.com']).toMatchObject({ requiredWorkingDays: 10, workingDaysMissed: 0, tripWeeks: 1, tripWeeksUnderTwoLogins: 1, compliant: false });
    expect(r['staff.trad@example.com']).toBeUndefined(); // frozen
    expect(r['sysadmin@example.com']).toBeUndefined();
    const bad = (await ok(t, viewers.executive(), REPORT, { p: period(), only: true })).loginCompliance.map((x: any) => x.account.email).sort();
    expect(bad).toEqual(['staff.comm@example.com', 'staff.cons@example.com', 'staff.engy@example.com']);
    const jare = DEMO_COMPANIES.find((c) => c.code === 'JARE')!.id;
    expect(byEmail((await ok(t, viewers.executive(), REPORT, { p: period(), c: jare, only: true })).loginCompliance)).toHaveProperty(['staff.comm@example.com']);
    expect((await ok(t, viewers.executive(), REPORT, { p: period(), s: seg('RESI') })).loginCompliance).toHaveLength(3);
    expect((await fails(t, viewers.executive(), REPORT, { p: { from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' } })).reason).toBe('PERIOD_TOO_LONG');
  });

  it('CS-R20: the CRM rules apply to the CRM account holders of the group and of every subsidiary, and to no one else', async () => {
    const emails = async (companyId: string) => (await ok(t, viewers.executive(), REPORT, { p: period(), c: companyId })).loginCompliance.map((r: any) => r.account.email);
    const perCompany = Object.fromEntries(await Promise.all(DEMO_COMPANIES.map(async (c) => [c.code, (await emails(c.id)).length > 0])));
    expect(perCompany).toEqual(Object.fromEntries(DEMO_COMPANIES.map((c) => [c.code, true])));
    const all = (await ok(t, viewers.executive(), REPORT, { p: period() })).loginCompliance.map((r: any) => r.account.email);
    expect(all).not.toContain('sysadmin@example.com'); // no CRM account: the rules do not apply
  });

  it('CS-R22: a business trip recorded (OA integration or the segment admin) turns the daily duty into two logins that week', async () => {
    const REC = 'mutation($i: RecordTravelPeriodInput!) { recordTravelPeriod(input: $i) { id source startsAt endsAt } }';
    const from = new Date(today().getTime() - 21 * DAY);
    const monday = new Date(from.getTime() + ((8 - from.getUTCDay()) % 7) * DAY); // first Monday of the period
    const i = { employeeId: demoSegmentPersonId('HOTL', 'staff'), startsAt: monday.toISOString(), endsAt: new Date(monday.getTime() + 3 * DAY).toISOString() };
    for (const v of [viewers.executive(), viewers.head('HOTL'), { ...viewers.staff('HOTL'), role: Role.SEGMENT_ADMIN, segmentIds: [seg('RESI')] }]) {
      expect((await fails(t, v, REC, { i })).reason).toBe('TRAVEL_RECORD_FORBIDDEN');
    }
    const hotlAdmin: Viewer = { accountId: demoAccountId('admin.hotl'), employeeId: null, role: Role.SEGMENT_ADMIN, segmentIds: [seg('HOTL')] };
    expect((await ok(t, hotlAdmin, REC, { i })).recordTravelPeriod.source).toBe('SEGMENT_ADMIN');
    const row = (await ok(t, viewers.executive(), REPORT, { p: period() })).loginCompliance.find((r: any) => r.account.email === 'staff.hotl@example.com');
    expect(row).toMatchObject({ requiredWorkingDays: 10, workingDaysMissed: 0, tripWeeks: 1, tripWeeksUnderTwoLogins: 0, compliant: true });
  });

  it('reports are scoped: heads their segment, staff themselves, the marketing department all, system admins nothing', async () => {
    const emails = async (v: Viewer) => (await ok(t, v, REPORT, { p: period() })).loginCompliance.map((x: any) => x.account.email).sort();
    expect(await emails(viewers.head('COMM'))).toEqual(['admin.comm@example.com', 'head.comm@example.com', 'staff.comm@example.com']);
    expect(await emails(staff('COMM'))).toEqual(['staff.comm@example.com']);
    expect((await emails(operator())).length).toBe((await emails(viewers.executive())).length);
    expect((await fails(t, viewers.sysadmin(), REPORT, { p: period() })).reason).toBe('COMPLIANCE_REPORT_FORBIDDEN');
    expect((await ok(t, viewers.head('RESI'), INACTIVE, {})).inactiveAccounts).toEqual([]);
  });

  it('CS-R27: accounts without a login for two consecutive weeks are listed, and the marketing department (only) issues the OA circular naming them', async () => {
    const inactive = (await ok(t, viewers.executive(), INACTIVE, {})).inactiveAccounts;
    expect(inactive).toEqual([{ account: { email: 'staff.cons@example.com' }, lastLoginAt: null }]);
    expect((await ok(t, viewers.head('CONS'), INACTIVE, { s: seg('CONS') })).inactiveAccounts).toHaveLength(1);
    const ISSUE = 'mutation($i: IssueCircularInput!) { issueComplianceCircular(input: $i) { id oaReference issuedBy { email } accounts { account { email } lastLoginAt } } }';
    for (const v of [viewers.executive(), viewers.sysadmin(), viewers.head('CONS')]) {
      expect((await fails(t, v, ISSUE, { i: { oaReference: 'OA-TB-9' } })).reason).toBe('NOT_MARKETING_OPERATOR');
    }
    const c = (await ok(t, operator(), ISSUE, { i: { oaReference: 'OA-TB-9' } })).issueComplianceCircular;
    expect(c).toMatchObject({ oaReference: 'OA-TB-9', issuedBy: { email: 'operator.mkt@example.com' }, accounts: [{ account: { email: 'staff.cons@example.com' } }] });
    const LIST = '{ complianceCirculars(first: 10) { totalCount edges { node { id accounts { account { email } } } } } }';
    const seen = (await ok(t, viewers.head('RESI'), LIST)).complianceCirculars;
    expect(seen.totalCount).toBe(2);
    expect(seen.edges.flatMap((e: any) => e.node.accounts)).toEqual([]); // listed accounts of other segments stay hidden
    const cons = (await ok(t, viewers.head('CONS'), LIST)).complianceCirculars.edges.map((e: any) => e.node);
    expect(cons.map((n: any) => n.id)).toEqual([c.id, DEMO_CIRCULAR_ID]);
    expect(cons[0].accounts).toEqual([{ account: { email: 'staff.cons@example.com' } }]);
  });

  it('CS-R27: two weeks are 14 local calendar days (UTC+8): a last login 13 days back is not listed, 14 days back is, whatever the hour', async () => {
    const INACTIVE_AT = 'query($at: DateTimeISO) { inactiveAccounts(asOf: $at) { account { email } lastLoginAt } }';
    const LOCAL = 8 * 3600_000;
    const localDay = (ms: number) => Math.floor((ms + LOCAL) / DAY) * DAY - LOCAL; // local midnight, as an instant
    const lastLogin = new Date(localDay(Date.now()) - 24 * DAY + 20 * 3600_000); // 20:00 local, 24 days ago
    const at = (days: number, hhmm: string) => new Date(localDay(lastLogin.getTime()) + days * DAY + (+hhmm.slice(0, 2) * 60 + +hhmm.slice(3)) * 60_000).toISOString();
    const listed = async (asOf: string) =>
      (await ok(t, viewers.executive(), INACTIVE_AT, { at: asOf })).inactiveAccounts.find((r: any) => r.account.email === 'staff.cons@example.com') ?? null;
    const ds = t.app.dataSource;
    await ds.query('INSERT INTO login_record (account_id, email, at, success) VALUES (?, ?, ?, ?)', [
      demoAccountId('staff.cons'),
      'staff.cons@example.com',
      lastLogin.toISOString().slice(0, 19).replace('T', ' '),
      1,
    ]);
    try {
      expect(await listed(at(13, '23:59'))).toBeNull(); // 13 local days later, 3h59 short of 14 × 24 h
      expect(await listed(at(14, '00:01'))).toEqual({ account: { email: 'staff.cons@example.com' }, lastLoginAt: lastLogin.toISOString() });
    } finally {
      await ds.query('DELETE FROM login_record WHERE account_id = ?', [demoAccountId('staff.cons')]);
    }
  });

  it("CS-R28: economic penalties recorded per the subsidiary's rules by the marketing department, visible per segment", async () => {
    const RECORD = 'mutation($i: RecordPenaltyInput!) { recordEconomicPenalty(input: $i) { offence amount ruleReference company { code } account { email } circular { id } } }';
    const i = { accountId: demoAccountId('staff.comm'), offence: 'DAILY_LOGIN_MISSED', amount: 50, ruleReference: 'JARE《CRM管理制度》第八条' };
    expect((await fails(t, viewers.executive(), RECORD, { i })).reason).toBe('NOT_MARKETING_OPERATOR');
    expect((await fails(t, operator(), RECORD, { i: { ...i, circularId: DEMO_CIRCULAR_ID } })).reason).toBe('NOT_ON_CIRCULAR');
    const p = (await ok(t, operator(), RECORD, { i })).recordEconomicPenalty;
    expect(p).toEqual({
      offence: 'DAILY_LOGIN_MISSED',
      amount: 50,
      ruleReference: 'JARE《CRM管理制度》第八条',
      company: { code: 'JARE' },
      account: { email: 'staff.comm@example.com' },
      circular: null,
    });
    const LIST = '{ economicPenalties(first: 10) { totalCount edges { node { offence account { email } circular { oaReference } } } } }';
    expect((await ok(t, viewers.executive(), LIST)).economicPenalties.totalCount).toBe(2);
    expect((await ok(t, viewers.head('COMM'), LIST)).economicPenalties.edges.map((e: any) => e.node.account.email)).toEqual(['staff.comm@example.com']);
    const cons = (await ok(t, staff('CONS'), LIST)).economicPenalties.edges.map((e: any) => e.node);
    expect(cons).toEqual([{ offence: 'NO_LOGIN_TWO_WEEKS', account: { email: 'staff.cons@example.com' }, circular: { oaReference: 'OA-TB-2026-0031' } }]);
    expect((await ok(t, viewers.head('RESI'), LIST)).economicPenalties.totalCount).toBe(0);
  });

  it("CS-R28: a penalty is linked to the CRM rules version in force when the offence occurred (the subsidiary's own, else the group's)", async () => {
    const RECORD = 'mutation($i: RecordPenaltyInput!) { recordEconomicPenalty(input: $i) { id occurredAt policyVersion { id versionNumber } } }';
    const base = { offence: 'DAILY_LOGIN_MISSED', amount: 20, ruleReference: '第八条' };
    const v = (key: string) => stableId('policy-version', key);
    // JAPM has its own rules (1.0 since 2015-03-01); JARE has none: the group's CRM policy (1.0 since 2014-08-01)
    const prop = (await ok(t, operator(), RECORD, { i: { ...base, accountId: demoAccountId('staff.prop') } })).recordEconomicPenalty;
    expect(prop.policyVersion).toEqual({ id: v('JAPM-CRM-1.0'), versionNumber: '1.0' });
    const comm = (await ok(t, operator(), RECORD, { i: { ...base, accountId: demoAccountId('staff.comm') } })).recordEconomicPenalty;
    expect(comm.policyVersion).toEqual({ id: v('JA-CRM-1.0'), versionNumber: '1.0' });
    // before JAPM's own rules: the group's applied; before any rules: refused, nothing written
    const early = (await ok(t, operator(), RECORD, { i: { ...base, accountId: demoAccountId('staff.prop'), occurredAt: '2014-12-01T00:00:00Z' } })).recordEconomicPenalty;
    expect(early.policyVersion.id).toBe(v('JA-CRM-1.0'));
    const count = () => t.app.dataSource.getRepository(EconomicPenalty).count();
    const n = await count();
    expect((await fails(t, operator(), RECORD, { i: { ...base, accountId: demoAccountId('staff.comm'), occurredAt: '2014-01-01T00:00:00Z' } })).reason).toBe(
      'NO_CRM_RULES_IN_FORCE',
    );
    expect((await fails(t, operator(), RECORD, { i: { ...base, accountId: demoAccountId('staff.comm'), occurredAt: new Date(Date.now() + DAY).toISOString() } })).reason).toBe(
      'OCCURRED_IN_FUTURE',
    );
    expect(await count()).toBe(n);
    // JAPM publishes 2.0 effective yesterday: an offence two days ago stays under 1.0, one today falls under 2.0
    const doc = await t.app.dataSource.getRepository(PolicyVersion).findOneByOrFail({ id: v('JAPM-CRM-1.0') });
    const yesterday = new Date(Date.now() - DAY);
    await t.app.dataSource
      .getRepository(PolicyVersion)
      .save({ ...doc, id: v('JAPM-CRM-2.0'), versionNumber: '2.0', effectiveFrom: yesterday, publishedAt: yesterday, predecessorId: doc.id, version: 1 });
    await t.app.dataSource.getRepository(PolicyVersion).update({ id: doc.id }, { status: PolicyVersionStatus.SUPERSEDED });
    const before = (await ok(t, operator(), RECORD, { i: { ...base, accountId: demoAccountId('staff.prop'), occurredAt: new Date(Date.now() - 2 * DAY).toISOString() } }))
      .recordEconomicPenalty;
    expect(before.policyVersion.id).toBe(v('JAPM-CRM-1.0'));
    const after = (await ok(t, operator(), RECORD, { i: { ...base, accountId: demoAccountId('staff.prop') } })).recordEconomicPenalty;
    expect(after.policyVersion.id).toBe(v('JAPM-CRM-2.0'));
    // the seeded penalty (JACN, no own rules) and visibility of the version: the group's documents are readable by every segment
    const seeded = await ok(t, staff('CONS'), '{ economicPenalties(first: 5) { edges { node { occurredAt policyVersion { versionNumber } } } } }');
    expect(seeded.economicPenalties.edges.map((e: any) => e.node.policyVersion)).toEqual([{ versionNumber: '1.0' }]);
  });
});
