import { DataSource } from 'typeorm';
import { Clock, idempotentCreate, lockForUpdate, newId, systemClock, Viewer } from '@group/shared';
import { Employee, EmployeeChange, EmployeeChangeKind, EmployeeStatus } from './employee.entity';
import { employeeErrors } from './employee.errors';
import { employeeCreated } from './employee-events';
import { Company } from '../companies/company.entity';
import { Department } from '../departments/department.entity';
import { Position } from '../positions/position.entity';
import { PositionService } from '../positions/position.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';

export interface NewHire {
  companyId: string;
  departmentId?: string | null;
  name: string;
  email: string;
  title?: string | null;
  managerId?: string | null;
  positionId?: string | null;
  resolutionId?: string | null;
  idempotencyKey?: string | null;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The hire path: the one way a new employee comes into being outside the demo seed. Made by
 * GROUP_EXECUTIVE only, like every other employee change (status, transfer) and position staffing
 * (governance-access.ts: deny by default; SYSTEM_ADMIN administers the CRM, not HR; segment roles
 * submit CRM account changes for a new hire, WF-CRM-1, they do not hire). One transaction: the
 * employee, the HIRED HR event (no CRM account-change deadline for a new hire, G-12 b), the
 * governance log, the position staffed through the same path as `assignToPosition` (quota, senior
 * posts only by the board's resolution), and EmployeeCreated in the outbox.
 */
export class EmployeeHireService {
  constructor(
    private readonly ds: DataSource,
    private readonly positions: PositionService,
    private readonly clock: Clock = systemClock,
  ) {}

  async hire(viewer: Viewer, input: NewHire): Promise<Employee> {
    assertMayChangeGovernance(viewer);
    const name = input.name.trim();
    const email = input.email.trim().toLowerCase();
    if (!name) throw employeeErrors.nameRequired();
    if (!EMAIL.test(email)) throw employeeErrors.emailInvalid();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'hireEmployee',
      input.idempotencyKey,
      input,
      async (m, id) => {
        // The position's lock first, before any plain read: on MariaDB the transaction's snapshot is taken by its
        // first plain read, and the staffing below must count the assignments of every hire committed meanwhile.
        const position = input.positionId ? await lockForUpdate(m, Position, { id: input.positionId }) : null;
        if (input.positionId && !position) throw employeeErrors.positionNotFound(input.positionId);
        const company = await m.findOneBy(Company, { id: input.companyId });
        if (!company) throw employeeErrors.companyNotFound(input.companyId);
        let departmentId = input.departmentId ?? (position?.companyId === company.id ? position.departmentId : null);
        if (departmentId) {
          const department = await m.findOneBy(Department, { id: departmentId });
          if (!department) throw employeeErrors.departmentNotFound(departmentId);
          if (department.companyId !== company.id) throw employeeErrors.departmentOtherCompany();
          departmentId = department.id;
        }
        // A position of another company is refused by the staffing path (ASSIGNMENT_OTHER_COMPANY).
        if (position && position.companyId === company.id && position.departmentId !== departmentId) throw employeeErrors.positionOtherDepartment();
        if (input.managerId) {
          const manager = await m.findOneBy(Employee, { id: input.managerId });
          if (!manager) throw employeeErrors.managerNotFound(input.managerId);
          if (manager.status === EmployeeStatus.DEPARTED) throw employeeErrors.managerDeparted(manager.name);
        }
        // A clear answer for the common case; a concurrent hire with the same address meets the unique index (onUniqueViolation).
        if (await m.existsBy(Employee, { email })) throw employeeErrors.emailTaken();
        const employee = m.create(Employee, {
          id,
          companyId: company.id,
          departmentId,
          name,
          title: input.title?.trim() || null,
          email,
          status: EmployeeStatus.ACTIVE,
          managerId: input.managerId ?? null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Employee, employee);
        await m.insert(EmployeeChange, {
          id: newId(),
          employeeId: id,
          companyId: company.id,
          kind: EmployeeChangeKind.HIRED,
          summary: `Hired${input.title?.trim() ? ` as ${input.title.trim()}` : ''}`.slice(0, 300),
          at: now,
          accountChangeDueBy: null,
        });
        if (position) await this.positions.staff(m, viewer, newId(), { positionId: position.id, employeeId: id, resolutionId: input.resolutionId }, now);
        await employeeCreated(m, viewer, employee);
        await recordChange(m, viewer, now, {
          companyId: company.id,
          entityType: 'Employee',
          entityId: id,
          action: 'EMPLOYEE_HIRED',
          summary: `${name} hired${departmentId ? ` into department ${departmentId}` : ''}${position ? `, position ${position.title}` : ''}`.slice(0, 300),
        });
        return employee;
      },
      (id) => this.ds.manager.findOneBy(Employee, { id }),
      newId,
      { onUniqueViolation: employeeErrors.emailTaken },
    );
  }
}
