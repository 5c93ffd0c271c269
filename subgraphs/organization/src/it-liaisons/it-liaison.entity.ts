import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

export enum LiaisonEngagement {
  FULL_TIME = 'FULL_TIME',
  PART_TIME = 'PART_TIME',
}
registerEnumType(LiaisonEngagement, { name: 'LiaisonEngagement', description: '专职 / 兼职.' });

/** The IT liaison (信息化专员) of a department (ORG-R41): one per department. */
@ObjectType({ description: "A department's IT liaison (信息化专员, ORG-R41), full- or part-time." })
@Entity('it_liaison')
@Index('ix_it_liaison_company', ['companyId'])
@Index('uq_it_liaison_department', ['departmentId'], { unique: true })
export class ItLiaison extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'employee_id', type: 'varchar', length: 36 })
  employeeId: string;

  @Field(() => LiaisonEngagement)
  @Column({ type: 'varchar', length: 16 })
  engagement: LiaisonEngagement;
}
