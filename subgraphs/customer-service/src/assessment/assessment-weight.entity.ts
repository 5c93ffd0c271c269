import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** Measured indicators of the branch comprehensive assessment (综合考核评比, domain.md G-05). */
export enum AssessmentIndicator {
  SLA_COMPLIANCE = 'SLA_COMPLIANCE',
  RESOLUTION_RATE = 'RESOLUTION_RATE',
  AVERAGE_SATISFACTION = 'AVERAGE_SATISFACTION',
  REVISIT_RATE = 'REVISIT_RATE',
  REPEAT_COMPLAINT_RATE = 'REPEAT_COMPLAINT_RATE',
  ESCALATION_RATE = 'ESCALATION_RATE',
}
registerEnumType(AssessmentIndicator, { name: 'AssessmentIndicator' });

/** The weight of one indicator in the total score; configured in the database (defaults from the migration). */
@ObjectType({ description: 'Weight of one indicator in the branch assessment total.' })
@Entity('assessment_weight')
export class AssessmentWeight {
  @Field(() => AssessmentIndicator)
  @PrimaryColumn({ type: 'varchar', length: 32 })
  indicator: AssessmentIndicator;

  @Field(() => Int)
  @Column({ type: 'integer' })
  weight: number;

  @Field(() => Int, { description: 'Optimistic-lock version, incremented on every change; send it back as expectedVersion.' })
  @VersionColumn()
  version: number;
}
