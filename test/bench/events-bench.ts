/**
 * `npm run bench:events [-- sqlite mariadb] [--n 60]`: end-to-end lag of the event backbone (issue 21),
 * from sending a mutation to the gateway until its effect is seen elsewhere:
 *  (a) marketing's customer projection applied (createCustomer -> its customer_profile row exists),
 *  (b) a subscription event received by a graphql-sse client (createGeneralAction assigned to the
 *      subscriber -> its notificationCreated arrives),
 *  (c) marketing's indicators moved (createComplaint -> COMPLAINT_COUNT, CustomerIndicatorsChanged).
 *  (d) a webhook delivery received and its signature verified by a loopback receiver registered by
 *      the system administrator (createCustomer -> the POST of its CustomerCreated), with the
 *      production default WEBHOOK_POLL_MS=1000 of the bulk subgraph's delivery worker.
 * Both in the default mode (HTTP feeds polled) and with NATS JetStream (EVENTS_NATS_URL or
 * nats://127.0.0.1:4222), with the production defaults EVENTS_RELAY_MS=200 and EVENTS_POLL_MS=250.
 * Three untimed rounds first. The whole graph (with the bulk subgraph, where webhooks live) runs in
 * this process (startTestGraph) on fresh databases.
 */
import 'reflect-metadata';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-sse';
import { DEMO_SEGMENTS, closeNatsConnections, deleteStream } from '@group/shared';
import type { TestDbKind } from '../../shared/src/testing/databases';
import { startTestGraph, type TestGraph } from '../support/graph';

const NATS_URL = process.env.EVENTS_NATS_URL ?? process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const WARM_UP = 3;
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function until(check: () => boolean | Promise<boolean>, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function ok(g: TestGraph, token: string, query: string, variables?: Record<string, unknown>) {
  const r = await g.request(query, { token, variables });
  if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data;
}

/** A loopback webhook receiver: the arrival time of each delivery whose signature verifies, by event id (the first one). */
async function webhookReceiver() {
  const secrets: string[] = [];
  const arrived = new Map<string, { at: number; aggregateId: string }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const parts = String(req.headers['webhook-signature'] ?? '')
        .split(',')
        .map((x) => x.split('='));
      const t = parts.find(([k]) => k === 't')?.[1];
      const signed = parts
        .filter(([k]) => k === 'v1')
        .some(([, v]) =>
          secrets.some((secret) => {
            const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
            const got = Buffer.from(v, 'hex');
            return got.length === expected.length && timingSafeEqual(got, expected);
          }),
        );
      if (!signed) return void res.writeHead(400).end();
      const e = JSON.parse(body) as { id: string; aggregateId: string };
      if (!arrived.has(e.id)) arrived.set(e.id, { at, aggregateId: e.aggregateId });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    secrets,
    arrivedFor: (aggregateId: string) => [...arrived.values()].find((a) => a.aggregateId === aggregateId)?.at,
    stop: () => new Promise((r) => server.close(r)),
  };
}

/** (d) createCustomer -> its CustomerCreated POSTed to a group-wide webhook and verified. */
async function webhookLag(g: TestGraph, staff: string, n: number): Promise<number[]> {
  const receiver = await webhookReceiver();
  try {
    const sysadmin = await g.login('sysadmin@example.com');
    const registered = await ok(g, sysadmin, 'mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { secret } }', {
      i: { url: receiver.url, eventTypes: ['CustomerCreated'] },
    });
    receiver.secrets.push(registered.registerWebhook.secret);
    const lags: number[] = [];
    for (let i = -WARM_UP; i < n; i++) {
      // A random pause first: rounds sent right after a delivery would all wait out the worker's whole poll period.
      await new Promise((r) => setTimeout(r, Math.random() * 1000));
      const t0 = Date.now();
      const c = await ok(g, staff, 'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }', { i: { name: `钩子-${i}`, kind: 'INDIVIDUAL', segmentId: RESI.id } });
      const id = c.createCustomer.id as string;
      await until(() => receiver.arrivedFor(id) !== undefined, 30_000);
      if (i >= 0) lags.push(receiver.arrivedFor(id)! - t0);
    }
    return lags;
  } finally {
    await receiver.stop();
  }
}

async function measure(kind: TestDbKind, mode: 'http feed' | 'nats', n: number) {
  const stream = `BENCH_${randomBytes(4).toString('hex')}`;
  const env = { EVENTS_ENABLED: 'true', EVENTS_STREAM: stream, EVENTS_RELAY_MS: '200', EVENTS_POLL_MS: '250', ...(mode === 'nats' ? { EVENTS_NATS_URL: NATS_URL } : {}) };
  const g = await startTestGraph(kind, { subgraphEnv: env, gatewayEnv: env, bulk: env });
  const client = createClient({ url: `${g.gatewayUrl}/stream`, singleConnection: false, retryAttempts: 0, headers: async () => ({ authorization: `Bearer ${staff}` }) });
  const staff = await g.login('staff.resi@example.com');
  try {
    const head = await g.login('head.resi@example.com');
    const me = (await ok(g, staff, '{ me { employee { id } } }')).me.employee.id;
    const lead = (await ok(g, staff, `{ leads(first: 1, filter: { segmentId: "${RESI.id}" }) { edges { node { id } } } }`)).leads.edges[0].node.id;
    const marketing = g.apps.marketing.dataSource;

    const projection: number[] = [];
    // i < 0: warm-up (first deliveries set up consumers and caches), not counted.
    for (let i = -WARM_UP; i < n; i++) {
      const t0 = Date.now();
      const c = await ok(g, staff, 'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }', { i: { name: `延迟-${i}`, kind: 'INDIVIDUAL', segmentId: RESI.id } });
      const id = c.createCustomer.id as string;
      await until(async () => (await marketing.query('SELECT 1 FROM customer_profile WHERE customer_id = ?', [id])).length > 0);
      if (i >= 0) projection.push(Date.now() - t0);
    }

    // (c) indicators by events: createComplaint -> marketing's COMPLAINT_COUNT of the customer moved (CustomerIndicatorsChanged).
    const indicators: number[] = [];
    const customer = (await ok(g, staff, `{ customers(first: 1, filter: { segmentId: "${RESI.id}" }) { edges { node { id } } } }`)).customers.edges[0].node.id;
    const complaints = async () =>
      (await marketing.query("SELECT value FROM customer_indicator WHERE customer_id = ? AND code = 'COMPLAINT_COUNT'", [customer])).reduce(
        (s: number, r: any) => s + Number(r.value),
        0,
      );
    for (let i = -WARM_UP; i < n; i++) {
      const before = await complaints();
      const t0 = Date.now();
      await ok(g, staff, 'mutation ($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }', {
        i: { customerId: customer, title: `指标延迟-${i}`, description: 'bench', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' },
      });
      await until(async () => (await complaints()) > before);
      if (i >= 0) indicators.push(Date.now() - t0);
    }

    const received = new Map<string, number>();
    const dispose = client.subscribe(
      { query: 'subscription { notificationCreated { message } }' },
      { next: (r) => void received.set(String((r.data as any)?.notificationCreated?.message ?? '').split(' (due')[0], Date.now()), error: () => {}, complete: () => {} },
    );
    await new Promise((r) => setTimeout(r, 1000));
    const subscription: number[] = [];
    const dueAt = new Date(Date.now() + 86_400_000).toISOString();
    for (let i = -WARM_UP; i < n; i++) {
      const subject = `延迟通知-${i}`;
      const t0 = Date.now();
      await ok(g, head, 'mutation ($i: CreateGeneralActionInput!) { createGeneralAction(input: $i) { id } }', {
        i: { targetType: 'LEAD', targetId: lead, type: 'VISIT', subject, dueAt, assigneeId: me },
      });
      await until(() => received.has(subject));
      if (i >= 0) subscription.push(received.get(subject)! - t0);
    }
    dispose();
    const webhook = await webhookLag(g, staff, n);
    return { projection, indicators, subscription, webhook };
  } finally {
    client.dispose();
    await g.stop();
    if (mode === 'nats') await deleteStream({ url: NATS_URL, stream });
    await closeNatsConnections();
  }
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { n: { type: 'string', default: '60' } } });
  const kinds = (positionals.length ? positionals : ['sqlite']) as TestDbKind[];
  const n = Number(values.n);
  const rows: string[] = [];
  for (const kind of kinds) {
    for (const mode of ['http feed', 'nats'] as const) {
      const r = await measure(kind, mode, n);
      const fmt = (xs: number[]) => `p50 ${percentile(xs, 50)} ms, p99 ${percentile(xs, 99)} ms`;
      rows.push(
        `${kind.padEnd(7)} ${mode.padEnd(9)}  projection: ${fmt(r.projection)}   indicators: ${fmt(r.indicators)}   subscription: ${fmt(r.subscription)}   webhook: ${fmt(r.webhook)}   (n=${n})`,
      );
      console.log(rows[rows.length - 1]);
    }
  }
  console.log('\nEnd-to-end lag from sending the mutation (EVENTS_RELAY_MS=200, EVENTS_POLL_MS=250, WEBHOOK_POLL_MS=1000).');
  console.log(rows.join('\n'));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
