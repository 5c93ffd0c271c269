import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';
import { GovernanceMatter } from '../governance/authority';

/** domain.md §2.1.3 MeetingKind. */
export enum MeetingKind {
  REGULAR = 'REGULAR',
  IRREGULAR = 'IRREGULAR',
  EXTRAORDINARY = 'EXTRAORDINARY',
}
registerEnumType(MeetingKind, { name: 'MeetingKind', description: "定期, 不定期, 临时股东大会 (extraordinary: shareholders' meetings only)." });

export enum MeetingStatus {
  SCHEDULED = 'SCHEDULED',
  HELD = 'HELD',
}
registerEnumType(MeetingStatus, { name: 'MeetingStatus' });

/** What a quorum and votes are counted in (G-27 default): seats for boards, share capital for a shareholders' meeting. */
export enum QuorumBasis {
  SEATS = 'SEATS',
  SHARE_CAPITAL = 'SHARE_CAPITAL',
}
registerEnumType(QuorumBasis, {
  name: 'QuorumBasis',
  description:
    "SEATS: members present against the seats (boards, management, committees). SHARE_CAPITAL: voting rights (shareholdings, in basis points) present against all recorded shareholdings (shareholders' meeting).",
});

export enum ResolutionOutcome {
  PASSED = 'PASSED',
  REJECTED = 'REJECTED',
}
registerEnumType(ResolutionOutcome, { name: 'ResolutionOutcome' });

/** domain.md §2.1.1 Resolution.executionStatus [I]. */
export enum ExecutionStatus {
  PENDING = 'PENDING',
  IN_PROGRESS = 'IN_PROGRESS',
  EXECUTED = 'EXECUTED',
  NOT_EXECUTED = 'NOT_EXECUTED',
}
registerEnumType(ExecutionStatus, { name: 'ExecutionStatus' });

@ObjectType({ description: 'A meeting of a governing body, with agenda, attendance and resolutions.' })
@Entity('meeting')
@Index('ix_meeting_body_scheduled', ['bodyId', 'scheduledFor'])
@Index('ix_meeting_company', ['companyId'])
export class Meeting extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'body_id', type: 'varchar', length: 36 })
  bodyId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  /** The board convenes shareholders' meetings (D08 第九条); null = the body itself. */
  @Column({ name: 'convened_by_body_id', type: 'varchar', length: 36, nullable: true })
  convenedByBodyId: string | null;

  @Field(() => MeetingKind)
  @Column({ type: 'varchar', length: 16 })
  kind: MeetingKind;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field()
  @Column({ name: 'scheduled_for', type: 'datetime' })
  scheduledFor: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'held_at', type: 'datetime', nullable: true })
  heldAt: Date | null;

  @Field(() => MeetingStatus)
  @Column({ type: 'varchar', length: 16 })
  status: MeetingStatus;

  @Field(() => Int, { nullable: true, description: 'Members present (set when the meeting is held).' })
  @Column({ name: 'present_count', type: 'integer', nullable: true })
  presentCount: number | null;

  @Field(() => Int, { nullable: true, description: 'Seats the quorum was counted against.' })
  @Column({ name: 'seat_base', type: 'integer', nullable: true })
  seatBase: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether attendance met the quorum; without it no resolution can be recorded.' })
  @Column({ name: 'quorum_met', type: 'boolean', nullable: true })
  quorumMet: boolean | null;

  @Field(() => QuorumBasis, { nullable: true, description: 'What the quorum and the votes were counted in (set when held; null on older rows = SEATS).' })
  @Column({ name: 'quorum_basis', type: 'varchar', length: 16, nullable: true })
  quorumBasis: QuorumBasis | null;

  @Field(() => Int, { nullable: true, description: 'SHARE_CAPITAL: voting rights present, in basis points (1/100 %) of the share capital.' })
  @Column({ name: 'voting_rights_present', type: 'integer', nullable: true })
  votingRightsPresent: number | null;

  @Field(() => Int, { nullable: true, description: 'SHARE_CAPITAL: all recorded voting rights of the company, in basis points (10000 = 100 %).' })
  @Column({ name: 'voting_rights_total', type: 'integer', nullable: true })
  votingRightsTotal: number | null;
}

@ObjectType({ description: 'An item of a meeting agenda.' })
@Entity('meeting_agenda_item')
@Index('ix_meeting_agenda_item_meeting', ['meetingId'])
export class MeetingAgendaItem {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  ordinal: number;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => GovernanceMatter, { nullable: true, description: 'The matter to decide, if the item calls for a resolution.' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  matter: GovernanceMatter | null;
}

@ObjectType({ description: 'A member present at a meeting.' })
@Entity('meeting_attendance')
@Index('uq_meeting_attendance', ['meetingId', 'employeeId'], { unique: true })
export class MeetingAttendance {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ name: 'employee_id', type: 'varchar', length: 36 })
  employeeId: string;

  @Column({ name: 'membership_id', type: 'varchar', length: 36 })
  membershipId: string;
}

@ObjectType({ description: 'A resolution (决议) voted at a meeting.' })
@Entity('resolution')
@Index('ix_resolution_meeting', ['meetingId'])
@Index('ix_resolution_company', ['companyId'])
export class Resolution extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ name: 'body_id', type: 'varchar', length: 36 })
  bodyId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field(() => GovernanceMatter)
  @Column({ type: 'varchar', length: 40 })
  matter: GovernanceMatter;

  @Field(() => Int, { nullable: true, description: 'Amount at stake, in 万元.' })
  @Column({ name: 'amount_wan', type: 'integer', nullable: true })
  amountWan: number | null;

  @Field()
  @Column({ type: 'text' })
  text: string;

  @Field(() => Int, {
    description:
      "In members for a SEATS meeting; in voting rights (basis points of share capital) for a SHARE_CAPITAL one (shareholders' meeting). Likewise against and abstentions.",
  })
  @Column({ name: 'votes_for', type: 'integer' })
  votesFor: number;

  @Field(() => Int)
  @Column({ name: 'votes_against', type: 'integer' })
  votesAgainst: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  abstentions: number;

  @Field(() => ResolutionOutcome)
  @Column({ type: 'varchar', length: 16 })
  outcome: ResolutionOutcome;

  /** Who executes it: the board for the shareholders' meeting, management for the board. */
  @Column({ name: 'executor_body_id', type: 'varchar', length: 36, nullable: true })
  executorBodyId: string | null;

  @Field(() => ExecutionStatus, { nullable: true, description: 'Execution of a passed resolution; null when rejected.' })
  @Column({ name: 'execution_status', type: 'varchar', length: 16, nullable: true })
  executionStatus: ExecutionStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the resolution decided, once a decision cites it: BodyMembership, HeadcountChange or Department. One resolution, one subject.',
  })
  @Column({ name: 'subject_type', type: 'varchar', length: 40, nullable: true })
  subjectType: string | null;

  @Field(() => ID, { nullable: true, description: 'The id of what the resolution decided (see subjectType).' })
  @Column({ name: 'subject_id', type: 'varchar', length: 36, nullable: true })
  subjectId: string | null;
}
