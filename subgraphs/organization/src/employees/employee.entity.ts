import { Field, ID, ObjectType, registerEnumType, Directive } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

export enum EmployeeStatus {
  ACTIVE = 'ACTIVE',
  ON_LEAVE = 'ON_LEAVE',
  DEPARTED = 'DEPARTED',
}
registerEnumType(EmployeeStatus, { name: 'EmployeeStatus' });

@ObjectType({ description: 'A person employed by a company of the group.' })
@Directive('@key(fields: "id")')
@Entity('employee')
export class Employee extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('ix_employee_company')
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Index('ix_employee_department')
  @Column({ name: 'department_id', type: 'varchar', length: 36, nullable: true })
  departmentId: string | null;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  title: string | null;

  @Field()
  @Index('uq_employee_email', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  email: string;

  @Field(() => EmployeeStatus)
  @Column({ type: 'varchar', length: 16 })
  status: EmployeeStatus;

  /** Reporting line: the direct superior (one line of command, ORG-R28). */
  @Index('ix_employee_manager')
  @Column({ name: 'manager_id', type: 'varchar', length: 36, nullable: true })
  managerId: string | null;
}

export enum EmployeeChangeKind {
  HIRED = 'HIRED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  DEPARTED = 'DEPARTED',
  TRANSFERRED = 'TRANSFERRED',
}
registerEnumType(EmployeeChangeKind, { name: 'EmployeeChangeKind' });

/**
 * An HR event of an employee. A departure or a transfer must lead to a CRM
 * account change (open/cancel/permission change, flow A1) within one working
 * day (D10): `accountChangeDueBy` is that deadline, for the CRM side to act on.
 */
@ObjectType({ description: 'An HR event of an employee (hire, status change, departure, transfer) with the CRM account-change deadline.' })
@Entity('employee_change')
@Index('ix_employee_change_employee', ['employeeId'])
@Index('ix_employee_change_due', ['accountChangeDueBy'])
export class EmployeeChange {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'employee_id', type: 'varchar', length: 36 })
  employeeId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field(() => EmployeeChangeKind)
  @Column({ type: 'varchar', length: 20 })
  kind: EmployeeChangeKind;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  summary: string;

  @Field()
  @Column({ type: 'datetime' })
  at: Date;

  @Field(() => Date, { nullable: true, description: 'Deadline for the CRM account change (one working day after a departure or transfer); null when none is needed.' })
  @Column({ name: 'account_change_due_by', type: 'datetime', nullable: true })
  accountChangeDueBy: Date | null;
}
