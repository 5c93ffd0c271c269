import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

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
