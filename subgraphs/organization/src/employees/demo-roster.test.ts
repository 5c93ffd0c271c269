import { demoEmployeeRoster } from '@group/shared';
import { startSubgraph, testDatabaseKinds, type TestSubgraph } from '@group/shared/testing';
import { Segment } from '../companies/company.entity';
import { organizationModule } from '../module';
import { Employee } from './employee.entity';

/**
 * customer-service seeds its employee roster from shared `demoEmployeeRoster()` (organization's demo
 * seed emits no EmployeeCreated events): the two must describe the same employees, companies,
 * departments and segments, or a demo assignment would be refused (or allowed) wrongly.
 */
describe.each(testDatabaseKinds())('the demo employee roster on %s', (kind) => {
  let t: TestSubgraph;
  beforeAll(async () => {
    t = await startSubgraph(kind, organizationModule, { label: 'demo_roster', http: true });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('lists exactly the employees organization seeds, with their company, department and company segments', async () => {
    const ds = t.app.dataSource;
    const segments = await ds.getRepository(Segment).find({ order: { id: 'ASC' } });
    const seeded = (await ds.getRepository(Employee).find()).map((e) => ({
      employeeId: e.id,
      companyId: e.companyId,
      departmentId: e.departmentId,
      segmentIds: segments.filter((s) => s.companyId === e.companyId).map((s) => s.id),
    }));
    const byId = (a: { employeeId: string }, b: { employeeId: string }) => a.employeeId.localeCompare(b.employeeId);
    expect(demoEmployeeRoster().sort(byId)).toEqual(seeded.sort(byId));
  });
});
