import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/**
 * Governance reports between bodies (domain.md §2.1.1 GovernanceReport, ORG-R18, D08 第九条, D15 第六条):
 * the board and the board of supervisors report to the shareholders' meeting, management to the board.
 * Recorded once, never changed (§3.2: governance records are immutable once recorded).
 */
@ObjectType({ description: "A report of one governing body to another (board → shareholders' meeting, supervisors → shareholders' meeting, management → board)." })
@Entity('governance_report')
@Index('ix_governance_report_company_period', ['companyId', 'period'])
@Index('ix_governance_report_to_body', ['toBodyId', 'submittedAt'])
export class GovernanceReport extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'from_body_id', type: 'varchar', length: 36 })
  fromBodyId: string;

  @Column({ name: 'to_body_id', type: 'varchar', length: 36 })
  toBodyId: string;

  /** The meeting of the receiving body at which the report was heard (听取), if any. */
  @Column({ name: 'meeting_id', type: 'varchar', length: 36, nullable: true })
  meetingId: string | null;

  @Field({ description: 'Period covered, e.g. 2025 or 2025-H1.' })
  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  content: string;

  @Field()
  @Column({ name: 'submitted_at', type: 'datetime' })
  submittedAt: Date;
}

/** domain.md §2.1.1 SupervisoryFinding (D08 第九条). */
export enum SupervisoryFinding {
  VIOLATION_OF_LAW_OR_REGULATION = 'VIOLATION_OF_LAW_OR_REGULATION',
  HARM_TO_COMPANY_INTEREST = 'HARM_TO_COMPANY_INTEREST',
}
registerEnumType(SupervisoryFinding, { name: 'SupervisoryFinding', description: '违反相关法律法规 / 损害公司利益.' });

/** domain.md §2.1.1 SupervisoryActionType. */
export enum SupervisoryActionType {
  PROPOSE_REMOVAL = 'PROPOSE_REMOVAL',
  STOP = 'STOP',
  CORRECT = 'CORRECT',
}
registerEnumType(SupervisoryActionType, { name: 'SupervisoryActionType', description: '提出罢免建议 / 制止 / 纠正.' });

/** Follow-up of a supervisory action [I]: OPEN → FOLLOWING_UP → CLOSED. */
export enum FollowUpStatus {
  OPEN = 'OPEN',
  FOLLOWING_UP = 'FOLLOWING_UP',
  CLOSED = 'CLOSED',
}
registerEnumType(FollowUpStatus, { name: 'SupervisoryActionStatus' });

/**
 * The board of supervisors acts on a director or senior manager who broke the law or harmed the
 * company (ORG checkpoint 5, D08 第九条.2, §3.1.4 BoS): a removal proposal, or stopping / correcting
 * the conduct, followed up to closure.
 */
@ObjectType({ description: 'An action of the board of supervisors on a director or senior manager (监事会监督行为), with its follow-up.' })
@Entity('supervisory_action')
@Index('ix_supervisory_action_company_status', ['companyId', 'status'])
@Index('ix_supervisory_action_target', ['targetEmployeeId'])
export class SupervisoryAction extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  /** The board of supervisors that acted. */
  @Column({ name: 'body_id', type: 'varchar', length: 36 })
  bodyId: string;

  @Column({ name: 'target_employee_id', type: 'varchar', length: 36 })
  targetEmployeeId: string;

  /** The target's seat (director) or office (senior manager) at the time. */
  @Column({ name: 'target_membership_id', type: 'varchar', length: 36 })
  targetMembershipId: string;

  @Field(() => SupervisoryFinding)
  @Column({ type: 'varchar', length: 40 })
  finding: SupervisoryFinding;

  @Field(() => SupervisoryActionType)
  @Column({ type: 'varchar', length: 20 })
  action: SupervisoryActionType;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field(() => FollowUpStatus)
  @Column({ type: 'varchar', length: 16 })
  status: FollowUpStatus;

  @Field(() => String, { nullable: true, description: 'What was done about it (required to close).' })
  @Column({ name: 'follow_up', type: 'text', nullable: true })
  followUp: string | null;

  @Field()
  @Column({ name: 'taken_at', type: 'datetime' })
  takenAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt: Date | null;
}

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
