import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { startTracing } from '@group/shared';
import { GraphQLBody, startTestGraph, TestGraph } from '../support/graph';

/**
 * Issue 10: optional OpenTelemetry tracing across the hops. With
 * OTEL_EXPORTER_OTLP_ENDPOINT set, the gateway and the subgraphs export
 * spans over OTLP/HTTP to a collector (here a fake one), and the client's
 * traceparent, the gateway's fetch spans and the subgraphs' request spans
 * form ONE trace. (One database kind suffices: no SQL is involved.)
 */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

describe('OpenTelemetry tracing', () => {
  let collector: Server;
  const spans: OtlpSpan[] = [];
  let tracing: ReturnType<typeof startTracing>;
  let g: TestGraph;

  beforeAll(async () => {
    collector = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const body = JSON.parse(raw);
        for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans.push(...ss.spans);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    tracing = startTracing('graph-test', { OTEL_EXPORTER_OTLP_ENDPOINT: url });
    g = await startTestGraph('sqlite');
  }, 120_000);
  afterAll(async () => {
    await g?.stop();
    await tracing?.shutdown();
    collector?.close();
  });

  it("joins the client's trace, the gateway's fetches and the subgraphs' requests into one trace, exported over OTLP", async () => {
    expect(tracing).not.toBeNull();
    const token = await g.login('executive@example.com');
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    const res = await fetch(g.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${clientSpanId}-01` },
      body: JSON.stringify({ query: '{ customers(first: 3) { edges { node { id name tier tags { code } } } } }' }),
    });
    expect(((await res.json()) as GraphQLBody).errors).toBeUndefined();
    await tracing!.flush();

    const hex = (s: string | undefined) => (s && /^[0-9a-f]+$/i.test(s) ? s.toLowerCase() : Buffer.from(s ?? '', 'base64').toString('hex'));
    const mine = spans.filter((s) => hex(s.traceId) === traceId);
    const component = (s: OtlpSpan) => s.attributes.find((a) => a.key === 'service.component')?.value.stringValue;
    const server = (name: string) => mine.find((s) => s.name === 'POST /graphql' && component(s) === name);
    const gatewaySpan = server('gateway');
    expect(gatewaySpan).toBeDefined();
    expect(hex(gatewaySpan!.parentSpanId)).toBe(clientSpanId);
    const fetches = mine.filter((s) => s.name === 'gateway.fetch').map((s) => hex(s.spanId));
    expect(fetches.length).toBeGreaterThanOrEqual(2);
    for (const subgraph of ['customer-service', 'marketing']) {
      const span = server(subgraph);
      expect(span).toBeDefined();
      expect(fetches).toContain(hex(span!.parentSpanId));
    }
  }, 60_000);
});
