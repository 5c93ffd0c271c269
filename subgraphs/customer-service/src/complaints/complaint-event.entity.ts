import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ComplaintStatus } from './complaint.entity';
import { ComplaintAction } from './complaint-workflow';

export enum ComplaintEventKind {
  CREATED = 'CREATED',
  TRANSITION = 'TRANSITION',
  ESCALATED = 'ESCALATED',
  RISK_UPDATED = 'RISK_UPDATED',
  LEGAL_ESCALATED = 'LEGAL_ESCALATED',
  COMPENSATION_RECORDED = 'COMPENSATION_RECORDED',
}
registerEnumType(ComplaintEventKind, { name: 'ComplaintEventKind' });

/**
 * One step of a complaint's timeline (domain.md G-02 ComplaintEvent): every
 * state change and escalation, who did it, when, from and to. `seq` is the
 * complaint's version after the step, so (complaint, seq) is unique and the
 * timeline has a total order even within one second. Append-only.
 */
@ObjectType({ description: 'A step in the handling of a complaint.' })
@Entity('complaint_event')
@Index('uq_complaint_event_seq', ['complaintId', 'seq'], { unique: true })
export class ComplaintEvent {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 36 })
  complaintId: string;

  @Field(() => Int, { description: 'Position in the timeline (the complaint version the step produced).' })
  @Column({ type: 'integer' })
  seq: number;

  @Field(() => ComplaintEventKind)
  @Column({ type: 'varchar', length: 24 })
  kind: ComplaintEventKind;

  @Field(() => ComplaintAction, { nullable: true, description: 'The transition applied (TRANSITION events).' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  action: ComplaintAction | null;

  @Field(() => ComplaintStatus, { nullable: true })
  @Column({ name: 'from_status', type: 'varchar', length: 24, nullable: true })
  fromStatus: ComplaintStatus | null;

  @Field(() => ComplaintStatus)
  @Column({ name: 'to_status', type: 'varchar', length: 24 })
  toStatus: ComplaintStatus;

  /** Escalation level before/after (ESCALATED events). */
  @Column({ name: 'from_level', type: 'integer', nullable: true })
  fromLevel: number | null;

  @Column({ name: 'to_level', type: 'integer', nullable: true })
  toLevel: number | null;

  @Field(() => String, { nullable: true, description: 'Account that made the change; null for the system (escalation job).' })
  @Column({ name: 'actor_account_id', type: 'varchar', length: 100, nullable: true })
  actorAccountId: string | null;

  /** Exposed as `actor` (Employee). */
  @Column({ name: 'actor_employee_id', type: 'varchar', length: 36, nullable: true })
  actorEmployeeId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field()
  @Column({ type: 'datetime' })
  at: Date;
}
