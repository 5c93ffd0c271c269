import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';
import { CrmTargetType, GeneralActionStatus, GeneralActionType } from '../crm/crm-enums';

/**
 * A general action (一般行动, domain.md G-11, WF-CRM-3 item 4) on a lead, a
 * customer or an opportunity: a follow-up done (DONE, `doneAt`) or planned
 * and possibly assigned to someone else (PLANNED, `dueAt`, `assigneeId`,
 * `assignedById`). It carries the segment of its target; `customerId` is the
 * customer behind the target (null for a lead without customer) so
 * `Customer.generalActions` is one indexed read; `ownerId` is the target's
 * owner (read scope of business staff).
 */
@ObjectType({ description: 'A general action (一般行动) on a lead, a customer or an opportunity.' })
@Directive('@key(fields: "id")')
@Entity('general_action')
@Index('ix_general_action_target', ['targetId', 'status', 'lateCorrection', 'doneAt'])
@Index('ix_general_action_done', ['status', 'lateCorrection', 'doneAt', 'targetId'])
@Index('ix_general_action_customer', ['customerId', 'createdAt'])
@Index('ix_general_action_assignee', ['assigneeId', 'status'])
@Index('ix_general_action_segment', ['segmentId', 'createdAt'])
@Index('ix_general_action_segment_done', ['segmentId', 'status', 'lateCorrection', 'doneAt', 'targetId'])
export class GeneralAction extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field(() => CrmTargetType)
  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: CrmTargetType;

  /** Id of the lead, customer or opportunity (exposed as `lead`/`customer`/`opportunity`). */
  @Column({ name: 'target_id', type: 'varchar', length: 36 })
  targetId: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36, nullable: true })
  customerId: string | null;

  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Column({ name: 'owner_id', type: 'varchar', length: 36, nullable: true })
  ownerId: string | null;

  @Field(() => GeneralActionType)
  @Column({ type: 'varchar', length: 16 })
  type: GeneralActionType;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field(() => GeneralActionStatus)
  @Column({ type: 'varchar', length: 16 })
  status: GeneralActionStatus;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'due_at', type: 'datetime', nullable: true })
  dueAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was done; counts for the month of this date (CS-R25).' })
  @Column({ name: 'done_at', type: 'datetime', nullable: true })
  doneAt: Date | null;

  @Field({
    description: "Marked DONE after the month of doneAt had closed (5 days after its end): recorded, but it does not change that closed month's follow-up compliance (CS-R25).",
  })
  @Column({ name: 'late_correction', type: 'boolean', default: false })
  lateCorrection: boolean;

  /** Employee who must do it (exposed as `assignee`). */
  @Column({ name: 'assignee_id', type: 'varchar', length: 36, nullable: true })
  assigneeId: string | null;

  /** Employee who assigned it (exposed as `assignedBy`). */
  @Column({ name: 'assigned_by_id', type: 'varchar', length: 36, nullable: true })
  assignedById: string | null;

  @Column({ name: 'created_by_account_id', type: 'varchar', length: 100 })
  createdByAccountId: string;
}
