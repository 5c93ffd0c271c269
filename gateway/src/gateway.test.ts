import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubgraphDataSource } from './gateway';

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
      const options = (http?: unknown) =>
        ({ kind: 'incoming operation', request: { query: '{ ok }', http }, context, incomingRequestContext: { context } }) as never;
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
