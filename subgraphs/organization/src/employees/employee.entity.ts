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
}
