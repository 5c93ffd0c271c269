import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for browser apps on other origins, by allow-list (`CORS_ORIGINS`). An entry is an exact
 * origin or `scheme://host:*` (any port). Credentials (cookies) are never allowed: the API
 * authenticates with the bearer token in the Authorization header, so no
 * Access-Control-Allow-Credentials is sent and browsers send no cookies.
 */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  const o = origin.toLowerCase();
  return allowed.some((a) => {
    if (!a.endsWith(':*')) return o === a;
    const base = a.slice(0, -2); // scheme://host
    return o === base || (o.startsWith(`${base}:`) && /^\d{1,5}$/.test(o.slice(base.length + 1)));
  });
}

const ALLOW_METHODS = 'GET, POST, OPTIONS';
const ALLOW_HEADERS = 'authorization, content-type, x-request-id, apollo-require-preflight, x-apollo-operation-name, traceparent, tracestate';
const EXPOSE_HEADERS = 'x-request-id, retry-after';

/**
 * Sets the CORS headers of an allowed origin, and answers every OPTIONS request (a preflight:
 * 204 for an allowed origin, 403 otherwise). Returns true when the request was answered.
 */
export function handleCors(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  const ok = !!origin && originAllowed(origin, allowed);
  if (origin) res.setHeader('vary', 'Origin');
  if (ok) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', EXPOSE_HEADERS);
  }
  if (req.method !== 'OPTIONS') return false;
  if (origin && !ok) {
    const body = JSON.stringify({ errors: [{ message: `Origin ${origin} is not allowed (CORS_ORIGINS)`, extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED' } }] });
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
    return true;
  }
  res.writeHead(204, {
    allow: ALLOW_METHODS,
    ...(ok ? { 'access-control-allow-methods': ALLOW_METHODS, 'access-control-allow-headers': ALLOW_HEADERS, 'access-control-max-age': '600' } : {}),
  });
  res.end();
  return true;
}
