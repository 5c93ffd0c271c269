import { createSubgraphApp, loadSubgraphConfig, SubgraphApp, systemClock } from '@group/shared';
import { createTestDatabase, exec, ok, TestDatabase, testDatabaseKinds } from '@group/shared/testing';
import { customerServiceModule } from '../../subgraphs/customer-service/src/module';
import type { CustomerServiceLoaders, CustomerServiceServices } from '../../subgraphs/customer-service/src/context';
import { organizationModule } from '../../subgraphs/organization/src/module';
import { createOrganizationServices } from '../../subgraphs/organization/src/context';
import { customerServiceCalendars } from '../../subgraphs/organization/src/common/working-calendar';
import { DEFAULT_LOGIN_POLICY } from '../../subgraphs/organization/src/accounts/auth.service';
import { demoAccountId } from '../../subgraphs/organization/src/accounts/account-demo.seed';
import { LoginRecord } from '../../subgraphs/organization/src/accounts/account.entity';
import { OrgTestApp, startOrganization, viewers } from '../../subgraphs/organization/src/testing/harness';

/**
 * Login compliance (organization) counted on the company calendar that customer-service owns: two
 * subgraphs in one test, so it lives here rather than in either subgraph (a subgraph's code imports
 * no other subgraph; see .dependency-cruiser.cjs). The report itself: organization/src/compliance.
 */
const DAY = 86_400_000;
const today = () => {
  const n = new Date();
  return new Date(Date.UTC(n.getUTCFullYear(), n.getUTCMonth(), n.getUTCDate()));
};
const REPORT =
  'query($p: PeriodInput!, $s: ID, $c: ID, $only: Boolean) { loginCompliance(period: $p, segmentId: $s, companyId: $c, onlyNonCompliant: $only) { account { email } requiredWorkingDays workingDaysMissed tripWeeks tripWeeksUnderTwoLogins compliant } }';
const byEmail = (rows: any[]) => Object.fromEntries(rows.map((r) => [r.account.email, r]));

describe.each(testDatabaseKinds())('CS-R21 on the company calendar (read from customer-service) on %s', (kind) => {
  let t: OrgTestApp;
  let cs: SubgraphApp<CustomerServiceServices, CustomerServiceLoaders>;
  let csDb: TestDatabase;
  const from = new Date(today().getTime() - 21 * DAY);
  const tuesday = new Date(from.getTime() + ((9 - from.getUTCDay()) % 7) * DAY); // first Tuesday (UTC date) of the period
  const festival = new Date(tuesday.getTime() + DAY).toISOString().slice(0, 10); // the Wednesday after: a group public holiday
  beforeAll(async () => {
    csDb = await createTestDatabase(kind, 'org_cal_cs');
    const config = loadSubgraphConfig('CUSTOMER_SERVICE', 0, { NODE_ENV: 'test', CUSTOMER_SERVICE_SEED: 'false', LOG_LEVEL: 'silent' });
    config.database = csDb.config;
    cs = await createSubgraphApp(customerServiceModule, config);
    const url = (await cs.server.start(0)).url;
    const set = await exec(cs, viewers.executive(), 'mutation($i: SetCalendarDayInput!) { setCalendarDay(input: $i) }', { i: { date: festival, kind: 'HOLIDAY', name: '春节' } });
    expect(set.errors).toBeFalsy();
    t = await startOrganization(kind, 'org_login_local', {
      ...organizationModule,
      createServices: (ds, c) => createOrganizationServices(ds, c.auth, systemClock, DEFAULT_LOGIN_POLICY, customerServiceCalendars(c.auth, url)),
    });
  });
  afterAll(async () => {
    await t?.stop();
    await cs?.stop();
    await csDb?.drop();
  });
  const report = async () => byEmail((await ok(t, viewers.executive(), REPORT, { p: { from: from.toISOString(), to: today().toISOString() } })).loginCompliance);

  it('CS-R21: a login counts on a local working day within working hours; one at 03:00 Beijing does not', async () => {
    const account = demoAccountId('staff.cons'); // never logged in: every working day missed
    const login = (at: Date) => t.app.dataSource.getRepository(LoginRecord).insert({ accountId: account, email: 'staff.cons@example.com', at, success: true, failureReason: null });
    await login(new Date(tuesday.getTime() - 5 * 3_600_000)); // Tuesday 03:00 Beijing = Monday 19:00 UTC
    expect((await report())['staff.cons@example.com']).toMatchObject({ requiredWorkingDays: 14, workingDaysMissed: 14 });
    await login(new Date(tuesday.getTime() + 2 * 3_600_000)); // Tuesday 10:00 Beijing
    expect((await report())['staff.cons@example.com']).toMatchObject({ requiredWorkingDays: 14, workingDaysMissed: 13 });
  });

  it('CS-R21 / CS-R28: a public holiday of the group calendar (Spring Festival) is no working day, so not a missed day that feeds penalties', async () => {
    const r = await report();
    // 15 weekdays in the period, one of them the group's holiday; staff.resi logged in every weekday but the holiday
    expect(r['staff.resi@example.com']).toMatchObject({ requiredWorkingDays: 14, workingDaysMissed: 0, compliant: true });
    expect(r['staff.comm@example.com'].requiredWorkingDays).toBe(14);
  });

  it('CS-R21: an unreachable calendar owner is a retryable UNAVAILABLE, never a count without holidays', async () => {
    const down = customerServiceCalendars(t.app.config.auth, 'http://127.0.0.1:9/graphql', 2_000);
    await expect(down.of(null, '2026-01-01', '2026-01-31')).rejects.toMatchObject({ kind: 'UNAVAILABLE', code: 'CALENDAR_UNAVAILABLE', details: { retryable: true } });
  });
});
