import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { emitEvent, inTransaction, lockForUpdate, newId, type Clock, type Logger, type TokenRevocations } from '@group/shared';
import { DISABLED_OWNER_ACCESS_LOST, DISABLED_SUSTAINED_FAILURE, Webhook, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookStatus } from './webhook.entity';
import type { WebhookService } from './webhook.service';
import { checkWebhookUrl, decryptSecret, signatureHeader } from './webhook-security';

const addMs = (d: Date, ms: number) => new Date(d.getTime() + ms);
const clip = (s: string) => s.slice(0, 500);

/** Retry n (1-based): base·2^(n-1), capped, ±20 % jitter so that failed receivers are not hit in lockstep. */
export function backoffSeconds(n: number, baseSeconds: number, maxSeconds: number, random: () => number = Math.random): number {
  const plain = Math.min(maxSeconds, baseSeconds * 2 ** Math.min(n - 1, 30));
  return Math.max(1, Math.round(plain * (0.8 + 0.4 * random())));
}

/**
 * Sends due deliveries. A delivery is claimed by a conditional UPDATE of its lease (only one instance
 * wins), attempted once, and its outcome written only while the lease is still ours. Per (webhook,
 * aggregate), a delivery waits while an earlier version's delivery is PENDING. Before each attempt the
 * owner's access is re-checked: a revocation of the owner's tokens since registration (freeze, cancel,
 * permission change) disables the webhook (OWNER_ACCESS_LOST).
 */
export class WebhookWorker {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly service: WebhookService,
    private readonly revocations: TokenRevocations,
    private readonly log?: Logger,
    private readonly clock: Clock = service.clock,
    private readonly random: () => number = Math.random,
  ) {}

  private get settings() {
    return this.service.config.webhooks;
  }

  start(): this {
    if (this.settings.pollMs > 0) {
      this.timer = setInterval(() => {
        this.running ??= this.drain()
          .catch((e) => this.log?.warn({ err: (e as Error).message }, 'webhook delivery pass failed'))
          .finally(() => (this.running = undefined));
      }, this.settings.pollMs);
      this.timer.unref();
    }
    return this;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Delivers until nothing is due (tests call it by hand). Returns the attempts made. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.pass();
      if (!n) return total;
      total += n;
    }
  }

  /** One round: claims up to WEBHOOK_CONCURRENCY due deliveries and attempts them in parallel. */
  async pass(): Promise<number> {
    const claimed = await this.claim(this.settings.concurrency);
    await Promise.all(claimed.map((d) => this.attempt(d)));
    return claimed.length;
  }

  private async claim(limit: number): Promise<WebhookDelivery[]> {
    const ds = this.service.ds;
    const now = this.clock();
    const candidates = await ds
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .innerJoin(Webhook, 'w', 'w.id = d.webhookId')
      .where('d.status = :p AND d.nextAttemptAt <= :now AND (d.leaseUntil IS NULL OR d.leaseUntil < :now) AND w.status = :active', {
        p: WebhookDeliveryStatus.PENDING,
        now,
        active: WebhookStatus.ACTIVE,
      })
      // Ordering per aggregate: nothing earlier of the same aggregate still pending for this webhook.
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.webhook_id = d.webhook_id AND e.aggregate_key = d.aggregate_key AND e.status = :p AND e.aggregate_version < d.aggregate_version)`,
      )
      .orderBy('d.nextAttemptAt', 'ASC')
      .addOrderBy('d.createdAt', 'ASC')
      .limit(limit)
      .getMany();
    const mine: WebhookDelivery[] = [];
    for (const d of candidates) {
      const leaseUntil = addMs(now, this.settings.timeoutMs + 30_000);
      const r = await ds
        .createQueryBuilder()
        .update(WebhookDelivery)
        .set({ leaseOwner: this.owner, leaseUntil })
        .where('id = :id AND status = :p AND (lease_until IS NULL OR lease_until < :now)', { id: d.id, p: WebhookDeliveryStatus.PENDING, now })
        .execute();
      if (r.affected) mine.push({ ...d, leaseOwner: this.owner, leaseUntil });
    }
    return mine;
  }

  private async attempt(d: WebhookDelivery): Promise<void> {
    const ds = this.service.ds;
    const webhook = await ds.getRepository(Webhook).findOneBy({ id: d.webhookId });
    if (!webhook || webhook.status !== WebhookStatus.ACTIVE) return this.release(d, 0);
    try {
      await this.revocations.assertNotRevoked(webhook.ownerAccountId, webhook.ownerCheckedFrom * 1000); // seconds -> ms (the start of that second)
    } catch (e) {
      if ((e as { code?: string }).code === 'REVOKED_TOKEN')
        return this.disable(
          webhook,
          d,
          DISABLED_OWNER_ACCESS_LOST,
          `Webhook ${webhook.id} stopped: its owner ${webhook.ownerAccountId} lost access (frozen, cancelled or permissions changed); an admin may enable it again`,
        );
      return this.release(d, 30_000); // cannot tell now (revocation list out of date): try again later, not an attempt
    }
    const started = this.clock();
    const timestamp = Math.floor(started.getTime() / 1000);
    const secrets = [decryptSecret(this.service.config.auth, webhook.secretEnc)];
    if (webhook.previousSecretEnc && webhook.previousSecretUntil && webhook.previousSecretUntil > started)
      secrets.push(decryptSecret(this.service.config.auth, webhook.previousSecretEnc));
    let statusCode: number | null = null;
    let error: string | null = null;
    const t0 = Date.now();
    try {
      await checkWebhookUrl(webhook.url, this.service.config.nodeEnv === 'production');
      const res = await fetch(webhook.url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'group-graph-webhooks/1',
          'webhook-id': d.eventId,
          'webhook-event-type': d.eventType,
          'webhook-timestamp': String(timestamp),
          'webhook-delivery-id': d.id,
          'webhook-signature': signatureHeader(timestamp, d.body, secrets),
        },
        body: d.body,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      statusCode = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (e) {
      error = clip((e as Error).message || String(e));
    }
    await this.record(webhook, d, started, statusCode, error, Date.now() - t0);
  }

  private async release(d: WebhookDelivery, delayMs: number): Promise<void> {
    await this.service.ds
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set({ leaseOwner: null, leaseUntil: null, nextAttemptAt: addMs(this.clock(), delayMs) })
      .where('id = :id AND lease_owner = :o', { id: d.id, o: this.owner })
      .execute();
  }

  /** Writes the attempt and the delivery's new state (only while the lease is ours), and the webhook's health. */
  private async record(webhook: Webhook, d: WebhookDelivery, at: Date, statusCode: number | null, error: string | null, durationMs: number): Promise<void> {
    const now = this.clock();
    const ok = error === null;
    const attempts = d.attempts + 1;
    const final = !ok && now >= d.retryUntil;
    const changes: Partial<WebhookDelivery> = {
      attempts,
      lastStatusCode: statusCode,
      lastError: error,
      leaseOwner: null,
      leaseUntil: null,
      ...(ok
        ? { status: WebhookDeliveryStatus.DELIVERED, nextAttemptAt: null, completedAt: now }
        : final
          ? { status: WebhookDeliveryStatus.FAILED, nextAttemptAt: null, completedAt: now }
          : { nextAttemptAt: addMs(now, 1000 * backoffSeconds(attempts, this.settings.retryBaseSeconds, this.settings.maxBackoffSeconds, this.random)) }),
    };
    const disableNotice = await inTransaction(this.service.ds, async (m) => {
      // The webhook's row first (see locks.ts): its failure count is read and written by parallel attempts.
      const w = await lockForUpdate(m, Webhook, { id: webhook.id });
      const r = await m
        .createQueryBuilder()
        .update(WebhookDelivery)
        .set(changes)
        .where('id = :id AND lease_owner = :o AND status = :p', { id: d.id, o: this.owner, p: WebhookDeliveryStatus.PENDING })
        .execute();
      if (!r.affected) return null; // no longer ours (lease lapsed and taken over): the other instance records its own attempt
      await m.insert(WebhookAttempt, { id: newId(), deliveryId: d.id, at, statusCode, error, durationMs });
      if (!w) return null;
      if (ok) {
        if (w.consecutiveFailures || w.failingSince) await m.update(Webhook, { id: w.id }, { consecutiveFailures: 0, failingSince: null });
        return null;
      }
      const failingSince = w.failingSince ?? at;
      const consecutiveFailures = w.consecutiveFailures + (final ? 1 : 0);
      await m.update(Webhook, { id: w.id }, { failingSince, consecutiveFailures });
      const sustained = now.getTime() - failingSince.getTime() >= this.settings.disableAfterSeconds * 1000;
      if (w.status === WebhookStatus.ACTIVE && (sustained || consecutiveFailures >= this.settings.disableAfterFailures)) {
        return sustained
          ? `Webhook ${w.id} disabled: every attempt failed for ${Math.round(this.settings.disableAfterSeconds / 3600)} h (last: ${error})`
          : `Webhook ${w.id} disabled: ${consecutiveFailures} deliveries in a row failed after all their retries (last: ${error})`;
      }
      return null;
    });
    if (disableNotice) await this.disable(webhook, null, DISABLED_SUSTAINED_FAILURE, disableNotice);
  }

  /**
   * Disables the webhook automatically and notifies the owner. The notice is recorded on the webhook
   * (`ownerNotice`) and in the delivery log (an attempt row without status code), and a
   * WebhookDisabled event in the same transaction tells customer-service, which keeps the owner's
   * in-app notifications (this subgraph never writes its database).
   */
  private async disable(webhook: Webhook, d: WebhookDelivery | null, reason: string, notice: string): Promise<void> {
    const now = this.clock();
    await inTransaction(this.service.ds, async (m) => {
      const r = await m
        .createQueryBuilder()
        .update(Webhook)
        .set({ status: WebhookStatus.DISABLED, disabledReason: reason, disabledAt: now, ownerNotice: clip(notice), version: () => 'version + 1', updatedAt: now })
        .where('id = :id AND status = :a', { id: webhook.id, a: WebhookStatus.ACTIVE })
        .execute();
      const logged = d ?? (await m.getRepository(WebhookDelivery).findOne({ where: { webhookId: webhook.id }, order: { createdAt: 'DESC', id: 'DESC' } }));
      if (r.affected && logged) await m.insert(WebhookAttempt, { id: newId(), deliveryId: logged.id, at: now, statusCode: null, error: clip(notice), durationMs: 0 });
      if (r.affected) {
        const after = (await m.findOneBy(Webhook, { id: webhook.id }))!;
        await emitEvent(m, {
          type: 'WebhookDisabled',
          aggregateId: after.id,
          aggregateVersion: after.version,
          segmentId: after.segmentId,
          actor: null,
          payload: { webhookId: after.id, ownerAccountId: after.ownerAccountId, ownerEmployeeId: after.ownerEmployeeId, reason, notice: clip(notice) },
        });
      }
      if (d) await m.update(WebhookDelivery, { id: d.id, leaseOwner: this.owner }, { leaseOwner: null, leaseUntil: null });
    });
    this.log?.warn({ webhookId: webhook.id, owner: webhook.ownerAccountId, reason }, notice);
  }
}
