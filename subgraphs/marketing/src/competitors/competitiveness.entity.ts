import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

const decimal = { to: (v: number | null) => v, from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)) };

/**
 * An indicator of the competitiveness-evaluation indicator system (竞争力评价指标体系, MKT-R05;
 * indicator list G-21 [I]). One group-wide system: the research is "global and systematic"
 * (全局性、体系化), so every competitor is scored against the same indicators and weights.
 * Retired, never deleted: past scores keep their indicator.
 */
@ObjectType({ description: 'An indicator of the group-wide competitiveness-evaluation system (MKT-R05): name, weight and scale. Sensitive like competitor intelligence.' })
@Entity('competitiveness_indicator')
export class CompetitivenessIndicator extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Stable code, e.g. MARKET_SHARE.' })
  @Index('uq_competitiveness_indicator_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => String, { nullable: true, description: 'How to score it (what a high score means).' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Field(() => Float, { description: 'Relative weight in the competitiveness score (> 0).' })
  @Column({ type: 'decimal', precision: 8, scale: 2, transformer: decimal })
  weight: number;

  @Field(() => Int, { description: 'Lowest score on the scale (weakest).' })
  @Column({ name: 'scale_min', type: 'integer' })
  scaleMin: number;

  @Field(() => Int, { description: 'Highest score on the scale (strongest competitor on this indicator).' })
  @Column({ name: 'scale_max', type: 'integer' })
  scaleMax: number;

  @Field(() => Date, { nullable: true, description: 'Retired indicators take no new scores; past scores stay.' })
  @Column({ name: 'retired_at', type: 'datetime', nullable: true })
  retiredAt: Date | null;
}

/** A competitor's score on one indicator for one period (MKT-M6). */
@ObjectType({ description: "A competitor's score on one indicator for one period (MKT-R05, MKT-M6)." })
@Entity('competitiveness_score')
@Index('uq_competitiveness_score', ['competitorId', 'indicatorId', 'period'], { unique: true })
@Index('ix_competitiveness_score_indicator', ['indicatorId'])
export class CompetitivenessScore extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'competitor_id', type: 'varchar', length: 36 })
  competitorId: string;

  @Column({ name: 'indicator_id', type: 'varchar', length: 36 })
  indicatorId: string;

  @Field({ description: 'Quarter evaluated, YYYY-Qn.' })
  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Field(() => Float, { description: "On the indicator's scale." })
  @Column({ type: 'decimal', precision: 8, scale: 2, transformer: decimal })
  score: number;

  @Field(() => String, { nullable: true, description: 'Evidence or source of the score.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Field({ description: 'Account that recorded the score.' })
  @Column({ name: 'evaluated_by', type: 'varchar', length: 100 })
  evaluatedBy: string;
}
