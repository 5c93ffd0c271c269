import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/**
 * A customer-service branch (客户服务分部, domain.md §2.2.1 ServiceBranch) of a
 * company, led by the group Customer Service Center (CS-R01). Complaints are
 * attributed to the branch that handles them; branch staff see them.
 * Organisational data: readable by every signed-in viewer.
 */
@ObjectType({ description: 'A customer-service branch (客户服务分部) of a company.' })
@Directive('@key(fields: "id")')
@Entity('service_branch')
@Index('ix_service_branch_company', ['companyId', 'code'])
export class ServiceBranch extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Short code, e.g. JARE-CQ.' })
  @Index('uq_service_branch_code', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The organization's Company (exposed as `company`). */
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;
}

/**
 * Customer-service staff (domain.md G-06): an employee working for one branch,
 * or for the group Customer Service Center when `branchId` is null. Grants
 * complaint visibility beyond the segment (see scope.ts). Administered with
 * assignServiceStaff / removeServiceStaff (ServiceAdminService).
 */
@Entity('service_staff')
export class ServiceStaff {
  @PrimaryColumn({ name: 'employee_id', type: 'varchar', length: 36 })
  employeeId: string;

  @Index('ix_service_staff_branch')
  @Column({ name: 'branch_id', type: 'varchar', length: 36, nullable: true })
  branchId: string | null;
}
