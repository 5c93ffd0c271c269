import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One branch's published result for a closed assessment period: the score,
 * the rank and the figures behind them (indicators with numerators,
 * denominators and the weights used) as they were when the period was
 * closed, so a published ranking never changes when complaints are later
 * reopened or weights change. One row per (period, branch).
 */
@Entity('branch_assessment_result')
@Index('uq_branch_assessment_result', ['period', 'branchId'], { unique: true })
export class BranchAssessmentResult {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Local month, YYYY-MM. */
  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ name: 'branch_id', type: 'varchar', length: 36 })
  branchId: string;

  @Column({ type: 'integer' })
  rank: number;

  @Column({ name: 'total_score', type: 'decimal', precision: 6, scale: 2 })
  totalScore: string;

  @Column({ type: 'integer' })
  complaints: number;

  /** IndicatorScore[] as JSON. */
  @Column({ type: 'text' })
  indicators: string;

  @Column({ name: 'closed_at', type: 'datetime' })
  closedAt: Date;

  @Column({ name: 'closed_by', type: 'varchar', length: 100 })
  closedBy: string;
}

/**
 * A closed assessment period: one row per month, whatever its results. The
 * primary key is what makes "a month is closed once" hold, also for a month
 * without complaints (which has no result rows) and under concurrent closes.
 */
@Entity('assessment_period')
export class AssessmentPeriod {
  /** Local month, YYYY-MM. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  period: string;

  /** Branches ranked when it was closed (0 for a month without complaints). */
  @Column({ type: 'integer' })
  branches: number;

  @Column({ name: 'closed_at', type: 'datetime' })
  closedAt: Date;

  @Column({ name: 'closed_by', type: 'varchar', length: 100 })
  closedBy: string;
}
