import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum RosterStatus {
  /** Employed (organization's ACTIVE or ON_LEAVE): may be an assignee or owner. */
  ACTIVE = 'ACTIVE',
  /** Departed (organization's EmployeeLeft): no new assignment or ownership. */
  LEFT = 'LEFT',
}

/**
 * customer-service's projection of organization's employees: who may be named as an assignee or
 * owner, and in which segments (the CRM segments of the employee's company). Fed by organization's
 * EmployeeCreated / EmployeeChanged / EmployeeLeft events (roster/employee-events.consumer.ts) and
 * repaired from organization's graph (roster/roster-repair.ts); never read from organization's database.
 */
@Entity('employee_roster')
export class RosterEmployee {
  @PrimaryColumn({ name: 'employee_id', type: 'varchar', length: 36 })
  employeeId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'department_id', type: 'varchar', length: 36, nullable: true })
  departmentId: string | null;

  /** JSON array of segment ids. */
  @Column({ name: 'segment_ids', type: 'text' })
  segmentIdsJson: string;

  @Column({ type: 'varchar', length: 16 })
  status: RosterStatus;

  /** organization's Employee version this row reflects: an older one (a late event, a repair read before it) never overwrites it. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
