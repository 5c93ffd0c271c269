import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, BaseContext as ApolloBaseContext } from '@apollo/server';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import { disableReadScope, withReadScope } from '../database/read-primary';
import { disableAuditScope, withAuditScope } from '../audit/audit-scope';
import { withRequestSpan } from '../observability/tracing';
import { handleCors } from './cors';

export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID_RE = /^[A-Za-z0-9._-]{1,128}$/;

export interface HttpAppOptions<TContext extends ApolloBaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds the per-request context (viewer, loaders, services). */
  context: (req: IncomingMessage, requestId: string) => Promise<TContext>;
  /** Readiness: resolves true when dependencies (database, subgraphs) answer; false or why not otherwise. */
  ready: () => Promise<boolean | { reason: string }>;
  maxBodyBytes: number;
  /** Longest GraphQL document (`query`) in bytes, checked before parsing (LIMIT_EXCEEDED / DOCUMENT_SIZE_LIMIT). */
  maxDocumentBytes?: number;
  log: Logger;
  /** Names the request spans when tracing is on. */
  service?: string;
  /**
   * Runs before the body is read: returns a response to send instead (e.g.
   * 429 from the rate limiter, 401 for a bad token) or undefined to go on.
   */
  /** Extra routes (e.g. the gateway's IDE): return true when the request was answered. */
  routes?: (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean;
  /** Browser origins allowed to call /graphql (CORS, see cors.ts); none when absent. */
  corsOrigins?: readonly string[];
  /** Serves Prometheus metrics at GET /metrics when given. */
  metrics?: Metrics;
  admit?: (req: IncomingMessage) => Promise<{ status: number; body: unknown; headers?: Record<string, string> } | undefined>;
  /**
   * Run each request that may write in the read-your-writes and audit scopes (default true; see
   * `withRequestScopes`). The gateway has no database and passes false.
   */
  requestScopes?: boolean;
}

export interface RunningHttpServer {
  server: Server;
  url: string;
  port: number;
  /**
   * Graceful stop: first `drainMs` of draining (/ready answers 503 so load
   * balancers move away, requests still served, with `Connection: close`),
   * then no new connections, in-flight requests finish (up to `graceMs`).
   */
  close(graceMs: number, drainMs?: number): Promise<void>;
}

/** Reads a request id from the caller (the gateway forwards its own) or makes one. */
export function requestIdOf(req: IncomingMessage): string {
  const h = req.headers[REQUEST_ID_HEADER];
  const v = Array.isArray(h) ? h[0] : h;
  return v && REQUEST_ID_RE.test(v) ? v : randomUUID();
}

/**
 * Whether a request may write: a mutation needs the `mutation` keyword, so a document without that
 * text is read-only. A body without a document (a persisted-query hash, a GET) counts as may-write.
 */
export function mayWrite(body: unknown): boolean {
  const query = (body as { query?: unknown } | undefined)?.query;
  return typeof query !== 'string' || query.includes('mutation');
}

let scopedRequests = 0;

/**
 * Runs a request in the read-your-writes and audit scopes (AsyncLocalStorage), and switches both
 * off again when the last such request ends. Why: on Node 20, while any AsyncLocalStorage is in
 * use, every promise in the process runs async hooks — about 10% of a subgraph's CPU. So only
 * requests that may write enter the scopes (a read needs neither: it reads replicas and changes
 * nothing to audit), and reads pay for the hooks only while a write is in flight.
 */
async function withRequestScopes<T>(requestId: string, fn: () => Promise<T>): Promise<T> {
  scopedRequests++;
  try {
    return await withReadScope(() => withAuditScope(requestId, fn));
  } finally {
    if (--scopedRequests === 0) {
      disableReadScope();
      disableAuditScope();
    }
  }
}

class BodyTooLarge extends Error {
  constructor(readonly declared: boolean) {
    super('body too large');
  }
}

/**
 * Reads the body up to `limit` bytes. A declared length beyond it is refused before reading (and
 * the connection closed after the 413). A chunked body that grows beyond it is refused at once and
 * the rest discarded as it arrives, up to DRAIN_FACTOR times the limit, then the connection is
 * closed: a client still sending reads its 413 instead of a reset connection.
 */
const DRAIN_FACTOR = 16;

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge(true));
    let size = 0;
    let refused = false;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (refused) {
        if (size > limit * DRAIN_FACTOR) req.socket.destroy();
      } else if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(new BodyTooLarge(false));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/**
 * The HTTP layer shared by the subgraphs and the gateway: /graphql through
 * Apollo's transport-neutral `executeHTTPGraphQLRequest`, plus /health and
 * /ready, a body-size limit, request ids and graceful shutdown.
 */
export function createHttpServer<TContext extends ApolloBaseContext>(opts: HttpAppOptions<TContext>): Server {
  const { apollo, log } = opts;
  const service = opts.service ?? 'graphql';
  let draining = false;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdOf(req);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/ready') {
        const state = !draining && (await opts.ready().catch(() => false));
        return state === true ? sendJson(res, 200, { status: 'ready' }) : sendJson(res, 503, { status: 'not ready', ...(state || {}) });
      }
      if (opts.routes?.(req, res, url.pathname)) return;
      if (url.pathname === '/metrics' && opts.metrics) {
        const text = await opts.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': opts.metrics.registry.contentType });
        return res.end(text);
      }
      if (url.pathname !== '/graphql') return sendJson(res, 404, errorBody('NOT_FOUND', 'Not found: use /graphql'));
      // Before anything may refuse the request: a browser app must be able to read a 401, 413 or 429 too.
      if (opts.corsOrigins && handleCors(req, res, opts.corsOrigins)) return;
      if (draining) res.setHeader('connection', 'close');
      const refusal = await opts.admit?.(req);
      if (refusal) return sendJson(res, refusal.status, refusal.body, refusal.headers);

      let body: unknown = undefined;
      if (req.method === 'POST') {
        let raw: string;
        try {
          raw = await readBody(req, opts.maxBodyBytes);
        } catch (e) {
          if (e instanceof BodyTooLarge) {
            return sendJson(res, 413, errorBody('PAYLOAD_TOO_LARGE', `Request body exceeds ${opts.maxBodyBytes} bytes`), e.declared ? { connection: 'close' } : {});
          }
          throw e;
        }
        const type = String(req.headers['content-type'] ?? '');
        if (type.includes('application/json')) {
          try {
            body = raw.length ? JSON.parse(raw) : undefined;
          } catch {
            return sendJson(res, 400, errorBody('BAD_REQUEST', 'Malformed JSON body'));
          }
        } else {
          body = raw;
        }
      }
      const query = (body as { query?: unknown } | undefined)?.query ?? url.searchParams.get('query');
      const documentBytes = typeof query === 'string' ? Buffer.byteLength(query) : 0;
      if (opts.maxDocumentBytes && documentBytes > opts.maxDocumentBytes) {
        const limit = opts.maxDocumentBytes;
        return sendJson(res, 400, {
          errors: [
            {
              message: `The document has ${documentBytes} bytes; the limit is ${limit}`,
              extensions: { code: 'LIMIT_EXCEEDED', reason: 'DOCUMENT_SIZE_LIMIT', limit, actual: documentBytes },
            },
          ],
        });
      }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      }
      const method = (req.method ?? 'GET').toUpperCase();
      const execute = () =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method, headers, search: url.search, body },
          context: () => opts.context(req, requestId),
        });
      const result = await withRequestSpan(service, method, url.pathname, req.headers, requestId, () =>
        opts.requestScopes !== false && mayWrite(body) ? withRequestScopes(requestId, execute) : execute(),
      );
      for (const [k, v] of result.headers) res.setHeader(k, v);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        res.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (e) {
      log.error({ requestId, err: e instanceof Error ? e.message : String(e) }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, errorBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
      else res.end();
    }
  };
  // `handle` answers its own errors; one that still escapes (thrown while answering) closes the
  // connection rather than becoming an unhandled rejection.
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log.error({ err: e instanceof Error ? e.message : String(e) }, 'request failed while answering');
      res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 60_000;
  (server as Server & { markDraining?: () => void }).markDraining = () => {
    draining = true;
  };
  return server;
}

export async function listen(server: Server, port: number, host = '0.0.0.0'): Promise<RunningHttpServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: `http://127.0.0.1:${actual}/graphql`,
    close: (graceMs, drainMs = 0) => closeGracefully(server, graceMs, drainMs),
  };
}

async function closeGracefully(server: Server, graceMs: number, drainMs: number): Promise<void> {
  (server as Server & { markDraining?: () => void }).markDraining?.();
  if (drainMs > 0) await new Promise((r) => setTimeout(r, drainMs));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
    }, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
