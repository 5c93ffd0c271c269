import { demoDepartmentId, demoStaffEmployeeId, OutboxEvent } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { demoOperatorEmployeeId } from '../accounts/account-demo.seed';
import { Account } from '../accounts/account.entity';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoPositionId, demoBodyId } from '../database/seed';
import { nextWorkingDayEnd } from './employee-change.service';
import { GROUP_WORKING_TIME } from '../common/working-calendar';

const EMP = `query($id: ID!) { employee(id: $id) { id version status manager { id } department { code } positions { id } changes { kind accountChangeDueBy } } }`;

describe('nextWorkingDayEnd', () => {
  it('CS-R30: due at the end of working hours (18:00 Beijing) of the next local working day, weekends skipped', () => {
    expect(nextWorkingDayEnd(new Date('2026-11-27T10:00:00Z')).toISOString()).toBe('2026-11-30T10:00:00.000Z'); // Friday → Monday
    expect(nextWorkingDayEnd(new Date('2026-11-24T10:00:00Z')).toISOString()).toBe('2026-11-25T10:00:00.000Z'); // Tuesday → Wednesday
    expect(nextWorkingDayEnd(new Date('2026-11-29T17:00:00Z')).toISOString()).toBe('2026-12-01T10:00:00.000Z'); // Monday 01:00 Beijing (Sunday in UTC) → Tuesday
    // the company calendar's holidays (Spring Festival week) and make-up working days
    const festival = { ...GROUP_WORKING_TIME, holidays: new Set(['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12']), makeUpWorkdays: new Set(['2027-02-20']) };
    expect(nextWorkingDayEnd(new Date('2027-02-05T03:00:00Z'), festival).toISOString()).toBe('2027-02-15T10:00:00.000Z'); // Friday → after the holidays
    expect(nextWorkingDayEnd(new Date('2027-02-19T03:00:00Z'), festival).toISOString()).toBe('2027-02-20T10:00:00.000Z'); // Friday → make-up Saturday
  });
});

describe.each(testDatabaseKinds())('employee status, reporting line and transfers on %s', (kind) => {
  let t: OrgTestApp;
  const exec = viewers.executive();
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_employees');
  });
  afterAll(() => t?.stop());

  it('employees have a reporting line; a transfer sets the CRM account-change deadline (one working day)', async () => {
    const id = demoStaffEmployeeId('JARE', 'SALES', 2);
    const e = (await ok(t, exec, EMP, { id })).employee;
    expect(e.manager).toEqual({ id: demoStaffEmployeeId('JARE', 'SALES', 1) });
    const moved = (
      await ok(
        t,
        exec,
        `mutation($id: ID!, $v: Int!, $d: ID) { transferEmployee(employeeId: $id, expectedVersion: $v, departmentId: $d, managerId: null) { version department { code } manager { id } changes { kind accountChangeDueBy } } }`,
        { id, v: e.version, d: demoDepartmentId('JARE', 'MKT') },
      )
    ).transferEmployee;
    expect(moved).toMatchObject({ department: { code: 'MKT' }, manager: null });
    expect(moved.changes[0].kind).toBe('TRANSFERRED');
    const due = new Date(moved.changes[0].accountChangeDueBy).getTime();
    expect(due).toBeGreaterThan(Date.now());
    expect(due - Date.now()).toBeLessThanOrEqual(4 * 86_400_000);
    const other = await fails(t, exec, `mutation($id: ID!, $v: Int!, $d: ID) { transferEmployee(employeeId: $id, expectedVersion: $v, departmentId: $d) { id } }`, {
      id,
      v: moved.version,
      d: demoDepartmentId('LANE', 'MKT'),
    });
    expect(other.reason).toBe('TRANSFER_OTHER_COMPANY');
    // ORG-R28: one line of command, never a loop.
    const boss = demoStaffEmployeeId('JARE', 'SALES', 1);
    const b = (await ok(t, exec, EMP, { id: boss })).employee;
    const loop = await fails(t, exec, `mutation($id: ID!, $v: Int!, $m: ID) { transferEmployee(employeeId: $id, expectedVersion: $v, departmentId: null, managerId: $m) { id } }`, {
      id: boss,
      v: b.version,
      m: demoStaffEmployeeId('JARE', 'SALES', 3),
    });
    expect(loop.reason).toBe('REPORTING_LINE_CYCLE');
  });

  it('a departure ends positions and governing-body seats in one transaction and is final', async () => {
    const id = demoStaffEmployeeId('JA', 'MKT', 1); // director of the group board, marketing manager
    const before = (await ok(t, exec, EMP, { id })).employee;
    expect(before.positions).toHaveLength(1);
    const seats = async () => (await ok(t, exec, `query($b: ID!) { governingBody(id: $b) { activeSeats } }`, { b: demoBodyId('JA', 'BOD') })).governingBody.activeSeats;
    expect(await seats()).toBe(5);
    const gone = (
      await ok(
        t,
        exec,
        `mutation($id: ID!, $v: Int!) { setEmployeeStatus(employeeId: $id, expectedVersion: $v, status: DEPARTED, reason: "辞职") { status positions { id } changes { kind accountChangeDueBy } } }`,
        { id, v: before.version },
      )
    ).setEmployeeStatus;
    expect(gone).toMatchObject({ status: 'DEPARTED', positions: [] });
    expect(gone.changes[0].kind).toBe('DEPARTED');
    expect(gone.changes[0].accountChangeDueBy).not.toBeNull();
    expect(await seats()).toBe(4);
    const pos = await ok(t, exec, `query($p: ID!) { position(id: $p) { staffed vacancies } }`, { p: demoPositionId('JA', 'MKT', 'MGR') });
    expect(pos.position).toEqual({ staffed: 0, vacancies: 1 });
    const again = await fails(t, exec, `mutation($id: ID!, $v: Int!) { setEmployeeStatus(employeeId: $id, expectedVersion: $v, status: ACTIVE, reason: "x") { id } }`, {
      id,
      v: before.version + 1,
    });
    expect(again.reason).toBe('EMPLOYEE_DEPARTED');
    // Leave is not a departure: no account change needed.
    const other = demoStaffEmployeeId('JA', 'IT', 2);
    const o = (await ok(t, exec, EMP, { id: other })).employee;
    const leave = (
      await ok(
        t,
        exec,
        `mutation($id: ID!, $v: Int!) { setEmployeeStatus(employeeId: $id, expectedVersion: $v, status: ON_LEAVE, reason: "产假") { status changes { kind accountChangeDueBy } } }`,
        { id: other, v: o.version },
      )
    ).setEmployeeStatus;
    expect(leave).toEqual({ status: 'ON_LEAVE', changes: [{ kind: 'STATUS_CHANGED', accountChangeDueBy: null }] });
    for (const v of [viewers.sysadmin(), viewers.head('RESI')]) {
      expect(
        (
          await fails(t, v, `mutation($id: ID!) { setEmployeeStatus(employeeId: $id, expectedVersion: 1, status: ON_LEAVE, reason: "x") { id } }`, {
            id: demoStaffEmployeeId('JARE', 'CS', 1),
          })
        ).reason,
      ).toBe('GOVERNANCE_CHANGE_FORBIDDEN');
    }
    // HR events are company-scoped.
    expect((await ok(t, viewers.head('RESI'), EMP, { id })).employee.changes).toEqual([]);
  });

  it('employee changes are events in the same transaction: EmployeeChanged, EmployeeLeft, and the token cut-off of a marketing transfer as AccountRevoked', async () => {
    const outbox = (aggregateId: string) => t.app.dataSource.getRepository(OutboxEvent).find({ where: { aggregateId }, order: { seq: 'ASC' } });
    const id = demoOperatorEmployeeId();
    const e = (await ok(t, exec, EMP, { id })).employee;
    const moved = (
      await ok(t, exec, `mutation($id: ID!, $v: Int!, $d: ID) { transferEmployee(employeeId: $id, expectedVersion: $v, departmentId: $d) { version } }`, {
        id,
        v: e.version,
        d: demoDepartmentId('JA', 'IT'),
      })
    ).transferEmployee;
    const [changed] = await outbox(id);
    expect([changed.type, changed.aggregateVersion]).toEqual(['EmployeeChanged', moved.version]);
    expect(JSON.parse(changed.payload)).toMatchObject({ employeeId: id, departmentId: demoDepartmentId('JA', 'IT'), status: 'ACTIVE' });
    // Leaving the group marketing department cuts the operator's tokens: an AccountRevoked event carries the cut-off.
    const account = await t.app.dataSource.getRepository(Account).findOneByOrFail({ employeeId: id });
    const [revoked] = await outbox(account.id);
    expect([revoked.type, revoked.aggregateVersion]).toEqual(['AccountRevoked', account.version]);
    expect(JSON.parse(revoked.payload)).toEqual({
      accountId: account.id,
      status: 'ACTIVE',
      notBefore: Math.floor(account.tokensNotBefore!.getTime() / 1000),
      notBeforeMs: account.tokensNotBefore!.getTime(),
      reason: 'EMPLOYEE_TRANSFER',
    });
    const gone = (
      await ok(t, exec, `mutation($id: ID!, $v: Int!) { setEmployeeStatus(employeeId: $id, expectedVersion: $v, status: DEPARTED, reason: "离职") { version } }`, {
        id,
        v: moved.version,
      })
    ).setEmployeeStatus;
    const left = (await outbox(id))[1];
    expect([left.type, left.aggregateVersion, JSON.parse(left.payload).status]).toEqual(['EmployeeLeft', gone.version, 'DEPARTED']);
    // A refused change (stale version) writes no event.
    await fails(t, exec, `mutation($id: ID!, $v: Int!) { setEmployeeStatus(employeeId: $id, expectedVersion: $v, status: ACTIVE, reason: "x") { version } }`, {
      id,
      v: moved.version,
    });
    expect(await outbox(id)).toHaveLength(2);
  });
});
