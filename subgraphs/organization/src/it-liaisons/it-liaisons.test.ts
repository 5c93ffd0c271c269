import { demoDepartmentId, demoStaffEmployeeId, DEMO_COMPANIES } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';

const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;

describe.each(testDatabaseKinds())('IT liaisons on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_it_liaisons');
  });
  afterAll(() => t?.stop());

  it('ORG-R41 / ORG-M11: every department appoints an IT liaison; coverage counts them (company-scoped)', async () => {
    const COVERAGE = `query($c: ID!) { itLiaisonCoverage(companyId: $c) { departments covered coverageRate uncovered { code } } }`;
    const before = (await ok(t, exec, COVERAGE, { c: JA })).itLiaisonCoverage;
    expect(before.covered).toBe(0);
    expect(before.uncovered).toHaveLength(before.departments);
    const ASSIGN = `mutation($i: AssignItLiaisonInput!) { assignItLiaison(input: $i) { id version engagement employee { id } department { code } } }`;
    const first = (await ok(t, exec, ASSIGN, { i: { departmentId: demoDepartmentId('JA', 'MKT'), employeeId: demoStaffEmployeeId('JA', 'MKT', 3), engagement: 'PART_TIME' } }))
      .assignItLiaison;
    expect(first).toMatchObject({ engagement: 'PART_TIME', department: { code: 'MKT' } });
    expect(
      (await fails(t, exec, ASSIGN, { i: { departmentId: demoDepartmentId('JA', 'MKT'), employeeId: demoStaffEmployeeId('JA', 'MKT', 2), engagement: 'FULL_TIME' } })).reason,
    ).toBe('LIAISON_EXISTS');
    const replaced = (
      await ok(t, exec, ASSIGN, {
        i: { departmentId: demoDepartmentId('JA', 'MKT'), employeeId: demoStaffEmployeeId('JA', 'MKT', 2), engagement: 'FULL_TIME', expectedVersion: first.version },
      })
    ).assignItLiaison;
    expect(replaced).toMatchObject({ id: first.id, engagement: 'FULL_TIME', employee: { id: demoStaffEmployeeId('JA', 'MKT', 2) } });
    expect(
      (await fails(t, exec, ASSIGN, { i: { departmentId: demoDepartmentId('JA', 'CSC'), employeeId: demoStaffEmployeeId('JATC', 'MKT', 1), engagement: 'FULL_TIME' } })).reason,
    ).toBe('LIAISON_NOT_OF_COMPANY');
    const after = (await ok(t, exec, COVERAGE, { c: JA })).itLiaisonCoverage;
    expect(after).toMatchObject({ departments: before.departments, covered: 1, coverageRate: 1 / before.departments });
    expect(after.uncovered.map((d: any) => d.code)).not.toContain('MKT');
    expect((await ok(t, viewers.head('RESI'), COVERAGE, { c: JA })).itLiaisonCoverage).toBeNull();
    expect((await ok(t, exec, `query($id: ID!) { department(id: $id) { itLiaison { engagement } } }`, { id: demoDepartmentId('JA', 'MKT') })).department.itLiaison).toEqual({
      engagement: 'FULL_TIME',
    });
  });
});
