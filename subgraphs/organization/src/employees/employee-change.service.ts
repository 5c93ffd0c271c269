import { DataSource, In } from 'typeorm';
import { addWorkingDays, BusinessCalendarSpec, Clock, inTransaction, lockForUpdate, newId, notFound, preciseNow, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { CompanyCalendars, GROUP_WORKING_TIME, standardCalendars } from '../common/working-calendar';
import { Employee, EmployeeChange, EmployeeChangeKind, EmployeeStatus } from './employee.entity';
import { groupTopIds, lockGroupTops } from '../companies/company.service';
import { Account, AccountStatus } from '../accounts/account.entity';
import { Department } from '../departments/department.entity';
import { AssignmentStatus, PositionAssignment } from '../positions/position.entity';
import { BodyMembership, MembershipStatus } from '../memberships/body-membership.entity';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { accountRevocationChanged } from '../accounts/account-events';
import { employeeChanged } from './employee-events';
import { employeeErrors as errors } from './employee.errors';
import { commonErrors } from '../common/common.errors';

/** CS-R30: the account change is due by the end of the working hours of the next local working day of the company calendar. */
export function nextWorkingDayEnd(at: Date, cal: BusinessCalendarSpec = GROUP_WORKING_TIME): Date {
  return addWorkingDays(cal, at, 1);
}

/** Local dates read from the company calendar for a deadline: the next working day lies within them. */
const DEADLINE_HORIZON_DAYS = 40;

/**
 * Employee status, reporting line and transfers. Changes are made by
 * GROUP_EXECUTIVE (deny by default) and logged. A departure ends the person's
 * position assignments and governing-body seats in the same transaction; a
 * departure or transfer records the CRM account-change deadline.
 */
export class EmployeeChangeService {
  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
    private readonly calendars: CompanyCalendars = standardCalendars,
  ) {}

  /** The employee's company calendar around `now`, read before the transaction (it may cross the graph). */
  private async calendarOf(employeeId: string, now: Date): Promise<BusinessCalendarSpec> {
    const e = await this.ds.manager.findOneBy(Employee, { id: employeeId });
    const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    return e ? this.calendars.of(e.companyId, day(-1), day(DEADLINE_HORIZON_DAYS)) : GROUP_WORKING_TIME;
  }

  async changesOf(viewer: Viewer, employeeIds: readonly string[]) {
    const rows = await this.ds.getRepository(EmployeeChange).find({ where: { employeeId: In([...employeeIds]) }, order: { at: 'DESC', id: 'ASC' } });
    const visible = new Set(await this.governance.visibleCompanyIds(viewer, [...new Set(rows.map((r) => r.companyId))]));
    return rows.filter((r) => visible.has(r.companyId));
  }

  async setStatus(viewer: Viewer, employeeId: string, expectedVersion: number, status: EmployeeStatus, reason: string): Promise<Employee> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    const cal = await this.calendarOf(employeeId, now);
    return inTransaction(this.ds, async (m) => {
      // Assignments and nominations lock the employee too: a departure ends everything they committed.
      const e = await lockForUpdate(m, Employee, { id: employeeId });
      if (!e) throw notFound('Employee', employeeId);
      if (e.status === EmployeeStatus.DEPARTED) throw commonErrors.departureFinal(e.name);
      if (e.status === status) throw errors.statusUnchanged(e.name, status);
      const departed = status === EmployeeStatus.DEPARTED;
      const updated = await updateWithVersion(m, Employee, e.id, expectedVersion, { status, updatedAt: now });
      if (departed) {
        // Ended in bulk; each assignment's version goes up too, so a client holding the old one is refused (STALE_VERSION).
        await m.update(
          PositionAssignment,
          { employeeId: e.id, status: AssignmentStatus.ACTIVE },
          { status: AssignmentStatus.ENDED, to: now, updatedAt: now, version: () => 'version + 1' },
        );
        for (const seat of await m.find(BodyMembership, { where: { employeeId: e.id, status: In([MembershipStatus.ACTIVE, MembershipStatus.NOMINATED]) } })) {
          await updateWithVersion(m, BodyMembership, seat.id, seat.version, {
            status: seat.status === MembershipStatus.ACTIVE ? MembershipStatus.ENDED : MembershipStatus.REJECTED,
            termEnd: now,
            endReason: 'departed',
            updatedAt: now,
          });
        }
      }
      await this.event(m, e, departed ? EmployeeChangeKind.DEPARTED : EmployeeChangeKind.STATUS_CHANGED, `${e.status} → ${status}: ${reason}`, now, departed, cal);
      await employeeChanged(m, viewer, updated);
      await recordChange(m, viewer, now, {
        companyId: e.companyId,
        entityType: 'Employee',
        entityId: e.id,
        action: departed ? 'EMPLOYEE_DEPARTED' : 'EMPLOYEE_STATUS_CHANGED',
        summary: `${e.name}: ${e.status} → ${status} (${reason})`,
      });
      return updated;
    });
  }

  /** Moves an employee to another department (same company) and/or sets the reporting line. */
  async transfer(viewer: Viewer, employeeId: string, expectedVersion: number, departmentId: string | null | undefined, managerId: string | null | undefined): Promise<Employee> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    const tops = managerId ? await groupTopIds(this.ds) : [];
    const cal = await this.calendarOf(employeeId, now);
    return inTransaction(this.ds, async (m) => {
      const e = await lockForUpdate(m, Employee, { id: employeeId });
      if (!e) throw notFound('Employee', employeeId);
      if (e.status === EmployeeStatus.DEPARTED) throw commonErrors.employeeDeparted(e.name);
      // Reporting lines may cross companies: new managers are checked for loops one at a time (ORG-R28).
      await lockGroupTops(m, tops);
      const changes: Partial<Employee> = { updatedAt: now };
      const moved = departmentId !== undefined && departmentId !== null && departmentId !== e.departmentId;
      if (moved) {
        const d = await m.findOneBy(Department, { id: departmentId });
        if (!d) throw notFound('Department', departmentId);
        if (d.companyId !== e.companyId) throw errors.transferOtherCompany();
        changes.departmentId = d.id;
      }
      if (managerId !== undefined) {
        if (managerId) {
          if (managerId === e.id) throw errors.reportsToSelf();
          let cursor: string | null = managerId;
          for (let i = 0; cursor && i < 100; i++) {
            const boss: Employee | null = await m.findOneBy(Employee, { id: cursor });
            if (!boss) throw notFound('Employee', cursor);
            if (boss.managerId === e.id) throw errors.reportingLineLoops();
            cursor = boss.managerId;
          }
        }
        changes.managerId = managerId ?? null;
      }
      const updated = await updateWithVersion(m, Employee, e.id, expectedVersion, changes);
      if (moved) await this.event(m, e, EmployeeChangeKind.TRANSFERRED, `Transferred to department ${departmentId}`, now, true, cal);
      if (moved && (await this.crossesGroupMarketing(m, [e.departmentId, departmentId]))) {
        // Tokens carry the MARKETING_OPERATOR capability decided at sign-in: refuse the old ones, so the
        // next sign-in decides it again (the revocation feed carries tokens_not_before everywhere).
        // Each cut-off is an AccountRevoked event too, so every subgraph refuses the old tokens at once.
        const accounts = await m.findBy(Account, { employeeId: e.id, status: AccountStatus.ACTIVE });
        const revokedFrom = preciseNow(this.clock); // to the millisecond (token revocations)
        for (const a of accounts) {
          await m.update(Account, { id: a.id }, { tokensNotBefore: revokedFrom, version: () => 'version + 1' });
          await accountRevocationChanged(m, viewer, { ...a, tokensNotBefore: revokedFrom, version: a.version + 1 }, 'EMPLOYEE_TRANSFER');
        }
      }
      await employeeChanged(m, viewer, updated);
      await recordChange(m, viewer, now, {
        companyId: e.companyId,
        entityType: 'Employee',
        entityId: e.id,
        action: moved ? 'EMPLOYEE_TRANSFERRED' : 'REPORTING_LINE_CHANGED',
        summary: `${e.name}: ${moved ? `department → ${departmentId}` : ''}${managerId !== undefined ? ` manager → ${managerId ?? 'none'}` : ''}`,
      });
      return updated;
    });
  }

  /** Whether one of the departments is the group company's marketing department (the operator capability). */
  private async crossesGroupMarketing(m: import('typeorm').EntityManager, departmentIds: (string | null)[]): Promise<boolean> {
    const ids = departmentIds.filter((d): d is string => !!d);
    if (!ids.length) return false;
    const row = await m
      .createQueryBuilder()
      .select('d.id', 'id')
      .from('department', 'd')
      .innerJoin('company', 'c', 'c.id = d.company_id')
      .where('d.id IN (:...ids) AND d.code = :mkt AND c.kind = :group', { ids, mkt: 'MKT', group: 'GROUP' })
      .getRawOne();
    return !!row;
  }

  private async event(
    m: import('typeorm').EntityManager,
    e: Employee,
    kind: EmployeeChangeKind,
    summary: string,
    now: Date,
    needsAccountChange: boolean,
    cal: BusinessCalendarSpec,
  ) {
    await m.insert(EmployeeChange, {
      id: newId(),
      employeeId: e.id,
      companyId: e.companyId,
      kind,
      summary: summary.slice(0, 300),
      at: now,
      accountChangeDueBy: needsAccountChange ? nextWorkingDayEnd(now, cal) : null,
    });
  }
}
