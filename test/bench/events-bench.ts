/**
 * `npm run bench:events [-- sqlite mariadb] [--n 60]`: end-to-end lag of the event backbone (issue 21),
 * from sending a mutation to the gateway until its effect is seen elsewhere:
 *  (a) marketing's customer projection applied (createCustomer -> its customer_profile row exists),
 *  (b) a subscription event received by a graphql-sse client (createGeneralAction assigned to the
 *      subscriber -> its notificationCreated arrives),
 *  (c) marketing's indicators moved (createComplaint -> COMPLAINT_COUNT, CustomerIndicatorsChanged).
 * Both in the default mode (HTTP feeds polled) and with NATS JetStream (EVENTS_NATS_URL or
 * nats://127.0.0.1:4222), with the production defaults EVENTS_RELAY_MS=200 and EVENTS_POLL_MS=250.
 * Three untimed rounds first. The whole graph runs in this process (startTestGraph) on fresh databases. Webhooks are not
 * measured: there is no webhook engine on this branch.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
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

async function measure(kind: TestDbKind, mode: 'http feed' | 'nats', n: number) {
  const stream = `BENCH_${randomBytes(4).toString('hex')}`;
  const env = { EVENTS_ENABLED: 'true', EVENTS_STREAM: stream, EVENTS_RELAY_MS: '200', EVENTS_POLL_MS: '250', ...(mode === 'nats' ? { EVENTS_NATS_URL: NATS_URL } : {}) };
  const g = await startTestGraph(kind, { subgraphEnv: env, gatewayEnv: env });
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
    console.log(
      `${kind.padEnd(7)} ${mode.padEnd(9)}  indicators (createComplaint -> marketing's COMPLAINT_COUNT): p50 ${percentile(indicators, 50)} ms, p99 ${percentile(indicators, 99)} ms`,
    );

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
    return { projection, subscription };
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
      rows.push(`${kind.padEnd(7)} ${mode.padEnd(9)}  projection: ${fmt(r.projection)}   subscription: ${fmt(r.subscription)}   (n=${n})`);
      console.log(rows[rows.length - 1]);
    }
  }
  console.log('\nEnd-to-end lag from sending the mutation (EVENTS_RELAY_MS=200, EVENTS_POLL_MS=250); webhooks: not on this branch, not measured.');
  console.log(rows.join('\n'));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
