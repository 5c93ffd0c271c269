import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/** domain.md §2.1.3 PlanType. */
export enum PlanType {
  MID_LONG_TERM_STRATEGY = 'MID_LONG_TERM_STRATEGY',
  THREE_YEAR_PLAN = 'THREE_YEAR_PLAN',
  FIVE_YEAR_PLAN = 'FIVE_YEAR_PLAN',
  ANNUAL_OPERATING_PLAN = 'ANNUAL_OPERATING_PLAN',
  INVESTMENT_PLAN = 'INVESTMENT_PLAN',
  INFORMATIZATION_PLAN = 'INFORMATIZATION_PLAN',
  ANNUAL_IT_PROJECT_AND_FUNDING_PLAN = 'ANNUAL_IT_PROJECT_AND_FUNDING_PLAN',
  WORK_ROLLOUT_SCHEDULE = 'WORK_ROLLOUT_SCHEDULE',
}
registerEnumType(PlanType, { name: 'PlanType', description: '中长期发展战略, 三年/五年规划, 年度生产经营计划, 投资方案, 信息化规划, 年度项目资金计划, 工作循序推进计划表.' });

/** Plan lifecycle [I]: DRAFT → APPROVED (by the board's resolution, A12) → CLOSED (period over, results recorded). */
export enum PlanStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
  CLOSED = 'CLOSED',
}
registerEnumType(PlanStatus, { name: 'PlanStatus' });

/** A plan of a company (domain.md Plan, ORG-R27, WF-ORG-7, A12), with its performance targets. */
@ObjectType({ description: 'A plan of a company (strategy, 3-year plan, annual operating plan, investment plan, ...) with its targets.' })
@Entity('company_plan')
@Index('ix_company_plan_company_type', ['companyId', 'type', 'period'])
export class Plan extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field(() => PlanType)
  @Column({ type: 'varchar', length: 40 })
  type: PlanType;

  @Field({ description: 'e.g. 2026, 2026-2028, 2011-2015 (十二五).' })
  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => PlanStatus)
  @Column({ type: 'varchar', length: 16 })
  status: PlanStatus;

  /** The passed board resolution that formulated / approved it (annual operating and investment plans, A12). */
  @Column({ name: 'approval_resolution_id', type: 'varchar', length: 36, nullable: true })
  approvalResolutionId: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'approved_at', type: 'datetime', nullable: true })
  approvedAt: Date | null;

  /** ORG-R27: an investment or project plan sits within this adopted strategy / 3- or 5-year plan (of its company or a parent). */
  @Column({ name: 'strategic_plan_id', type: 'varchar', length: 36, nullable: true })
  strategicPlanId: string | null;
}

@ObjectType({ description: 'A performance target of a plan (set by the board, D08 第九条.3) and its result.' })
@Entity('plan_target')
@Index('ix_plan_target_plan', ['planId'])
export class PlanTarget {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  ordinal: number;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => Float)
  @Column({ name: 'target_value', type: 'decimal', precision: 16, scale: 2, transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  targetValue: number;

  @Field(() => Float, { nullable: true, description: 'Result achieved (null until reported).' })
  @Column({
    name: 'actual_value',
    type: 'decimal',
    precision: 16,
    scale: 2,
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) },
  })
  actualValue: number | null;

  @Field({ description: 'e.g. 万元, %, 个.' })
  @Column({ type: 'varchar', length: 20 })
  unit: string;

  @Field({ description: 'true: higher is better (revenue); false: lower is better (cost, incidents).' })
  @Column({ name: 'higher_is_better', type: 'boolean' })
  higherIsBetter: boolean;
}
