import { randomBytes } from 'node:crypto';
import { closeNatsConnections, DEMO_COMPANIES, DEMO_SEGMENTS, deleteStream, demoDepartmentId, demoStaffEmployeeId } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';

/**
 * Issue 21: customer-service's employee roster follows organization's employee events end to end,
 * in both delivery modes (HTTP feeds, NATS JetStream): an employee organization records as departed
 * can no longer be named an owner in customer-service, with EMPLOYEE_LEFT, and one it hires can be
 * named an owner soon after, by the EmployeeCreated event alone (the hourly roster repair does not
 * run during the test), through the gateway.
 */
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;

const modes = testDatabaseKinds().flatMap((kind) => [
  [kind, 'http feed'],
  [kind, 'nats'],
]) as [ReturnType<typeof testDatabaseKinds>[number], 'http feed' | 'nats'][];

describe.each(modes)('employee roster on %s, delivered by %s', (kind, mode) => {
  let g: TestGraph;
  const stream = `T_${randomBytes(5).toString('hex')}`;
  const env = {
    ROSTER_REPAIR_MS: '3600000',
    EVENTS_ENABLED: 'true',
    EVENTS_STREAM: stream,
    EVENTS_RELAY_MS: '50',
    EVENTS_POLL_MS: '100',
    ...(mode === 'nats' ? { EVENTS_NATS_URL: NATS_URL } : {}),
  };

  beforeAll(async () => {
    g = await startTestGraph(kind, { subgraphEnv: env, gatewayEnv: env });
  }, 120_000);
  afterAll(async () => {
    await g?.stop();
    if (mode === 'nats') await deleteStream({ url: NATS_URL, stream });
    await closeNatsConnections();
  });

  it('an employee who departs in organization is refused as a new owner in customer-service (EMPLOYEE_LEFT) once the EmployeeLeft event is applied', async () => {
    const [exec, head] = await Promise.all([g.login('executive@example.com'), g.login('head.resi@example.com')]);
    const employeeId = demoStaffEmployeeId(RESI.companyCode, 'SALES', 3);
    const createLead = (name: string) =>
      g.request('mutation($i: CreateLeadInput!) { createLead(input: $i) { id owner { id } } }', {
        token: head,
        variables: { i: { segmentId: RESI.id, name, source: 'REFERRAL', ownerId: employeeId } },
      });
    const before = await createLead(`在职-${mode}`);
    expect(before.body.errors).toBeUndefined();
    const e = await g.request(`{ employee(id: "${employeeId}") { version } }`, { token: exec });
    const left = await g.request(`mutation($id: ID!, $v: Int!) { setEmployeeStatus(employeeId: $id, expectedVersion: $v, status: DEPARTED, reason: "辞职") { status } }`, {
      token: exec,
      variables: { id: employeeId, v: e.body.data.employee.version },
    });
    expect(left.body.errors).toBeUndefined();
    const started = Date.now();
    let reason: string | undefined;
    while (Date.now() - started < 30_000 && reason !== 'EMPLOYEE_LEFT') {
      reason = (await createLead(`离职-${mode}`)).body.errors?.[0]?.extensions?.reason;
      if (reason !== 'EMPLOYEE_LEFT') await new Promise((r) => setTimeout(r, 50));
    }
    expect(reason).toBe('EMPLOYEE_LEFT');
    const [row] = await g.apps['customer-service'].dataSource.query('SELECT status, version FROM employee_roster WHERE employee_id = ?', [employeeId]);
    expect([row.status, Number(row.version)]).toEqual(['LEFT', e.body.data.employee.version + 1]);
  });

  it('an employee hired in organization can be named an owner in customer-service once the EmployeeCreated event is applied, without the roster repair', async () => {
    const [exec, head] = await Promise.all([g.login('executive@example.com'), g.login('head.resi@example.com')]);
    const hired = await g.request('mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id version } }', {
      token: exec,
      variables: {
        i: {
          companyId: DEMO_COMPANIES.find((c) => c.code === RESI.companyCode)!.id,
          departmentId: demoDepartmentId(RESI.companyCode, 'SALES'),
          name: `新员工-${mode}`,
          email: `hired.${stream}@example.com`,
        },
      },
    });
    expect(hired.body.errors).toBeUndefined();
    const employeeId: string = hired.body.data.hireEmployee.id;
    const createLead = () =>
      g.request('mutation($i: CreateLeadInput!) { createLead(input: $i) { id owner { id } } }', {
        token: head,
        variables: { i: { segmentId: RESI.id, name: `新员工的线索-${mode}`, source: 'REFERRAL', ownerId: employeeId } },
      });
    const started = Date.now();
    let r = await createLead();
    while (Date.now() - started < 30_000 && r.body.errors?.[0]?.extensions?.reason === 'EMPLOYEE_NOT_FOUND') {
      await new Promise((res) => setTimeout(res, 50));
      r = await createLead();
    }
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.createLead.owner).toEqual({ id: employeeId });
    const [row] = await g.apps['customer-service'].dataSource.query('SELECT status, version, segment_ids FROM employee_roster WHERE employee_id = ?', [employeeId]);
    expect([row.status, Number(row.version), JSON.parse(row.segment_ids)]).toEqual(['ACTIVE', 1, expect.arrayContaining([RESI.id])]);
  });
});
