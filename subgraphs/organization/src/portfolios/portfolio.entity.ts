import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';
import { AssignmentStatus } from '../positions/position.entity';

/**
 * A portfolio (分管) entry: a senior manager (a GROUP_VP_AND_ABOVE position holder) is in charge of a
 * department for a period (ORG-R15). At most one ACTIVE entry per department (the department is locked).
 */
@ObjectType({ description: '分管 (ORG-R15): a vice president or above in charge of a department for a period.' })
@Entity('portfolio')
@Index('ix_portfolio_department_status', ['departmentId', 'status'])
@Index('ix_portfolio_executive_status', ['executiveId', 'status'])
export class Portfolio extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The department's company. */
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @Column({ name: 'executive_id', type: 'varchar', length: 36 })
  executiveId: string;

  @Field(() => AssignmentStatus)
  @Column({ type: 'varchar', length: 16 })
  status: AssignmentStatus;

  @Field()
  @Column({ name: 'held_from', type: 'datetime' })
  from: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'held_to', type: 'datetime', nullable: true })
  to: Date | null;
}
