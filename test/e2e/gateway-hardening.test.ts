import { randomBytes } from 'node:crypto';
import { startTestGraph, TestGraph } from '../support/graph';

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
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
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
        const body = await res.json();
        expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
      } else await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    const fresh = await g.request('{ me { email } }', { token: other });
    expect(fresh.status).toBe(200);
  });
});
