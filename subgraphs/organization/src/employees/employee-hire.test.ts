import { DEMO_COMPANIES, demoDepartmentId, demoStaffEmployeeId, OutboxEvent, Role, stableId, type Viewer } from '@group/shared';
import { fails, ok, segmentId, testDatabaseKinds } from '@group/shared/testing';
import { Employee } from './employee.entity';
import { adoptedResolution, OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoBodyId, demoPositionId } from '../database/seed';

const JARE = DEMO_COMPANIES.find((c) => c.code === 'JARE')!.id;
const JA = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
const HIRE = `mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id version status name email title company { id } department { id } manager { id } positions { position { id } } changes { kind accountChangeDueBy } } }`;

const admin = (code: string): Viewer => ({ accountId: `acc-admin-${code}`, employeeId: null, role: Role.SEGMENT_ADMIN, segmentIds: [segmentId(code)] });

/** The hire path (issue 21): a new employee, its HR event, its position and its EmployeeCreated event in one transaction. */
describe.each(testDatabaseKinds())('hiring employees on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  let n = 0;
  /** A hire input into JARE's sales department with a fresh e-mail address. */
  const hire = (extra: Record<string, unknown> = {}) => ({
    companyId: JARE,
    departmentId: demoDepartmentId('JARE', 'SALES'),
    name: `新员工${++n}`,
    email: `new.hire.${kind}.${n}@example.com`,
    ...extra,
  });
  const events = (type: string) => t.app.dataSource.getRepository(OutboxEvent).countBy({ type });
  const employeesCalled = (name: string) => t.app.dataSource.getRepository(Employee).countBy({ name });

  beforeAll(async () => {
    t = await startOrganization(kind, 'org_hire');
  });
  afterAll(() => t?.stop());

  it('a group executive hires into a company and department: ACTIVE, a HIRED HR event without a CRM deadline, and EmployeeCreated (version 1) in the outbox of the same transaction', async () => {
    const input = hire({ title: '置业顾问', managerId: demoStaffEmployeeId('JARE', 'SALES', 1), email: ' New.Hire.Mixed@Example.com ' });
    const e = (await ok(t, exec, HIRE, { i: input })).hireEmployee;
    expect(e).toMatchObject({
      version: 1,
      status: 'ACTIVE',
      email: 'new.hire.mixed@example.com',
      title: '置业顾问',
      company: { id: JARE },
      department: { id: demoDepartmentId('JARE', 'SALES') },
      manager: { id: demoStaffEmployeeId('JARE', 'SALES', 1) },
      positions: [],
      changes: [{ kind: 'HIRED', accountChangeDueBy: null }],
    });
    const outbox = await t.app.dataSource.getRepository(OutboxEvent).findBy({ aggregateId: e.id });
    expect(outbox.map((o) => [o.type, o.aggregateType, o.aggregateVersion])).toEqual([['EmployeeCreated', 'Employee', 1]]);
    // What customer-service's roster reads: the company's segments (JARE hosts RESI and COMM).
    expect(JSON.parse(outbox[0].payload)).toEqual({
      employeeId: e.id,
      companyId: JARE,
      departmentId: demoDepartmentId('JARE', 'SALES'),
      segmentIds: [segmentId('RESI'), segmentId('COMM')].sort(),
      status: 'ACTIVE',
    });
    // Logged like every other employee change.
    const [log] = await t.app.dataSource.query('SELECT action FROM governance_change WHERE entity_id = ?', [e.id]);
    expect(log.action).toBe('EMPLOYEE_HIRED');
  });

  it('only a group executive hires: a system admin, segment admins (of the company or of another), a segment head and staff are refused and nothing is written', async () => {
    const before = await events('EmployeeCreated');
    const refused = [viewers.sysadmin(), admin('RESI'), admin('ENGY'), viewers.head('RESI'), viewers.staff('RESI')];
    for (const v of refused) {
      const input = hire();
      expect(await fails(t, v, HIRE, { i: input })).toMatchObject({ code: 'FORBIDDEN', reason: 'GOVERNANCE_CHANGE_FORBIDDEN' });
      expect(await employeesCalled(input.name)).toBe(0);
    }
    expect(await events('EmployeeCreated')).toBe(before);
  });

  it('invalid hires are refused with stable reasons and write no employee and no event', async () => {
    const [someone] = await t.app.dataSource.getRepository(Employee).find({ take: 1, order: { id: 'ASC' } });
    const departed = demoStaffEmployeeId('JARE', 'CS', 3);
    const d = (await ok(t, exec, `query($id: ID!) { employee(id: $id) { version } }`, { id: departed })).employee;
    await ok(t, exec, `mutation($id: ID!, $v: Int!) { setEmployeeStatus(employeeId: $id, expectedVersion: $v, status: DEPARTED, reason: "离职") { id } }`, {
      id: departed,
      v: d.version,
    });
    const before = await events('EmployeeCreated');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: '   ' }, 'BAD_USER_INPUT', 'EMPLOYEE_NAME_REQUIRED'],
      [{ email: 'not-an-address' }, 'BAD_USER_INPUT', 'EMPLOYEE_EMAIL_INVALID'],
      [{ email: someone.email.toUpperCase() }, 'CONFLICT', 'EMPLOYEE_EMAIL_TAKEN'],
      [{ companyId: stableId('company', 'nope') }, 'NOT_FOUND', 'COMPANY_NOT_FOUND'],
      [{ departmentId: stableId('department', 'nope') }, 'NOT_FOUND', 'DEPARTMENT_NOT_FOUND'],
      [{ departmentId: demoDepartmentId('LANE', 'SALES') }, 'BAD_USER_INPUT', 'HIRE_DEPARTMENT_OTHER_COMPANY'],
      [{ managerId: stableId('employee', 'nope') }, 'NOT_FOUND', 'EMPLOYEE_NOT_FOUND'],
      [{ managerId: departed }, 'CONFLICT', 'MANAGER_DEPARTED'],
      [{ positionId: stableId('position', 'nope') }, 'NOT_FOUND', 'POSITION_NOT_FOUND'],
      [{ positionId: demoPositionId('JARE', 'MKT', 'STAFF') }, 'BAD_USER_INPUT', 'HIRE_POSITION_OTHER_DEPARTMENT'],
      [{ positionId: demoPositionId('LANE', 'SALES', 'STAFF'), departmentId: null }, 'BAD_USER_INPUT', 'ASSIGNMENT_OTHER_COMPANY'],
    ];
    for (const [extra, code, reason] of cases) {
      const input = hire(extra);
      expect([reason, await fails(t, exec, HIRE, { i: input })]).toEqual([reason, expect.objectContaining({ code, reason })]);
      expect(await employeesCalled(input.name)).toBe(0);
    }
    expect(await events('EmployeeCreated')).toBe(before);
  });

  it('an idempotent replay answers with the first hire: one employee, one EmployeeCreated; the key with another request is refused', async () => {
    const input = hire({ idempotencyKey: `hire-${kind}` });
    const first = (await ok(t, exec, HIRE, { i: input })).hireEmployee;
    const again = (await ok(t, exec, HIRE, { i: input })).hireEmployee;
    expect(again.id).toBe(first.id);
    expect(await employeesCalled(input.name)).toBe(1);
    expect(await t.app.dataSource.getRepository(OutboxEvent).countBy({ aggregateId: first.id })).toBe(1);
    expect(await fails(t, exec, HIRE, { i: { ...input, title: '另一份请求' } })).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('ORG-R26: a hire into a position staffs it within its headcount quota, in the same transaction (a full position refuses the whole hire)', async () => {
    const staff = demoPositionId('JARE', 'SALES', 'STAFF'); // quota 3, two filled
    const POSITION = `query($p: ID!) { position(id: $p) { staffed vacancies } }`;
    const into = (await ok(t, exec, HIRE, { i: hire({ departmentId: null, positionId: staff }) })).hireEmployee;
    expect(into).toMatchObject({ department: { id: demoDepartmentId('JARE', 'SALES') }, positions: [{ position: { id: staff } }] });
    expect((await ok(t, exec, POSITION, { p: staff })).position).toEqual({ staffed: 3, vacancies: 0 });
    const before = await events('EmployeeCreated');
    for (const p of [staff, demoPositionId('JARE', 'SALES', 'MGR')]) {
      const input = hire({ positionId: p });
      expect(await fails(t, exec, HIRE, { i: input })).toMatchObject({ code: 'CONFLICT', reason: 'HEADCOUNT_EXCEEDED' });
      expect(await employeesCalled(input.name)).toBe(0);
    }
    expect(await events('EmployeeCreated')).toBe(before);
  });

  it("A7: a hire into a senior post (GROUP_VP_AND_ABOVE) needs the board's resolution on APPOINT_SENIOR_MANAGEMENT, which then names the assignment", async () => {
    const vp = (
      await ok(t, exec, `mutation($i: CreatePositionInput!) { createPosition(input: $i) { id } }`, {
        i: {
          departmentId: demoDepartmentId('JA', 'LEGAL'),
          title: '集团副总裁(人力)',
          headcountQuota: 1,
          duties: '分管人力资源',
          incentives: '年薪制',
          rank: 'GROUP_VP_AND_ABOVE',
        },
      })
    ).createPosition;
    const senior = (extra: Record<string, unknown>) => hire({ companyId: JA, departmentId: null, positionId: vp.id, ...extra });
    const without = senior({});
    expect(await fails(t, exec, HIRE, { i: without })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RESOLUTION_REQUIRED' });
    expect(await employeesCalled(without.name)).toBe(0);
    const otherMatter = await adoptedResolution(t, demoBodyId('JA', 'BOD'), 'DEPARTMENT_SETUP');
    expect(await fails(t, exec, HIRE, { i: senior({ resolutionId: otherMatter }) })).toMatchObject({ code: 'CONFLICT', reason: 'RESOLUTION_NOT_APPLICABLE' });
    const resolutionId = await adoptedResolution(t, demoBodyId('JA', 'BOD'), 'APPOINT_SENIOR_MANAGEMENT');
    const hired = (await ok(t, exec, HIRE, { i: senior({ resolutionId }) })).hireEmployee;
    expect(hired.positions).toEqual([{ position: { id: vp.id } }]);
    const [r] = await t.app.dataSource.query('SELECT subject_type, subject_id FROM resolution WHERE id = ?', [resolutionId]);
    const [a] = await t.app.dataSource.query('SELECT id FROM position_assignment WHERE employee_id = ?', [hired.id]);
    expect([r.subject_type, r.subject_id]).toEqual(['PositionAssignment', a.id]);
  });

  it('concurrent hires: the last vacancy goes to one of them (HEADCOUNT_EXCEEDED for the other), one e-mail address to one employee (EMPLOYEE_EMAIL_TAKEN)', async () => {
    const position = demoPositionId('JARE', 'FIN', 'STAFF'); // quota 3, two filled
    const race = await Promise.all([0, 1].map(() => t.exec(exec, HIRE, { i: hire({ departmentId: demoDepartmentId('JARE', 'FIN'), positionId: position }) })));
    expect(race.filter((r) => !r.errors).length).toBe(1);
    expect(race.find((r) => r.errors)!.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'HEADCOUNT_EXCEEDED' });
    const email = `same.address.${kind}@example.com`;
    const same = await Promise.all([0, 1].map(() => t.exec(exec, HIRE, { i: hire({ email }) })));
    expect(same.filter((r) => !r.errors).length).toBe(1);
    expect(same.find((r) => r.errors)!.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'EMPLOYEE_EMAIL_TAKEN' });
    expect(await t.app.dataSource.getRepository(Employee).countBy({ email })).toBe(1);
  });
});
