import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeNatsConnections, deleteStream, DEMO_SEGMENTS } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';

/**
 * Webhooks end to end (issue 21): registered through the gateway, fed by the real event backbone (the
 * bulk subgraph's durable consumer on customer-service's feed, or NATS JetStream), delivered by the bulk
 * subgraph's own worker to loopback receivers that check the signature.
 */
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;

const modes = testDatabaseKinds().flatMap((kind) => [
  [kind, 'http feed'],
  [kind, 'nats'],
]) as [ReturnType<typeof testDatabaseKinds>[number], 'http feed' | 'nats'][];

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
}

async function receiver(): Promise<{ url: string; hits: Hit[]; server: Server }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits, server };
}

const signed = (hit: Hit, secret: string) => {
  const [t, v1] = (hit.headers['webhook-signature'] as string).split(',');
  return (
    v1 ===
    `v1=${createHmac('sha256', secret)
      .update(`${t.slice(2)}.${hit.body}`)
      .digest('hex')}`
  );
};

describe.each(modes)('webhooks end to end on %s, events by %s', (kind, mode) => {
  let g: TestGraph;
  const stream = `T_${randomBytes(5).toString('hex')}`;
  const events = { EVENTS_ENABLED: 'true', EVENTS_STREAM: stream, EVENTS_RELAY_MS: '50', EVENTS_POLL_MS: '100', ...(mode === 'nats' ? { EVENTS_NATS_URL: NATS_URL } : {}) };
  const receivers: Awaited<ReturnType<typeof receiver>>[] = [];

  beforeAll(async () => {
    g = await startTestGraph(kind, { subgraphEnv: events, gatewayEnv: events, bulk: { ...events, WEBHOOK_POLL_MS: '100' } });
  }, 180_000);
  afterAll(async () => {
    await g?.stop();
    await Promise.all(receivers.map((r) => new Promise((done) => r.server.close(done))));
    if (mode === 'nats') await deleteStream({ url: NATS_URL, stream });
    await closeNatsConnections();
  });

  it('a customer created in a segment reaches the group-wide and that segment’s webhooks, signed, and never another segment’s', async () => {
    const [sysadmin, adminResi, adminComm, staff] = await Promise.all(
      ['sysadmin@example.com', 'admin.resi@example.com', 'admin.comm@example.com', 'staff.resi@example.com'].map((e) => g.login(e)),
    );
    const register = async (token: string) => {
      const r = await receiver();
      receivers.push(r);
      const res = await g.request('mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { secret webhook { id segmentId } } }', {
        token,
        variables: { i: { url: r.url, eventTypes: ['CustomerCreated'] } },
      });
      expect(res.body.errors).toBeUndefined();
      return { ...r, secret: res.body.data.registerWebhook.secret as string, segmentId: res.body.data.registerWebhook.webhook.segmentId as string | null };
    };
    const all = await register(sysadmin);
    const resi = await register(adminResi);
    const comm = await register(adminComm);
    expect([all.segmentId, resi.segmentId]).toEqual([null, RESI.id]);
    const created = await g.request('mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }', {
      token: staff,
      variables: { i: { name: `钩子客户-${mode}`, kind: 'INDIVIDUAL', segmentId: RESI.id } },
    });
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data.createCustomer.id as string;
    const started = Date.now();
    while ((all.hits.length < 1 || resi.hits.length < 1) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 25));
    for (const r of [all, resi]) {
      expect(r.hits).toHaveLength(1);
      const body = JSON.parse(r.hits[0].body) as { type: string; aggregateId: string; segmentId: string };
      expect([body.type, body.aggregateId, body.segmentId]).toEqual(['CustomerCreated', id, RESI.id]);
      expect(r.hits[0].headers['webhook-event-type']).toBe('CustomerCreated');
      expect(signed(r.hits[0], r.secret)).toBe(true);
    }
    expect(comm.hits).toEqual([]);
  });
});
