import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Result files of bulk operations: served by the bulk subgraph, reached through the graph's HTTP front. */
export const BULK_FILES_PATH = '/bulk/files/';

const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'cache-control'];

/**
 * GET /bulk/files/... is streamed from the bulk subgraph (`<BULK_URL origin>/bulk/files/...`) as it
 * is: the URL's signature is checked there (the gateway keeps no state and holds no file). Only the
 * path and query go through, no client header; an unreachable subgraph is 503.
 */
export function proxyBulkFiles(bulkGraphqlUrl: string) {
  const origin = new URL(bulkGraphqlUrl);
  return (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    if (!pathname.startsWith(BULK_FILES_PATH)) return false;
    // Only the path and query go to the bulk subgraph's own origin (never a host from the request line).
    const { pathname: path, search } = new URL(req.url ?? pathname, 'http://gateway');
    const target = new URL(`${path}${search}`, origin);
    if (target.origin !== origin.origin) return false;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method: req.method === 'HEAD' ? 'HEAD' : 'GET', timeout: 30_000 }, (up) => {
      const headers: Record<string, string> = {};
      for (const h of PASSED_HEADERS) if (typeof up.headers[h] === 'string') headers[h] = up.headers[h];
      res.writeHead(up.statusCode ?? 502, headers);
      up.pipe(res);
      up.on('error', () => res.destroy());
    });
    upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
    upstream.on('error', () => {
      if (!res.headersSent)
        res
          .writeHead(503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ errors: [{ message: 'Bulk files are unavailable right now', extensions: { code: 'UNAVAILABLE' } }] }));
      else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    upstream.end();
    return true;
  };
}
