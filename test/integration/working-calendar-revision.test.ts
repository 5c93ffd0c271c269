import 'reflect-metadata';
import { createSubgraphApp, DEMO_COMPANIES, loadSubgraphConfig, Role, SubgraphApp, Viewer } from '@group/shared';
import { createTestDatabase, exec, TestDatabase, testDatabaseKinds } from '@group/shared/testing';
import { customerServiceModule } from '../../subgraphs/customer-service/src/module';
import type { CustomerServiceLoaders, CustomerServiceServices } from '../../subgraphs/customer-service/src/context';
import { customerServiceCalendars } from '../../subgraphs/organization/src/common/working-calendar';

/**
 * Organization counts working days (CS-R21 login compliance, CS-R30 account-change deadlines) with
 * the company calendars customer-service owns, read through the graph and cached by calendar
 * REVISION: a holiday declared in customer-service counts in organization at the next lookup (a
 * cache by time would miss it until its TTL ran out), and an unchanged calendar is not read again.
 */
const JARE = DEMO_COMPANIES.find((c) => c.code === 'JARE')!;
const executive: Viewer = { accountId: 'acc-exec', employeeId: null, role: Role.GROUP_EXECUTIVE, segmentIds: [] };

describe.each(testDatabaseKinds())('working calendars cached by revision (organization reading customer-service) on %s', (kind) => {
  let db: TestDatabase;
  let cs: SubgraphApp<CustomerServiceServices, CustomerServiceLoaders>;
  let url: string;
  let calendarReads = 0;

  async function setDay(input: Record<string, unknown>) {
    const res = await exec(cs, executive, 'mutation($i: SetCalendarDayInput!) { setCalendarDay(input: $i) }', { i: input });
    expect(res.errors).toBeFalsy();
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind, 'cal_revision');
    const config = loadSubgraphConfig('CUSTOMER_SERVICE', 0, { NODE_ENV: 'test', CUSTOMER_SERVICE_SEED: 'false', LOG_LEVEL: 'silent' });
    config.database = db.config;
    cs = await createSubgraphApp(customerServiceModule, config);
    url = (await cs.server.start(0)).url;
    // Counts the full calendar reads organization makes (the revision checks are not counted).
    const read = cs.services.serviceAdmin.days.bind(cs.services.serviceAdmin);
    cs.services.serviceAdmin.days = (...a: Parameters<typeof read>) => (calendarReads++, read(...a));
  });
  afterAll(async () => {
    await cs?.stop();
    await db?.drop();
  });

  it('CS-R21 CS-R30 a holiday declared in customer-service counts in organization at the next lookup; an unchanged calendar is served from the cache', async () => {
    const calendars = customerServiceCalendars(cs.config.auth, url);
    const november = () => calendars.of(JARE.id, '2026-11-01', '2026-11-30');
    expect([...(await november()).holidays]).toEqual([]);
    expect([...(await november()).holidays]).toEqual([]);
    expect(calendarReads).toBe(1); // read once, then served from the cache
    await setDay({ date: '2026-11-11', kind: 'HOLIDAY', name: '公司庆典' }); // the group calendar
    expect([...(await november()).holidays]).toEqual(['2026-11-11']);
    const reads = calendarReads;
    expect([...(await november()).holidays]).toEqual(['2026-11-11']);
    expect(calendarReads).toBe(reads);
    await setDay({ date: '2026-11-11', kind: null });
    expect([...(await november()).holidays]).toEqual([]);
  });
});
