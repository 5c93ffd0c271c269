import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum NotificationKind {
  /** A complaint reached a higher response tier (automatic or manual escalation, G-04). */
  COMPLAINT_ESCALATED = 'COMPLAINT_ESCALATED',
  /** Someone assigned you a general action (G-11). */
  ACTION_ASSIGNED = 'ACTION_ASSIGNED',
  /** A webhook you own was disabled automatically (sustained failure, or you lost access): the bulk subgraph's WebhookDisabled event. */
  WEBHOOK_DISABLED = 'WEBHOOK_DISABLED',
  /** A bulk operation you submitted completed or failed: the bulk subgraph's BulkOperationFinished event. */
  BULK_OPERATION_FINISHED = 'BULK_OPERATION_FINISHED',
}
registerEnumType(NotificationKind, { name: 'NotificationKind' });

/**
 * An in-app notification to one employee (domain.md G-19), written in the
 * same transaction as the event it reports, so it exists exactly when the
 * event does. Delivery beyond the app (SMS, e-mail, OA) is a relay reading
 * this table, outside this subgraph.
 */
@ObjectType({ description: 'A notification to you: an escalated complaint, an action assigned to you, a webhook of yours disabled, a bulk operation of yours ended.' })
@Entity('notification')
@Index('ix_notification_recipient', ['recipientId', 'createdAt'])
@Index('uq_notification_event', ['recipientId', 'kind', 'subjectId', 'eventKey'], { unique: true })
export class Notification {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The employee notified. */
  @Column({ name: 'recipient_id', type: 'varchar', length: 36 })
  recipientId: string;

  @Field(() => NotificationKind)
  @Column({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  @Field(() => ID, { description: 'The complaint, general action or webhook it is about.' })
  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId: string;

  /** Distinguishes events of one subject (e.g. the escalation level), so one event notifies once. */
  @Column({ name: 'event_key', type: 'varchar', length: 32 })
  eventKey: string;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  message: string;

  @Field()
  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'read_at', type: 'datetime', nullable: true })
  readAt: Date | null;
}
