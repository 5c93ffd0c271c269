import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum WebhookStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}
registerEnumType(WebhookStatus, {
  name: 'WebhookStatus',
  description: 'ACTIVE (delivering) or DISABLED (by an admin, after sustained failure, or because its owner lost access).',
});

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING (waiting for its turn or its next attempt), DELIVERED (a 2xx answer), FAILED (no 2xx within the retry window).',
});

/** Why a webhook is DISABLED. */
export const DISABLED_BY_ADMIN = 'DISABLED_BY_ADMIN';
export const DISABLED_SUSTAINED_FAILURE = 'SUSTAINED_FAILURE';
export const DISABLED_OWNER_ACCESS_LOST = 'OWNER_ACCESS_LOST';

/**
 * An outside system's endpoint: a group-wide one (segmentId null, registered by a SYSTEM_ADMIN) or
 * one segment's (registered by that segment's SEGMENT_ADMIN), receiving the event types it lists.
 * Secrets are stored encrypted (webhook-secrets.ts) and never returned after they were shown once.
 */
@ObjectType({ description: 'An endpoint of an outside system that receives the graph’s events, signed (README: Webhooks).' })
@Entity('webhook')
@Index('ix_webhook_status', ['status'])
export class Webhook {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field(() => String, { description: 'Where events are POSTed (https; http only outside production).' })
  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Field(() => ID, { nullable: true, description: 'The segment whose events it receives; null: group-wide (every event).' })
  @Column({ name: 'segment_id', type: 'varchar', length: 36, nullable: true })
  segmentId: string | null;

  /** JSON array of event types. */
  @Column({ name: 'event_types', type: 'text' })
  eventTypesJson: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Field(() => WebhookStatus)
  @Column({ type: 'varchar', length: 16 })
  status: WebhookStatus;

  @Field(() => String, { nullable: true, description: 'Why it is DISABLED: DISABLED_BY_ADMIN, SUSTAINED_FAILURE or OWNER_ACCESS_LOST.' })
  @Column({ name: 'disabled_reason', type: 'varchar', length: 32, nullable: true })
  disabledReason: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'disabled_at', type: 'datetime', nullable: true })
  disabledAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The notice for the owner when the webhook was disabled automatically (also in the delivery log); cleared when enabled.',
  })
  @Column({ name: 'owner_notice', type: 'varchar', length: 500, nullable: true })
  ownerNotice: string | null;

  @Field(() => ID, { description: 'The account whose access the deliveries run under (re-checked at every delivery).' })
  @Column({ name: 'owner_account_id', type: 'varchar', length: 100 })
  ownerAccountId: string;

  @Column({ name: 'owner_role', type: 'varchar', length: 32 })
  ownerRole: string;

  /** The owner's employee (null: an account without one): the recipient of the owner's notification when the webhook is disabled automatically. */
  @Column({ name: 'owner_employee_id', type: 'varchar', length: 36, nullable: true })
  ownerEmployeeId: string | null;

  /** Epoch seconds: any revocation of the owner's tokens after this (freeze, cancel, permission change) stops the webhook. */
  @Column({ name: 'owner_checked_from', type: 'integer' })
  ownerCheckedFrom: number;

  /** AES-256-GCM, `kid:iv:tag:ciphertext` (base64url). Never returned. */
  @Column({ name: 'secret_enc', type: 'varchar', length: 300 })
  secretEnc: string;

  /** The secret before the last rotation, still signed with until `previousSecretUntil`. */
  @Column({ name: 'previous_secret_enc', type: 'varchar', length: 300, nullable: true })
  previousSecretEnc: string | null;

  @Field(() => Date, { nullable: true, description: 'Until when deliveries also carry a signature with the secret before the last rotation.' })
  @Column({ name: 'previous_secret_until', type: 'datetime', nullable: true })
  previousSecretUntil: Date | null;

  @Field(() => String, { description: 'The last four characters of the current secret, to tell secrets apart.' })
  @Column({ name: 'secret_hint', type: 'varchar', length: 8 })
  secretHint: string;

  /** Final failures in a row (reset by any success). */
  @Column({ name: 'consecutive_failures', type: 'integer' })
  consecutiveFailures: number;

  /** First failed attempt since the last success (null: not failing). */
  @Column({ name: 'failing_since', type: 'datetime', nullable: true })
  failingSince: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Field(() => Date)
  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Optimistic-lock version: send it back as `expectedVersion` to change the webhook.' })
  @Column({ type: 'integer' })
  version: number;
}

/**
 * One event for one webhook. Delivered in order per (webhook, aggregate): a delivery is attempted only
 * when no PENDING delivery of a lower aggregate version is ahead of it. Claimed by a conditional UPDATE
 * of its lease, so several instances deliver it once.
 */
@ObjectType({ description: 'One event sent (or to be sent) to a webhook, with its attempts.' })
@Entity('webhook_delivery')
@Index('ix_webhook_delivery_event', ['webhookId', 'eventId'], { unique: true })
@Index('ix_webhook_delivery_due', ['status', 'nextAttemptAt'])
@Index('ix_webhook_delivery_aggregate', ['webhookId', 'aggregateKey', 'status', 'aggregateVersion'])
@Index('ix_webhook_delivery_list', ['webhookId', 'createdAt'])
export class WebhookDelivery {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field(() => ID)
  @Column({ name: 'webhook_id', type: 'varchar', length: 36 })
  webhookId: string;

  @Field(() => ID)
  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  @Field(() => String)
  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: string;

  /** `<aggregateType>:<aggregateId>`: the ordering key. */
  @Column({ name: 'aggregate_key', type: 'varchar', length: 120 })
  aggregateKey: string;

  @Column({ name: 'aggregate_version', type: 'integer' })
  aggregateVersion: number;

  /** The JSON body POSTed (the event envelope). */
  @Column({ type: 'text' })
  body: string;

  @Field(() => WebhookDeliveryStatus)
  @Column({ type: 'varchar', length: 16 })
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far (all of them, across redeliveries).' })
  @Column({ type: 'integer' })
  attempts: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (PENDING).' })
  @Column({ name: 'next_attempt_at', type: 'datetime', nullable: true })
  nextAttemptAt: Date | null;

  /** After this the delivery is FAILED instead of retried (24 h after it was queued or redelivered). */
  @Column({ name: 'retry_until', type: 'datetime' })
  retryUntil: Date;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'datetime', nullable: true })
  leaseUntil: Date | null;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt (null: no answer).' })
  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'completed_at', type: 'datetime', nullable: true })
  completedAt: Date | null;
}

/** One HTTP attempt of a delivery (or a notice written into the log, `statusCode` null and `error` the notice). */
@ObjectType({ description: 'One attempt to deliver, as recorded.' })
@Entity('webhook_attempt')
@Index('ix_webhook_attempt_delivery', ['deliveryId', 'at'])
export class WebhookAttempt {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'delivery_id', type: 'varchar', length: 36 })
  deliveryId: string;

  @Field(() => Date)
  @Column({ type: 'datetime' })
  at: Date;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Field(() => Int)
  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;
}
