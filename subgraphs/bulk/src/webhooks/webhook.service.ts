import { DataSource, EntityManager, In } from 'typeorm';
import {
  Clock,
  ConnectionShape,
  EVENT_PRODUCERS,
  EVENT_TYPES,
  inTransaction,
  lockForUpdate,
  newId,
  PageArgs,
  paginate,
  Role,
  updateWithVersion,
  type ConsumerSpec,
  type EventEnvelope,
  type EventType,
  type Viewer,
} from '@group/shared';
import type { BulkConfig } from '../config/env';
import { DISABLED_BY_ADMIN, Webhook, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookStatus } from './webhook.entity';
import { checkWebhookUrl, encryptSecret, newWebhookSecret } from './webhook-security';
import { webhookErrors as errors } from './webhook.errors';

export interface RegisterWebhookInput {
  url: string;
  eventTypes: string[];
  /** SEGMENT_ADMIN: the segment (one of theirs; defaults to their only one). SYSTEM_ADMIN: absent (group-wide). */
  segmentId?: string | null;
  description?: string | null;
}

export interface UpdateWebhookInput {
  id: string;
  expectedVersion: number;
  url?: string | null;
  eventTypes?: string[] | null;
  description?: string | null;
}

/** A webhook with its secret: returned only by registration and rotation. */
export interface WebhookWithSecret {
  webhook: Webhook;
  secret: string;
}

export const WEBHOOK_CONSUMER = 'webhooks';
/**
 * What outside systems may subscribe to: the domain subgraphs' events. A bulk operation's end is its
 * owner's own business (the `bulkOperationFinished` subscription), not broadcast to a segment.
 */
export const WEBHOOK_EVENT_TYPES = EVENT_TYPES.filter((t) => EVENT_PRODUCERS[t] !== 'bulk');
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const addSeconds = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

/**
 * Webhook registrations (SYSTEM_ADMIN: group-wide; SEGMENT_ADMIN: their segment's) and the event
 * consumer that queues a delivery per matching webhook. Delivery itself is WebhookWorker's.
 */
export class WebhookService {
  constructor(
    readonly ds: DataSource,
    readonly config: BulkConfig,
    readonly clock: Clock,
  ) {}

  private get production() {
    return this.config.nodeEnv === 'production';
  }

  /** Who may manage a webhook of this scope: a SYSTEM_ADMIN the group-wide ones, a SEGMENT_ADMIN their segments'. */
  private mayManage(viewer: Viewer, segmentId: string | null): boolean {
    if (viewer.role === Role.SYSTEM_ADMIN) return segmentId === null;
    if (viewer.role === Role.SEGMENT_ADMIN) return segmentId !== null && viewer.segmentIds.includes(segmentId);
    return false;
  }

  private assertAdmin(viewer: Viewer) {
    if (viewer.role !== Role.SYSTEM_ADMIN && viewer.role !== Role.SEGMENT_ADMIN) {
      throw errors.forbidden();
    }
  }

  private checkTypes(types: string[]): EventType[] {
    const unique = [...new Set(types)];
    const unknown = unique.filter((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t));
    if (!unique.length || unknown.length) {
      throw errors.eventTypesInvalid(WEBHOOK_EVENT_TYPES, unknown);
    }
    return unique as EventType[];
  }

  async register(viewer: Viewer, input: RegisterWebhookInput): Promise<WebhookWithSecret> {
    this.assertAdmin(viewer);
    let segmentId = input.segmentId ?? null;
    if (viewer.role === Role.SEGMENT_ADMIN && segmentId === null && viewer.segmentIds.length === 1) segmentId = viewer.segmentIds[0];
    if (!this.mayManage(viewer, segmentId)) {
      throw viewer.role === Role.SYSTEM_ADMIN ? errors.groupScopeOnly() : errors.ownSegmentsOnly();
    }
    const types = this.checkTypes(input.eventTypes);
    const url = await checkWebhookUrl(input.url, this.production);
    const secret = newWebhookSecret();
    const now = this.clock();
    const webhook = this.ds.getRepository(Webhook).create({
      id: newId(),
      url,
      segmentId,
      eventTypesJson: JSON.stringify(types),
      description: input.description ?? null,
      status: WebhookStatus.ACTIVE,
      disabledReason: null,
      disabledAt: null,
      ownerNotice: null,
      ownerAccountId: viewer.accountId,
      ownerRole: viewer.role,
      ownerEmployeeId: viewer.employeeId ?? null,
      // A token of the owner's issued now must still be good at delivery time (see WebhookWorker.ownerMayRead).
      ownerCheckedFrom: seconds(now) - 1,
      secretEnc: encryptSecret(this.config.auth, secret),
      previousSecretEnc: null,
      previousSecretUntil: null,
      secretHint: secret.slice(-4),
      consecutiveFailures: 0,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await inTransaction(this.ds, (m) => m.getRepository(Webhook).insert(webhook));
    return { webhook, secret };
  }

  /** The webhook if the viewer manages it; NOT_FOUND otherwise (someone else's does not exist for them). */
  async get(viewer: Viewer, id: string, m: EntityManager = this.ds.manager): Promise<Webhook> {
    this.assertAdmin(viewer);
    const w = await m.getRepository(Webhook).findOneBy({ id });
    if (!w || !this.mayManage(viewer, w.segmentId)) throw errors.notFound(id);
    return w;
  }

  list(viewer: Viewer, page: PageArgs): Promise<ConnectionShape<Webhook>> {
    this.assertAdmin(viewer);
    const qb = this.ds.getRepository(Webhook).createQueryBuilder('w');
    if (viewer.role === Role.SYSTEM_ADMIN) qb.where('w.segmentId IS NULL');
    else qb.where('w.segmentId IN (:...s)', { s: viewer.segmentIds.length ? viewer.segmentIds : ['-'] });
    return paginate(qb, page, { property: 'createdAt', direction: 'DESC' });
  }

  /** A locked read of a webhook the viewer manages, then a versioned change (audited). */
  private async change(
    viewer: Viewer,
    id: string,
    expectedVersion: number | null,
    changes: (w: Webhook, now: Date) => Partial<Webhook> | Promise<Partial<Webhook>>,
  ): Promise<Webhook> {
    this.assertAdmin(viewer);
    return inTransaction(this.ds, async (m) => {
      const w = await lockForUpdate(m, Webhook, { id });
      if (!w || !this.mayManage(viewer, w.segmentId)) throw errors.notFound(id);
      const now = this.clock();
      return updateWithVersion(m, Webhook, id, expectedVersion ?? w.version, { ...(await changes(w, now)), updatedAt: now }, 'Webhook');
    });
  }

  async update(viewer: Viewer, input: UpdateWebhookInput): Promise<Webhook> {
    const url = input.url != null ? await checkWebhookUrl(input.url, this.production) : undefined;
    const types = input.eventTypes != null ? this.checkTypes(input.eventTypes) : undefined;
    return this.change(viewer, input.id, input.expectedVersion, () => ({
      ...(url !== undefined ? { url } : {}),
      ...(types ? { eventTypesJson: JSON.stringify(types) } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    }));
  }

  /** A new secret; the old one still signs (a second v1) for the rotation overlap. */
  async rotateSecret(viewer: Viewer, id: string): Promise<WebhookWithSecret> {
    const secret = newWebhookSecret();
    const webhook = await this.change(viewer, id, null, (w, now) => ({
      secretEnc: encryptSecret(this.config.auth, secret),
      previousSecretEnc: this.config.webhooks.rotationOverlapSeconds > 0 ? w.secretEnc : null,
      previousSecretUntil: this.config.webhooks.rotationOverlapSeconds > 0 ? addSeconds(now, this.config.webhooks.rotationOverlapSeconds) : null,
      secretHint: secret.slice(-4),
    }));
    return { webhook, secret };
  }

  disable(viewer: Viewer, id: string): Promise<Webhook> {
    return this.change(viewer, id, null, (w, now) =>
      w.status === WebhookStatus.DISABLED ? {} : { status: WebhookStatus.DISABLED, disabledReason: DISABLED_BY_ADMIN, disabledAt: now },
    );
  }

  /**
   * ACTIVE again; the enabling admin becomes the owner whose access deliveries are checked against
   * (so a webhook stopped because its owner was frozen can be taken over by another admin).
   */
  enable(viewer: Viewer, id: string): Promise<Webhook> {
    return this.change(viewer, id, null, (_w, now) => ({
      status: WebhookStatus.ACTIVE,
      disabledReason: null,
      disabledAt: null,
      ownerNotice: null,
      ownerAccountId: viewer.accountId,
      ownerRole: viewer.role,
      ownerEmployeeId: viewer.employeeId ?? null,
      ownerCheckedFrom: seconds(now) - 1,
      consecutiveFailures: 0,
      failingSince: null,
    }));
  }

  /** The deliveries of a webhook the viewer manages, newest first. */
  async deliveries(viewer: Viewer, webhookId: string, page: PageArgs): Promise<ConnectionShape<WebhookDelivery>> {
    await this.get(viewer, webhookId);
    const qb = this.ds.getRepository(WebhookDelivery).createQueryBuilder('d').where('d.webhookId = :w', { w: webhookId });
    return paginate(qb, page, { property: 'createdAt', direction: 'DESC' });
  }

  attemptsOf(deliveryIds: readonly string[]): Promise<WebhookAttempt[]> {
    return this.ds.getRepository(WebhookAttempt).find({ where: { deliveryId: In([...deliveryIds]) }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Sends a delivery again (any status): PENDING, due now, with a new 24 h retry window; its attempts are kept. */
  async redeliver(viewer: Viewer, deliveryId: string): Promise<WebhookDelivery> {
    this.assertAdmin(viewer);
    return inTransaction(this.ds, async (m) => {
      const d = await lockForUpdate(m, WebhookDelivery, { id: deliveryId });
      if (!d) throw errors.deliveryNotFound(deliveryId);
      await this.get(viewer, d.webhookId, m).catch(() => {
        throw errors.deliveryNotFound(deliveryId);
      });
      const now = this.clock();
      const changes = {
        status: WebhookDeliveryStatus.PENDING,
        nextAttemptAt: now,
        retryUntil: addSeconds(now, this.config.webhooks.retryWindowSeconds),
        completedAt: null,
        leaseOwner: null,
        leaseUntil: null,
      };
      await m.getRepository(WebhookDelivery).update({ id: deliveryId }, changes);
      return { ...d, ...changes };
    });
  }

  /**
   * The durable consumer (every event type of every producer): one PENDING delivery per ACTIVE
   * webhook subscribed to the type that may read it: group-wide webhooks get every event, a
   * segment's webhook only events of its segment (events without a segment go to group-wide ones only).
   */
  consumer(): ConsumerSpec {
    return { name: WEBHOOK_CONSUMER, types: [...WEBHOOK_EVENT_TYPES], apply: async (m, e) => void (await this.enqueue(m, e)) };
  }

  async enqueue(m: EntityManager, e: EventEnvelope): Promise<number> {
    const hooks = await m.getRepository(Webhook).findBy({ status: WebhookStatus.ACTIVE });
    const now = this.clock();
    const body = JSON.stringify({
      id: e.id,
      type: e.type,
      schemaVersion: e.schemaVersion,
      source: e.source,
      aggregateType: e.aggregateType,
      aggregateId: e.aggregateId,
      aggregateVersion: e.aggregateVersion,
      segmentId: e.segmentId,
      occurredAt: e.occurredAt,
      actor: e.actor,
      payload: e.payload,
    });
    const rows = hooks
      .filter((w) => (JSON.parse(w.eventTypesJson) as string[]).includes(e.type) && (w.segmentId === null || w.segmentId === e.segmentId))
      .map((w) => ({
        id: newId(),
        webhookId: w.id,
        eventId: e.id,
        eventType: e.type,
        aggregateKey: `${e.aggregateType}:${e.aggregateId}`,
        aggregateVersion: e.aggregateVersion,
        body,
        status: WebhookDeliveryStatus.PENDING,
        attempts: 0,
        nextAttemptAt: now,
        retryUntil: addSeconds(now, this.config.webhooks.retryWindowSeconds),
        leaseOwner: null,
        leaseUntil: null,
        lastStatusCode: null,
        lastError: null,
        createdAt: now,
        completedAt: null,
      }));
    if (rows.length) await m.getRepository(WebhookDelivery).insert(rows);
    return rows.length;
  }
}
