import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/** domain.md §2.1.3 GovernanceCheckpoint: the eight "key focus" checks of D08 第九条 (ORG-R08). */
export enum GovernanceCheckpoint {
  BOARD_CONVENES_SHAREHOLDERS_MEETING_ON_TIME_AND_REPORTS = 'BOARD_CONVENES_SHAREHOLDERS_MEETING_ON_TIME_AND_REPORTS',
  BOARD_EXECUTES_ALL_SHAREHOLDER_RESOLUTIONS = 'BOARD_EXECUTES_ALL_SHAREHOLDER_RESOLUTIONS',
  BOARD_APPOINTS_OR_DISMISSES_SENIOR_MANAGEMENT_REASONABLY = 'BOARD_APPOINTS_OR_DISMISSES_SENIOR_MANAGEMENT_REASONABLY',
  SUPERVISORS_SUPERVISE_DIRECTORS_AND_SENIOR_MANAGEMENT = 'SUPERVISORS_SUPERVISE_DIRECTORS_AND_SENIOR_MANAGEMENT',
  SUPERVISORS_ACT_ON_VIOLATIONS = 'SUPERVISORS_ACT_ON_VIOLATIONS',
  MANAGEMENT_IMPLEMENTS_BOARD_RESOLUTIONS = 'MANAGEMENT_IMPLEMENTS_BOARD_RESOLUTIONS',
  MANAGEMENT_IMPLEMENTS_ANNUAL_PLAN_AND_INVESTMENT_PLAN = 'MANAGEMENT_IMPLEMENTS_ANNUAL_PLAN_AND_INVESTMENT_PLAN',
  MANAGEMENT_ACHIEVES_PLAN_AND_PERFORMANCE_TARGETS = 'MANAGEMENT_ACHIEVES_PLAN_AND_PERFORMANCE_TARGETS',
}
registerEnumType(GovernanceCheckpoint, { name: 'GovernanceCheckpoint', description: 'The eight governance checkpoints reviewed periodically (D08 第九条, ORG-R08).' });

export enum CheckpointResult {
  PASS = 'PASS',
  ISSUE = 'ISSUE',
}
registerEnumType(CheckpointResult, { name: 'CheckpointResult' });

/** WF-ORG-5: an ISSUE is corrected "per prescribed authority and procedure" (ORG-R09) and tracked to closure. */
export enum CheckpointStatus {
  OPEN = 'OPEN',
  ADJUSTING = 'ADJUSTING',
  CLOSED = 'CLOSED',
}
registerEnumType(CheckpointStatus, { name: 'CheckpointStatus', description: 'OPEN → ADJUSTING → CLOSED for an issue; a PASS is CLOSED when recorded.' });

/** One checkpoint of one company's periodic governance review (domain.md GovernanceReviewCheck, WF-ORG-5). */
@ObjectType({ description: 'The result of one governance checkpoint for a company and period (ORG-R08/R09), with the corrective adjustment of an issue.' })
@Entity('checkpoint_review')
@Index('uq_checkpoint_review', ['companyId', 'period', 'checkpoint'], { unique: true })
@Index('ix_checkpoint_review_company_status', ['companyId', 'status'])
export class CheckpointReview extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field({ description: 'Review period, e.g. 2025 or 2025-Q3.' })
  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Field(() => GovernanceCheckpoint)
  @Column({ type: 'varchar', length: 64 })
  checkpoint: GovernanceCheckpoint;

  @Field(() => CheckpointResult)
  @Column({ type: 'varchar', length: 8 })
  result: CheckpointResult;

  @Field(() => String, { nullable: true, description: 'The problem found (required for an ISSUE).' })
  @Column({ type: 'text', nullable: true })
  issue: string | null;

  @Field(() => String, { nullable: true, description: 'The corrective adjustment (required to close an issue, ORG-R09).' })
  @Column({ name: 'corrective_adjustment', type: 'text', nullable: true })
  correctiveAdjustment: string | null;

  @Field(() => CheckpointStatus)
  @Column({ type: 'varchar', length: 16 })
  status: CheckpointStatus;

  @Field()
  @Column({ name: 'reviewed_at', type: 'datetime' })
  reviewedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt: Date | null;
}
