import { DEMO_SEGMENTS, demoStaffEmployeeId } from '@group/shared';
import { startSubgraph, testDatabaseKinds, type TestSubgraph } from '@group/shared/testing';
import { customerServiceModule } from '../../subgraphs/customer-service/src/module';
import { organizationModule } from '../../subgraphs/organization/src/module';
import { RosterEmployee, RosterStatus } from '../../subgraphs/customer-service/src/roster/employee-roster.entity';
import { organizationEmployeeDirectory, RosterRepair } from '../../subgraphs/customer-service/src/roster/roster-repair';

/** Issue 21: customer-service's employee roster is repaired from organization's graph (never its database). */
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const COMM = DEMO_SEGMENTS.find((s) => s.code === 'COMM')!;
const JARE = RESI.companyCode;

describe.each(testDatabaseKinds())('employee roster repair on %s', (kind) => {
  let cs: TestSubgraph;
  let org: TestSubgraph;
  const rows = () => cs.app.dataSource.getRepository(RosterEmployee);
  beforeAll(async () => {
    cs = await startSubgraph(kind, customerServiceModule, { http: true });
    org = await startSubgraph(kind, organizationModule, { http: true });
  }, 120_000);
  afterAll(async () => {
    await cs?.stop();
    await org?.stop();
  });

  it('reads organization\u2019s employees through its graph and writes a missing or outdated employee, never undoing a newer one', async () => {
    const missing = demoStaffEmployeeId(JARE, 'SALES', 3);
    const newer = demoStaffEmployeeId(JARE, 'SALES', 2);
    await rows().delete({ employeeId: missing });
    await rows().update({ employeeId: newer }, { status: RosterStatus.LEFT, version: 99 });
    const repair = new RosterRepair(cs.app.dataSource, organizationEmployeeDirectory(cs.app.config.auth, org.url));
    const { read, changed } = await repair.run();
    expect(read).toBeGreaterThan(100);
    expect(changed).toBe(1);
    expect(await rows().findOneByOrFail({ employeeId: missing })).toMatchObject({ status: RosterStatus.ACTIVE, version: 1 });
    expect(JSON.parse((await rows().findOneByOrFail({ employeeId: missing })).segmentIdsJson)).toEqual([RESI.id, COMM.id].sort());
    expect(await rows().findOneByOrFail({ employeeId: newer })).toMatchObject({ status: RosterStatus.LEFT, version: 99 });
    expect((await repair.run()).changed).toBe(0);
  });
});
