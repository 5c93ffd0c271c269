import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetch } from './subgraph-fetch';

async function listen(server: Server) {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

describe('subgraph fetch (the node:http keep-alive client for calls to a subgraph)', () => {
  it('sends the body and headers, reads status, headers and JSON, and reuses one connection', async () => {
    const sockets = new Set<unknown>();
    const seen: { body: string; auth?: string }[] = [];
    const server = createServer((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ body, auth: req.headers.authorization });
        res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { n: seen.length } }));
      });
    });
    const url = await listen(server);
    const fetchSubgraph = createSubgraphFetch(2000);
    try {
      for (let i = 1; i <= 3; i++) {
        const res = await fetchSubgraph(url, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: `{"q":${i}}` });
        expect(res.ok).toBe(true);
        expect(res.headers.get('Content-Type')).toBe('application/json');
        expect(await res.json()).toEqual({ data: { n: i } });
      }
      expect(seen.map((s) => s.body)).toEqual(['{"q":1}', '{"q":2}', '{"q":3}']);
      expect(seen.every((s) => s.auth === 'Bearer t')).toBe(true);
      expect(sockets.size).toBe(1);
      const missing = await fetchSubgraph(url.replace('/graphql', '/missing'), { body: '{}' });
      expect([missing.ok, missing.status, missing.statusText]).toEqual([false, 404, 'Not Found']);
    } finally {
      fetchSubgraph.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('sends again on a fresh connection when a kept-alive one was closed by the subgraph, and times out a silent one', async () => {
    let requests = 0;
    const server = createServer((req, res) => {
      requests++;
      if (req.url === '/silent') return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' });
      // The second request's connection is the kept-alive one: the subgraph drops it unanswered.
      if (requests === 2) return req.socket.destroy();
      res.end('{"data":{}}');
    });
    const url = await listen(server);
    const fetchSubgraph = createSubgraphFetch(300);
    try {
      expect((await fetchSubgraph(url, { body: '{}' })).status).toBe(200);
      expect((await fetchSubgraph(url, { body: '{}' })).status).toBe(200);
      expect(requests).toBe(3);
      const started = Date.now();
      await expect(fetchSubgraph(url.replace('/graphql', '/silent'), { body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      fetchSubgraph.close();
      server.closeAllConnections();
      server.close();
    }
  });
});
