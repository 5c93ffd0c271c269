import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Logger, signToken, verifyToken } from '@group/shared';
import { GraphQLBody, startTestGraph, TestGraph } from '../support/graph';

/**
 * The gateway as production runs it: no introspection, no field suggestions,
 * a per-account rate limit answering 429 with Retry-After, bad tokens refused
 * at the edge.
 */
describe('gateway hardening (NODE_ENV=production)', () => {
  let g: TestGraph;
  let token: string;
  beforeAll(async () => {
    g = await startTestGraph('sqlite', {
      gatewayEnv: {
        NODE_ENV: 'production',
        // Production refuses the repository's development key: a random one, shared with the subgraphs.
        AUTH_JWT_KEYS: `hardening:${randomBytes(32).toString('base64url')}`,
        RATE_LIMIT_PER_MINUTE: '60',
        RATE_LIMIT_BURST: '8',
        CORS_ORIGINS: 'https://app.example.com',
      },
    });
    token = await g.login('head.resi@example.com');
  }, 120_000);
  afterAll(() => g?.stop());

  it('refuses introspection and does not suggest field names', async () => {
    const intro = await g.request('{ __schema { types { name } } }', { token });
    expect(intro.body.data ?? null).toBeNull();
    expect(JSON.stringify(intro.body.errors)).toMatch(/introspection/i);
    const typo = await g.request('{ custmers(first: 1) { totalCount } }', { token });
    expect(typo.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(typo.body.errors)).not.toMatch(/Did you mean/);
  });

  it('refuses a bad token at the edge with 401', async () => {
    const r = await g.request('{ me { email } }', { token: `${token.slice(0, -4)}AAAA` });
    expect(r.status).toBe(401);
    expect(r.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('CORS: only the listed origins (none by default in production), preflight answered, no credentials (issue 17 item 13)', async () => {
    const allowed = await preflight(g.gatewayUrl, 'https://app.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const refused = await preflight(g.gatewayUrl, 'http://localhost:5173');
    expect([refused.status, refused.headers.get('access-control-allow-origin')]).toEqual([403, null]);
    // A refusal a browser app must be able to read carries the header too.
    const noToken = await post(g.gatewayUrl, { query: '{ me { email } }' }, { origin: 'https://app.example.com' });
    expect([noToken.status, noToken.headers.get('access-control-allow-origin'), noToken.body.errors[0].extensions]).toEqual([
      401,
      'https://app.example.com',
      { code: 'UNAUTHENTICATED', reason: 'MISSING_TOKEN' },
    ]);
    expect(noToken.text).not.toMatch(/https?:\/\/127|"response"/);
  });

  it('rate-limits per account: 429 with Retry-After once the burst is spent; other accounts unaffected', async () => {
    const other = await g.login('staff.resi@example.com');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const res = await fetch(g.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ me { email } }' }),
      });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        const body = (await res.json()) as GraphQLBody;
        expect(body.errors?.[0].extensions.code).toBe('RATE_LIMITED');
      } else await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    const fresh = await g.request('{ me { email } }', { token: other });
    expect(fresh.status).toBe(200);
  });
});

/** Captures the gateway's error-level log lines (a client mistake must never produce one) and its audit DENIED lines. */
function capturingLog() {
  const errors: string[] = [];
  const denied: unknown[] = [];
  const log: Logger = {
    debug() {},
    info() {},
    warn: (fields) => void (fields.audit === 'DENIED' && denied.push(fields.reason)),
    error: (fields, msg) => void errors.push(`${msg} ${JSON.stringify(fields)}`),
    child: () => log,
  };
  return { log, errors, denied };
}

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('gateway answers (NODE_ENV=development)', () => {
  let g: TestGraph;
  let token: string;
  const captured = capturingLog();
  beforeAll(async () => {
    g = await startTestGraph('sqlite', { gatewayEnv: { NODE_ENV: 'development', IDE_ENABLED: 'false' }, gatewayLog: captured.log });
    token = await g.login('head.resi@example.com');
  }, 120_000);
  afterAll(() => g?.stop());

  it('client mistakes get a 4xx with a stable code, never a 5xx or an error log (issue 17 item 6)', async () => {
    const ME = '{ me { email } }';
    const cases: [string, string, (field: string) => unknown][] = [
      ['unknown operationName', 'OPERATION_NOT_FOUND', (f) => ({ query: `query A { ${f} }`, operationName: 'B' })],
      ['several operations, no operationName', 'OPERATION_NOT_FOUND', (f) => ({ query: `query A { ${f} } query B { ${f} }` })],
      ['a subscription', 'SUBSCRIPTIONS_NOT_SUPPORTED', (f) => ({ query: `subscription { ${f} }` })],
      ['APQ hash of another query', 'PERSISTED_QUERY_HASH_MISMATCH', () => ({ query: ME, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ me { role } }') } } })],
      ['APQ version 2', 'PERSISTED_QUERY_VERSION_UNSUPPORTED', () => ({ query: ME, extensions: { persistedQuery: { version: 2, sha256Hash: sha256(ME) } } })],
    ];
    const targets = [['gateway', g.gatewayUrl], ...Object.entries(g.urls)];
    for (const [label, code, body] of cases) {
      for (const [name, url] of targets) {
        // Subgraphs have no APQ store: a persisted-query extension there is PERSISTED_QUERY_NOT_SUPPORTED (also a 4xx).
        if (name !== 'gateway' && label.startsWith('APQ')) continue;
        const r = await post(url, body(name === 'gateway' ? 'me { email }' : '_service { sdl }'), bearer(token));
        expect([label, name, r.status, r.body.errors?.[0]?.extensions?.code]).toEqual([label, name, 400, code]);
      }
    }
    expect(captured.errors).toEqual([]);
  });

  it('a request without a usable token: HTTP 401, UNAUTHENTICATED with a reason, nothing internal, at the gateway and every subgraph (issue 17 item 7)', async () => {
    const auth = g.apps.organization.config.auth;
    const viewer = await verifyToken(auth, token);
    const expired = (await signToken({ ...auth, tokenTtlSeconds: -60 }, viewer)).token;
    const [h, p] = token.split('.');
    const cases: [string, Record<string, string>, string][] = [
      ['no token', {}, 'MISSING_TOKEN'],
      ['not a bearer token', { authorization: 'Basic dXNlcjpwYXNz' }, 'MISSING_TOKEN'],
      ['garbage', bearer('garbage'), 'INVALID_TOKEN'],
      ['forged signature', bearer(`${h}.${p}.${'A'.repeat(43)}`), 'INVALID_TOKEN'],
      ['expired', bearer(expired), 'EXPIRED_TOKEN'],
    ];
    captured.denied.length = 0;
    for (const [name, url] of [['gateway', g.gatewayUrl], ...Object.entries(g.urls)]) {
      for (const [label, headers, reason] of cases) {
        const r = await post(url, { query: name === 'gateway' ? '{ me { email } }' : '{ _service { sdl } }' }, headers);
        expect([name, label, r.status, r.body.data, r.body.errors.map((e: any) => e.extensions)]).toEqual([name, label, 401, undefined, [{ code: 'UNAUTHENTICATED', reason }]]);
        expect(r.text).not.toMatch(/https?:\/\/|127\.0\.0\.1|"response"|Unauthorized/);
      }
    }
    // The gateway's refusals reach no subgraph's audit log: each is an audit line at the gateway.
    expect(captured.denied).toEqual(cases.map(([, , reason]) => reason));
    // login stays public (and the gateway's own `__typename`, which the GraphQL-over-HTTP audit uses).
    expect((await post(g.gatewayUrl, { query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
    expect(captured.errors).toEqual([]);
  });

  it('a token a subgraph refuses after the gateway let it through (revoked since the gateway last looked) is a 401 with its reason (issue 17 item 7)', async () => {
    const staff = await g.login('staff.comm@example.com');
    const sysadmin = await g.login('sysadmin@example.com');
    const accounts = await post(g.gatewayUrl, { query: '{ accounts(first: 100) { edges { node { id email version } } } }' }, bearer(sysadmin));
    const account = accounts.body.data.accounts.edges.map((e: any) => e.node).find((a: any) => a.email === 'staff.comm@example.com');
    const frozen = await post(
      g.gatewayUrl,
      { query: 'mutation($id: ID!, $v: Int!) { freezeAccount(accountId: $id, expectedVersion: $v) { status } }', variables: { id: account.id, v: account.version } },
      bearer(sysadmin),
    );
    expect(frozen.body.data.freezeAccount.status).toBe('FROZEN');
    // The gateway's own list is not polled in tests; the organization checks each token against its accounts.
    const r = await post(g.gatewayUrl, { query: '{ me { email } }' }, bearer(staff));
    expect([r.status, r.body.errors.map((e: any) => [e.extensions.code, e.extensions.reason])]).toEqual([401, [['UNAUTHENTICATED', 'REVOKED_TOKEN']]]);
    expect(r.text).not.toMatch(/https?:\/\/|127\.0\.0\.1|"response"|Unauthorized/);
  });

  it('persisted queries: only a signed-in viewer registers one, and comment padding counts against the document limit (issue 17 item 8)', async () => {
    const apq = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });
    const anonymous = 'query AnonymousRegistration { __typename }';
    expect((await post(g.gatewayUrl, { query: anonymous, extensions: apq(anonymous) })).body).toEqual({ data: { __typename: 'Query' } });
    const notStored = await post(g.gatewayUrl, { extensions: apq(anonymous) }, bearer(token));
    expect(notStored.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const signedIn = 'query SignedInRegistration { me { email } }';
    expect((await post(g.gatewayUrl, { query: signedIn, extensions: apq(signedIn) }, bearer(token))).body.data.me.email).toBe('head.resi@example.com');
    expect((await post(g.gatewayUrl, { extensions: apq(signedIn) }, bearer(token))).body.data.me.email).toBe('head.resi@example.com');

    const padded = `{ me { email } } # ${'x'.repeat(900_000)}`;
    const refused = await post(g.gatewayUrl, { query: padded, extensions: apq(padded) }, bearer(token));
    expect([refused.status, refused.body.errors[0].extensions]).toEqual([400, expect.objectContaining({ code: 'LIMIT_EXCEEDED', reason: 'DOCUMENT_SIZE_LIMIT' })]);
    expect((await post(g.gatewayUrl, { extensions: apq(padded) }, bearer(token))).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const direct = await post(g.urls.organization, { query: padded.replace('me { email }', '_service { sdl }') }, bearer(token));
    expect([direct.status, direct.body.errors[0].extensions.reason]).toEqual([400, 'DOCUMENT_SIZE_LIMIT']);
    expect(captured.errors).toEqual([]);
  });

  it('CORS: localhost origins by default in development; the preflight allows the token header, never credentials (issue 17 item 13)', async () => {
    const r = await preflight(g.gatewayUrl, 'http://localhost:5173');
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(r.headers.get('access-control-allow-methods')).toContain('POST');
    expect(r.headers.get('access-control-allow-headers')).toEqual(expect.stringContaining('authorization'));
    expect(r.headers.get('access-control-allow-headers')).toEqual(expect.stringContaining('content-type'));
    expect(r.headers.get('access-control-allow-credentials')).toBeNull();
    expect(r.headers.get('vary')).toMatch(/origin/i);
    const call = await post(g.gatewayUrl, { query: '{ me { email } }' }, { ...bearer(token), origin: 'http://127.0.0.1:3000' });
    expect([call.status, call.headers.get('access-control-allow-origin'), call.body.data.me.email]).toEqual([200, 'http://127.0.0.1:3000', 'head.resi@example.com']);
    expect(call.headers.get('access-control-expose-headers')).toContain('x-request-id');
    const foreign = await preflight(g.gatewayUrl, 'https://evil.example.com');
    expect([foreign.status, foreign.headers.get('access-control-allow-origin')]).toEqual([403, null]);
  });

  it('a chunked body over the limit is answered 413, not a reset connection (issue 17 item 10)', async () => {
    for (const url of [g.gatewayUrl, g.urls.organization]) {
      const r = await chunkedPost(url, 64 * 1024, 40); // 2.5 MiB in 64 KiB chunks, no content-length
      expect([url, r.status, r.body?.errors?.[0]?.extensions?.code]).toEqual([url, 413, 'PAYLOAD_TOO_LARGE']);
    }
  });
});

/** A browser's CORS preflight for a JSON POST with a bearer token. */
const preflight = (url: string, origin: string) =>
  fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });

/** POSTs `count` chunks of `size` bytes with Transfer-Encoding: chunked; resolves with the answer (or throws on a reset). */
function chunkedPost(url: string, size: number, count: number): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(size, ' ');
    let sent = 0;
    const write = () => {
      while (sent < count) {
        sent++;
        if (!req.write(sent === 1 ? Buffer.concat([Buffer.from('{"query": "{ __typename }"'), chunk]) : chunk)) return void req.once('drain', write);
      }
      req.end('}');
    };
    write();
  });
}
