import { createServer } from 'node:http';
import { GraphQLError } from 'graphql';
import net, { type AddressInfo } from 'node:net';
import { loadGatewayConfig } from './config';
import { SubgraphDataSource, startGateway } from './gateway';

/** The gateway forwards the caller's token and request id to subgraphs, and never waits forever. */
describe('SubgraphDataSource', () => {
  it('forwards Authorization and x-request-id, and times out a slow subgraph', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const server = createServer((req, res) => {
      seen.push({ authorization: req.headers.authorization, requestId: req.headers['x-request-id'] as string });
      if (req.url === '/slow') return; // never answers
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { ok: true } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const ds = new SubgraphDataSource(`http://127.0.0.1:${port}/graphql`, 300);
      const context = { requestId: 'req-123', authorization: 'Bearer abc' };
      const options = (http?: unknown) => ({ kind: 'incoming operation', request: { query: '{ ok }', http }, context, incomingRequestContext: { context } }) as never;
      const res = await ds.process(options());
      expect(res.data).toEqual({ ok: true });
      expect(seen[0]).toEqual({ authorization: 'Bearer abc', requestId: 'req-123' });

      const slow = new SubgraphDataSource(`http://127.0.0.1:${port}/slow`, 300);
      const started = Date.now();
      await expect(slow.process(options())).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3000);
      ds.close();
      slow.close();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

/** A subgraph's refusal reaches the client as the subgraph's own error: never its URL or raw response (issue 17 item 7). */
describe('SubgraphDataSource errors', () => {
  it('passes on a refused token as UNAUTHENTICATED + reason with HTTP 401; masks a failure without a code', async () => {
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/refuse' ? 401 : 500;
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/refuse' ? JSON.stringify({ errors: [{ message: 'revoked', extensions: { code: 'UNAUTHENTICATED', reason: 'REVOKED_TOKEN' } }] }) : 'oops');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const context = { requestId: 'r', viewer: null };
    const options = { kind: 'incoming operation', request: { query: '{ ok }', http: undefined }, context, incomingRequestContext: { context } } as never;
    try {
      const refused = new SubgraphDataSource(`${base}/refuse`, 1000, 'organization');
      const e401 = await refused.process(options).catch((e: GraphQLError) => e);
      expect([(e401 as GraphQLError).message, (e401 as GraphQLError).extensions]).toEqual(['revoked', { code: 'UNAUTHENTICATED', reason: 'REVOKED_TOKEN', http: { status: 401 } }]);
      const failing = new SubgraphDataSource(`${base}/fail`, 1000, 'organization');
      const e500 = (await failing.process(options).catch((e: GraphQLError) => e)) as GraphQLError;
      expect([e500.message, e500.extensions]).toEqual(['The organization service answered HTTP 500', {}]);
      refused.close();
      failing.close();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

/**
 * @apollo/gateway ships usage telemetry that, unless APOLLO_TELEMETRY_DISABLED is set, probes cloud
 * metadata addresses (169.254.169.254, ...) and sends metrics to Apollo's servers. Ours is off by
 * default: a group's gateway talks to its own subgraphs and to nothing else.
 */
describe('startGateway', () => {
  it('connects to nothing but its own subgraphs: no cloud metadata probe, no report to Apollo (telemetry off unless opted in)', async () => {
    const config = loadGatewayConfig({ NODE_ENV: 'test', GATEWAY_PORT: '0' });
    expect(config.apolloTelemetry).toBe(false);
    expect(loadGatewayConfig({ NODE_ENV: 'test', APOLLO_TELEMETRY_DISABLED: 'false' }).apolloTelemetry).toBe(true);

    const destinations: string[] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with the socket as `this` (apply below)
    const connect = net.Socket.prototype.connect;
    const spy = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
      // Called with (options), (port, host) or, from inside Node, ([options, callback]).
      const first = Array.isArray(args[0]) ? args[0][0] : args[0];
      const o = (typeof first === 'object' && first ? first : { port: first, host: args[1] }) as { host?: string; port?: unknown; path?: string };
      destinations.push(o.path ?? `${o.host ?? 'localhost'}:${String(o.port)}`);
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    });
    try {
      const gw = await startGateway(config);
      try {
        // The detectors and the exporter would connect within milliseconds of the gateway's construction.
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        await gw.stop();
      }
    } finally {
      spy.mockRestore();
    }
    expect(destinations.filter((d) => !/^(127\.0\.0\.1|localhost|::1):/.test(d))).toEqual([]);
  });
});
