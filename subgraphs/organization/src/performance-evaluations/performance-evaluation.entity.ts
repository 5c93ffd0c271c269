import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** [I] rating scale of the shareholders' meeting's evaluation (the seed gives none). */
export enum PerformanceRating {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  ADEQUATE = 'ADEQUATE',
  POOR = 'POOR',
}
registerEnumType(PerformanceRating, { name: 'BodyPerformanceRating' });

/** The shareholders' meeting evaluates the performance of the board and the board of supervisors (ORG-R18, ORG-M12). Immutable. */
@ObjectType({ description: "The shareholders' meeting's evaluation of the board's or the supervisors' performance (ORG-R18)." })
@Entity('performance_evaluation')
@Index('uq_performance_evaluation', ['meetingId', 'evaluatedBodyId'], { unique: true })
@Index('ix_performance_evaluation_company', ['companyId', 'period'])
export class PerformanceEvaluation {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  /** The (held, quorate) shareholders' meeting that evaluated. */
  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ name: 'evaluated_body_id', type: 'varchar', length: 36 })
  evaluatedBodyId: string;

  @Field({ description: 'Period evaluated, e.g. 2025.' })
  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Field(() => PerformanceRating)
  @Column({ type: 'varchar', length: 16 })
  rating: PerformanceRating;

  @Field()
  @Column({ type: 'text' })
  comment: string;

  @Field()
  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt: Date;
}
