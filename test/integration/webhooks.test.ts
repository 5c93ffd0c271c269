import 'reflect-metadata';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createSubgraphApp,
  DEMO_SEGMENTS,
  signToken,
  DurableConsumer,
  RevocationList,
  Role,
  type EventEnvelope,
  type EventType,
  type SubgraphApp,
  type Viewer,
} from '@group/shared';
import { createTestDatabase, TestDatabase, testDatabaseKinds } from '@group/shared/testing';
import { bulkModule } from '../../subgraphs/bulk/src/module';
import { loadBulkConfig, type BulkConfig } from '../../subgraphs/bulk/src/config/env';
import type { BulkServices } from '../../subgraphs/bulk/src/context';
import { WebhookService } from '../../subgraphs/bulk/src/webhooks/webhook.service';
import { WebhookWorker } from '../../subgraphs/bulk/src/webhooks/webhook.worker';
import { checkWebhookUrl } from '../../subgraphs/bulk/src/webhooks/webhook-security';
import { Webhook, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookStatus } from '../../subgraphs/bulk/src/webhooks/webhook.entity';

/**
 * Webhooks (issue 21) on a real database: events from the contract are queued by the bulk subgraph's
 * durable consumer and POSTed by the delivery worker to loopback receivers that verify the signature.
 * The worker runs by hand (WEBHOOK_POLL_MS=0) on an injectable clock, so retries over 24 h take no time.
 */
const [A, B] = DEMO_SEGMENTS;
const sysAdmin: Viewer = { accountId: 'acc-sys', employeeId: null, role: Role.SYSTEM_ADMIN, segmentIds: [] };
const adminA: Viewer = { accountId: 'acc-seg-a', employeeId: null, role: Role.SEGMENT_ADMIN, segmentIds: [A.id] };
const adminB: Viewer = { accountId: 'acc-seg-b', employeeId: null, role: Role.SEGMENT_ADMIN, segmentIds: [B.id] };
const staff: Viewer = { accountId: 'acc-staff', employeeId: null, role: Role.BUSINESS_STAFF, segmentIds: [A.id] };

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  event: EventEnvelope;
}

/** A loopback receiver that verifies the Stripe-style signature with the secrets it knows and answers what it is told. */
class Receiver {
  received: Received[] = [];
  secrets: string[] = [];
  /** Status to answer per request (default 200). */
  answer: (e: EventEnvelope) => number = () => 200;
  /** The receiver's clock (the worker's test clock) for the timestamp tolerance. */
  constructor(private readonly nowSeconds: () => number) {}
  private server!: Server;
  url = '';

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (!verify(req.headers['webhook-signature'] as string, body, this.secrets, this.nowSeconds())) return res.writeHead(400).end('bad signature');
        const event = JSON.parse(body) as EventEnvelope;
        const status = this.answer(event);
        if (status === 200) this.received.push({ headers: req.headers, body, event });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }
  stop() {
    return new Promise((r) => this.server.close(r));
  }
}

/** The verification a receiver does (README snippet): any v1 matching any of its secrets; timestamp within 5 minutes. */
function verify(header: string | undefined, body: string, secrets: string[], nowSeconds: number): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.split('=') as [string, string]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isFinite(t) || Math.abs(nowSeconds - t) > 300) return false;
  const sigs = parts.filter(([k]) => k === 'v1').map(([, v]) => Buffer.from(v, 'hex'));
  return secrets.some((s) => {
    const expected = createHmac('sha256', s).update(`${t}.${body}`).digest();
    return sigs.some((sig) => sig.length === expected.length && timingSafeEqual(sig, expected));
  });
}

let versionSeq = 0;
function event(type: EventType, aggregateId: string, segmentId: string | null, version = ++versionSeq): EventEnvelope {
  const customer = { customerId: aggregateId, name: 'n', kind: 'INDIVIDUAL', segmentId: segmentId ?? A.id, ownerId: null };
  const payloads: Record<string, unknown> = {
    CustomerCreated: customer,
    CustomerUpdated: { ...customer, previousSegmentId: null },
    AccountFrozen: { accountId: aggregateId, status: 'FROZEN', notBefore: null },
  };
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    source: type.startsWith('Account') ? 'organization' : 'customer-service',
    aggregateType: type.startsWith('Account') ? 'Account' : 'Customer',
    aggregateId,
    aggregateVersion: version,
    segmentId,
    occurredAt: new Date().toISOString(),
    actor: null,
    payload: payloads[type] as never,
  };
}

describe.each(testDatabaseKinds())('webhooks on %s', (kind) => {
  let db: TestDatabase;
  let app: SubgraphApp<BulkServices, unknown>;
  let config: BulkConfig;
  let url: string;
  let now = Math.floor(Date.now() / 1000) * 1000; // whole seconds, as MariaDB's DATETIME stores them
  const clock = () => new Date(now);
  const advance = (seconds: number) => (now += seconds * 1000);
  let service: WebhookService;
  let consumer: DurableConsumer;
  let worker: WebhookWorker;
  const receivers: Receiver[] = [];
  const receiver = async () => {
    const r = await new Receiver(() => Math.floor(now / 1000)).start();
    receivers.push(r);
    return r;
  };
  const exec = async <T = any>(query: string, viewer: Viewer, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: any[] }> => {
    const res = await app.server.apollo.executeOperation({ query, variables }, { contextValue: app.createContext({ requestId: 'test', viewer }) });
    if (res.body.kind !== 'single') throw new Error('unexpected incremental result');
    return res.body.singleResult as { data?: T; errors?: any[] };
  };
  /** Over HTTP with a signed token (the path that runs the audit scope). */
  const http = async (query: string, viewer: Viewer, variables?: Record<string, unknown>) => {
    const { token } = await signToken(config.auth, viewer);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data?: any; errors?: any[] };
  };
  const register = async (viewer: Viewer, r: Receiver, eventTypes: string[] = ['CustomerCreated', 'CustomerUpdated', 'AccountFrozen']) => {
    const res = await exec(`mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { secret webhook { id segmentId status version secretHint } } }`, viewer, {
      i: { url: r.url, eventTypes },
    });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    r.secrets.push(res.data.registerWebhook.secret);
    return res.data.registerWebhook.webhook as { id: string; segmentId: string | null; version: number };
  };
  const deliveriesOf = (webhookId: string) => app.dataSource.getRepository(WebhookDelivery).find({ where: { webhookId }, order: { createdAt: 'ASC', aggregateVersion: 'ASC' } });
  const hook = (id: string) => app.dataSource.getRepository(Webhook).findOneByOrFail({ id });

  beforeAll(async () => {
    db = await createTestDatabase(kind, 'webhooks');
    config = loadBulkConfig({ NODE_ENV: 'test', BULK_POLL_MS: '0', WEBHOOK_POLL_MS: '0', WEBHOOK_RETRY_BASE_SECONDS: '60', WEBHOOK_MAX_BACKOFF_SECONDS: '3600' });
    config.database = db.config;
    app = await createSubgraphApp(bulkModule, config);
    url = (await app.server.start(0)).url;
    service = new WebhookService(app.dataSource, config, clock);
    consumer = new DurableConsumer(app.dataSource, service.consumer());
    worker = new WebhookWorker(service, app.revocations, undefined, clock, () => 0.5);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await app?.stop();
    await db?.drop();
  });
  beforeEach(async () => {
    // Every test starts with no active webhook of an earlier one.
    await app.dataSource.createQueryBuilder().update(Webhook).set({ status: WebhookStatus.DISABLED }).execute();
  });

  it('registration: secret shown once, admins only, each in their scope; URL and types checked', async () => {
    const r = await receiver();
    const w = await register(sysAdmin, r);
    expect(w.segmentId).toBeNull();
    expect(r.secrets[0]).toMatch(/^whsec_/);
    const a = await register(adminA, r);
    expect(a.segmentId).toBe(A.id);
    // The secret is never returned afterwards, and is stored encrypted.
    const stored = await hook(w.id);
    expect(stored.secretEnc).not.toContain(r.secrets[0]);
    // Registered over HTTP (audited): the audit trail of the row redacts the (encrypted) secret columns; the secret itself is in no audit record.
    const audited = await http(`mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { secret webhook { id } } }`, sysAdmin, {
      i: { url: r.url, eventTypes: ['AccountFrozen'] },
    });
    const auditedId = audited.data!.registerWebhook.webhook.id as string;
    const execViewer: Viewer = { accountId: 'acc-exec', employeeId: null, role: Role.GROUP_EXECUTIVE, segmentIds: [] };
    const trail = await http(`query($id: ID!) { bulkAuditTrail(entityId: $id, entity: "webhook") { action after } }`, execViewer, { id: auditedId });
    const log = await http(`{ bulkAuditLog(first: 5) { edges { node { rootFields args } } } }`, execViewer);
    expect(log.data!.bulkAuditLog.edges[0].node.rootFields).toEqual(['registerWebhook']);
    expect(JSON.stringify([trail, log])).not.toContain(audited.data!.registerWebhook.secret);
    expect(JSON.stringify([trail, log])).not.toContain((await hook(auditedId)).secretEnc);
    expect(trail.data!.bulkAuditTrail[0].action).toBe('INSERT');
    const after = JSON.parse(trail.data!.bulkAuditTrail[0].after as string) as Record<string, unknown>;
    expect(after.url).toBe(r.url);
    expect(after.secretEnc).toBe('[REDACTED]');
    const list = await exec(`{ webhooks { edges { node { id segmentId url eventTypes } } } }`, adminB);
    expect(list.data!.webhooks.edges.map((e: any) => e.node.id)).not.toContain(a.id);
    const mine = await exec(`{ webhooks { edges { node { id } } } }`, adminA);
    expect(mine.data!.webhooks.edges.map((e: any) => e.node.id)).toContain(a.id);
    expect((await exec(`mutation($id: ID!) { disableWebhook(id: $id) { id } }`, adminB, { id: a.id })).errors?.[0].extensions.reason).toBe('WEBHOOK_NOT_FOUND');
    const denied = await exec(`mutation { registerWebhook(input: { url: "${r.url}", eventTypes: ["CustomerCreated"] }) { secret } }`, staff);
    expect(denied.errors?.[0].extensions.reason).toBe('WEBHOOK_FORBIDDEN');
    const other = await exec(`mutation { registerWebhook(input: { url: "${r.url}", eventTypes: ["CustomerCreated"], segmentId: "${B.id}" }) { secret } }`, adminA);
    expect(other.errors?.[0].extensions.reason).toBe('WEBHOOK_SCOPE_FORBIDDEN');
    const badType = await exec(`mutation { registerWebhook(input: { url: "${r.url}", eventTypes: ["Nope"] }) { secret } }`, sysAdmin);
    expect(badType.errors?.[0].extensions.reason).toBe('WEBHOOK_EVENT_TYPES_INVALID');
    const badUrl = await exec(`mutation { registerWebhook(input: { url: "ftp://x", eventTypes: ["CustomerCreated"] }) { secret } }`, sysAdmin);
    expect(badUrl.errors?.[0].extensions.reason).toBe('WEBHOOK_URL_INVALID');
    // Versioned update.
    const upd = await exec(`mutation($i: UpdateWebhookInput!) { updateWebhook(input: $i) { version eventTypes } }`, sysAdmin, {
      i: { id: w.id, expectedVersion: 1, eventTypes: ['CustomerCreated'] },
    });
    expect(upd.data!.updateWebhook).toEqual({ version: 2, eventTypes: ['CustomerCreated'] });
    const stale = await exec(`mutation($i: UpdateWebhookInput!) { updateWebhook(input: $i) { version } }`, sysAdmin, { i: { id: w.id, expectedVersion: 1, description: 'x' } });
    expect(stale.errors?.[0].extensions.reason).toBe('STALE_VERSION');
  });

  it('signed deliveries with the event headers; segment isolation: a segment webhook gets only its segment, events without a segment go to group-wide only', async () => {
    const [rAll, rA, rB] = [await receiver(), await receiver(), await receiver()];
    await register(sysAdmin, rAll);
    await register(adminA, rA);
    await register(adminB, rB);
    const inA = event('CustomerCreated', randomUUID(), A.id);
    const frozen = event('AccountFrozen', randomUUID(), null);
    await consumer.deliver(inA);
    await consumer.deliver(frozen);
    await worker.drain();
    expect(rAll.received.map((x) => x.event.id).sort()).toEqual([inA.id, frozen.id].sort());
    expect(rA.received.map((x) => x.event.id)).toEqual([inA.id]);
    expect(rB.received).toEqual([]);
    const got = rA.received[0];
    expect(got.headers['webhook-id']).toBe(inA.id);
    expect(got.headers['webhook-event-type']).toBe('CustomerCreated');
    expect(got.headers['webhook-timestamp']).toBe(String(Math.floor(now / 1000)));
    expect(got.headers['webhook-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    // A tampered body does not verify.
    expect(verify(got.headers['webhook-signature'] as string, got.body, rA.secrets, Math.floor(now / 1000))).toBe(true);
    expect(verify(got.headers['webhook-signature'] as string, got.body.replace('CustomerCreated', 'CustomerUpdated'), rA.secrets, Math.floor(now / 1000))).toBe(false);
    // A replayed request outside the 5-minute tolerance is refused by the receiver.
    expect(verify(got.headers['webhook-signature'] as string, got.body, rA.secrets, Math.floor(now / 1000) + 301)).toBe(false);
  });

  it('at least once under receiver failures: 500 three times then 200 is delivered, with every attempt recorded and exponential backoff', async () => {
    const r = await receiver();
    const w = await register(sysAdmin, r);
    let failures = 3;
    r.answer = () => (failures-- > 0 ? 500 : 200);
    const e = event('CustomerCreated', randomUUID(), A.id);
    await consumer.deliver(e);
    await consumer.deliver(e); // a redelivered event is queued once
    const waits: number[] = [];
    for (let i = 0; i < 10 && !r.received.length; i++) {
      await worker.drain();
      const [d] = await deliveriesOf(w.id);
      if (d.nextAttemptAt) {
        waits.push(Math.round((d.nextAttemptAt.getTime() - now) / 1000));
        now = d.nextAttemptAt.getTime();
      }
    }
    expect(r.received.map((x) => x.event.id)).toEqual([e.id]);
    expect(waits.slice(0, 3)).toEqual([60, 120, 240]);
    const [d] = await deliveriesOf(w.id);
    expect(d.status).toBe('DELIVERED');
    expect(d.attempts).toBe(4);
    const log = await exec(`query($w: ID!) { webhookDeliveries(webhookId: $w) { edges { node { status attempts attemptLog { statusCode } } } } }`, sysAdmin, { w: w.id });
    expect(log.data!.webhookDeliveries.edges[0].node).toEqual({
      status: 'DELIVERED',
      attempts: 4,
      attemptLog: [{ statusCode: 500 }, { statusCode: 500 }, { statusCode: 500 }, { statusCode: 200 }],
    });
  });

  it('ordering per aggregate: a later version waits until the earlier one is delivered', async () => {
    const r = await receiver();
    await register(sysAdmin, r);
    const id = randomUUID();
    const v1 = event('CustomerCreated', id, A.id, 1);
    const v2 = event('CustomerUpdated', id, A.id, 2);
    const other = event('CustomerCreated', randomUUID(), A.id, 1);
    let v1Failures = 2;
    r.answer = (e) => (e.id === v1.id && v1Failures-- > 0 ? 503 : 200);
    await consumer.deliver(v1);
    await consumer.deliver(v2);
    await consumer.deliver(other);
    await worker.drain();
    // v1 failed and waits for its retry; v2 waits behind it; another aggregate is not held up.
    expect(r.received.map((x) => x.event.id)).toEqual([other.id]);
    for (let i = 0; i < 5 && r.received.length < 3; i++) {
      advance(3600);
      await worker.drain();
    }
    expect(r.received.map((x) => x.event.id)).toEqual([other.id, v1.id, v2.id]);
  });

  it('secret rotation: during the overlap both signatures are sent and each secret verifies; afterwards only the new one', async () => {
    const r = await receiver();
    const w = await register(sysAdmin, r);
    const [oldSecret] = r.secrets;
    const rotated = await exec(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret webhook { version secretHint previousSecretUntil } } }`, sysAdmin, { id: w.id });
    const newSecret = rotated.data!.rotateWebhookSecret.secret as string;
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.data!.rotateWebhookSecret.webhook.secretHint).toBe(newSecret.slice(-4));
    r.secrets = [oldSecret];
    await consumer.deliver(event('CustomerCreated', randomUUID(), A.id));
    await worker.drain();
    const sig = r.received[0].headers['webhook-signature'] as string;
    expect(sig.split(',').filter((p) => p.startsWith('v1='))).toHaveLength(2);
    expect(verify(sig, r.received[0].body, [oldSecret], Math.floor(now / 1000))).toBe(true);
    expect(verify(sig, r.received[0].body, [newSecret], Math.floor(now / 1000))).toBe(true);
    // After the overlap (24 h), the old secret no longer verifies.
    advance(24 * 3600 + 1);
    r.secrets = [newSecret];
    await consumer.deliver(event('CustomerCreated', randomUUID(), A.id));
    await worker.drain();
    const later = r.received[1].headers['webhook-signature'] as string;
    expect(later.split(',').filter((p) => p.startsWith('v1='))).toHaveLength(1);
    expect(verify(later, r.received[1].body, [oldSecret], Math.floor(now / 1000))).toBe(false);
    expect(verify(later, r.received[1].body, [newSecret], Math.floor(now / 1000))).toBe(true);
  });

  it('a frozen owner’s webhook stops (disabled OWNER_ACCESS_LOST); another admin may enable it and take it over', async () => {
    const r = await receiver();
    const owner: Viewer = { ...sysAdmin, accountId: `acc-sys-${randomUUID().slice(0, 8)}` };
    const w = await register(owner, r);
    (app.revocations as RevocationList).apply({ accountId: owner.accountId, notBefore: null }, 1);
    await consumer.deliver(event('CustomerCreated', randomUUID(), A.id));
    await worker.drain();
    expect(r.received).toEqual([]);
    const stopped = await hook(w.id);
    expect([stopped.status, stopped.disabledReason]).toEqual(['DISABLED', 'OWNER_ACCESS_LOST']);
    expect(stopped.ownerNotice).toMatch(/lost access/);
    await exec(`mutation($id: ID!) { enableWebhook(id: $id) { status } }`, sysAdmin, { id: w.id });
    await worker.drain();
    expect(r.received).toHaveLength(1);
  });

  it('a demoted owner’s webhook stops: a permission change revokes the owner’s tokens from then on', async () => {
    const r = await receiver();
    const owner: Viewer = { ...adminA, accountId: `acc-seg-${randomUUID().slice(0, 8)}` };
    const w = await register(owner, r);
    await consumer.deliver(event('CustomerCreated', randomUUID(), A.id));
    await worker.drain();
    expect(r.received).toHaveLength(1);
    // organization's AccountRevoked on a role change: tokens issued before now are refused.
    (app.revocations as RevocationList).apply({ accountId: owner.accountId, notBefore: Math.floor(Date.now() / 1000) + 2 }, 1);
    await consumer.deliver(event('CustomerCreated', randomUUID(), A.id));
    await worker.drain();
    expect(r.received).toHaveLength(1);
    expect((await hook(w.id)).disabledReason).toBe('OWNER_ACCESS_LOST');
  });

  it('redelivery through the API sends a delivered event again', async () => {
    const r = await receiver();
    const w = await register(sysAdmin, r);
    const e = event('CustomerCreated', randomUUID(), A.id);
    await consumer.deliver(e);
    await worker.drain();
    const [d] = await deliveriesOf(w.id);
    expect(d.status).toBe('DELIVERED');
    expect((await exec(`mutation($id: ID!) { redeliverWebhookDelivery(id: $id) { status } }`, adminB, { id: d.id })).errors?.[0].extensions.reason).toBe(
      'WEBHOOKDELIVERY_NOT_FOUND',
    );
    const again = await exec(`mutation($id: ID!) { redeliverWebhookDelivery(id: $id) { status } }`, sysAdmin, { id: d.id });
    expect(again.data!.redeliverWebhookDelivery.status).toBe('PENDING');
    await worker.drain();
    expect(r.received.map((x) => x.event.id)).toEqual([e.id, e.id]);
    expect((await deliveriesOf(w.id))[0].attempts).toBe(2);
  });

  it('retried for 24 h, then FAILED; a webhook failing for 24 h is disabled and its owner notified (webhook state and delivery log)', async () => {
    const r = await receiver();
    r.answer = () => 500;
    const w = await register(sysAdmin, r);
    await consumer.deliver(event('CustomerCreated', randomUUID(), A.id));
    for (let i = 0; i < 60; i++) {
      await worker.drain();
      const [d] = await deliveriesOf(w.id);
      if (d.status !== WebhookDeliveryStatus.PENDING) break;
      now = Math.max(now, d.nextAttemptAt!.getTime());
    }
    const [d] = await deliveriesOf(w.id);
    expect(d.status).toBe('FAILED');
    expect(d.attempts).toBeGreaterThan(10);
    const disabled = await hook(w.id);
    expect([disabled.status, disabled.disabledReason]).toEqual(['DISABLED', 'SUSTAINED_FAILURE']);
    expect(disabled.ownerNotice).toMatch(/disabled/);
    const notices = await app.dataSource.getRepository(WebhookAttempt).findBy({ deliveryId: d.id });
    expect(notices.some((a) => a.statusCode === null && /disabled/.test(a.error ?? ''))).toBe(true);
    // The owner's in-app notification (customer-service) is told by a WebhookDisabled event in the disable's transaction.
    const [outboxed] = await app.dataSource.query<{ payload: string }[]>(`SELECT payload FROM outbox_event WHERE type = 'WebhookDisabled' AND aggregate_id = ?`, [w.id]);
    expect(JSON.parse(outboxed.payload)).toMatchObject({
      webhookId: w.id,
      ownerAccountId: sysAdmin.accountId,
      ownerEmployeeId: sysAdmin.employeeId ?? null,
      reason: 'SUSTAINED_FAILURE',
    });
    // Disabled: new events are not queued for it.
    await consumer.deliver(event('CustomerCreated', randomUUID(), A.id));
    expect(await deliveriesOf(w.id)).toHaveLength(1);
  });

  it('N deliveries FAILED in a row disable the webhook before 24 h of failure', async () => {
    const r = await receiver();
    r.answer = () => 500;
    const w = await register(sysAdmin, r);
    const short: BulkConfig = { ...config, webhooks: { ...config.webhooks, retryWindowSeconds: 60, disableAfterFailures: 2 } };
    const shortService = new WebhookService(app.dataSource, short, clock);
    const shortConsumer = new DurableConsumer(app.dataSource, shortService.consumer());
    const shortWorker = new WebhookWorker(shortService, app.revocations, undefined, clock, () => 0.5);
    await shortConsumer.deliver(event('CustomerCreated', randomUUID(), A.id));
    await shortConsumer.deliver(event('CustomerCreated', randomUUID(), A.id));
    for (let i = 0; i < 4; i++) {
      await shortWorker.drain();
      advance(61);
    }
    expect((await deliveriesOf(w.id)).map((d) => d.status)).toEqual([WebhookDeliveryStatus.FAILED, WebhookDeliveryStatus.FAILED]);
    const disabled = await hook(w.id);
    expect([disabled.status, disabled.disabledReason]).toEqual(['DISABLED', 'SUSTAINED_FAILURE']);
    expect(disabled.ownerNotice).toMatch(/2 deliveries in a row failed/);
  });

  it('two workers deliver each delivery exactly once', async () => {
    const r = await receiver();
    await register(sysAdmin, r);
    const events = Array.from({ length: 12 }, () => event('CustomerCreated', randomUUID(), A.id));
    for (const e of events) await consumer.deliver(e);
    const second = new WebhookWorker(service, app.revocations, undefined, clock);
    await Promise.all([worker.drain(), second.drain(), worker.drain(), second.drain()]);
    expect(r.received.map((x) => x.event.id).sort()).toEqual(events.map((e) => e.id).sort());
  });

  it('SSRF: production refuses http, loopback and private addresses (also behind a host name); test config allows loopback http', async () => {
    const production = true;
    await expect(checkWebhookUrl('http://hooks.example.com/x', production, async () => ['93.184.216.34'])).rejects.toMatchObject({ code: 'WEBHOOK_URL_INVALID' });
    for (const url of ['https://127.0.0.1/x', 'https://[::1]/x', 'https://10.1.2.3/x', 'https://169.254.169.254/latest', 'https://192.168.0.10/x'])
      await expect(checkWebhookUrl(url, production)).rejects.toMatchObject({ code: 'WEBHOOK_URL_INVALID' });
    await expect(checkWebhookUrl('https://internal.example.com/x', production, async () => ['10.0.0.5'])).rejects.toMatchObject({ code: 'WEBHOOK_URL_INVALID' });
    await expect(checkWebhookUrl('https://hooks.example.com/x', production, async () => ['93.184.216.34'])).resolves.toBe('https://hooks.example.com/x');
    await expect(checkWebhookUrl('http://127.0.0.1:9/x', false)).resolves.toBe('http://127.0.0.1:9/x');
    // Through the service with a production configuration.
    const prod = new WebhookService(app.dataSource, { ...config, nodeEnv: 'production' }, clock);
    await expect(prod.register(sysAdmin, { url: 'https://127.0.0.1/hook', eventTypes: ['CustomerCreated'] })).rejects.toMatchObject({ code: 'WEBHOOK_URL_INVALID' });
  });
});
