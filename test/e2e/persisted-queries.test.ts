import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { GraphQLBody, startTestGraph, TestGraph } from '../support/graph';

/** Automatic persisted queries, and the trusted-documents mode for mobile apps. */
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const ME = 'query Me { me { email role } }';
const LOGIN = 'mutation Login($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { token } }';

const post = async (url: string, body: unknown, token?: string) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as GraphQLBody };
};
const apq = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

describe('automatic persisted queries', () => {
  let g: TestGraph;
  let token: string;
  beforeAll(async () => {
    g = await startTestGraph('sqlite');
    token = await g.login('head.resi@example.com');
  }, 120_000);
  afterAll(() => g?.stop());

  it('asks for the text once, then runs by hash alone', async () => {
    const first = await post(g.gatewayUrl, { extensions: apq(ME) }, token);
    expect(first.body.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await post(g.gatewayUrl, { query: ME, extensions: apq(ME) }, token);
    expect(register.body.data.me.email).toBe('head.resi@example.com');
    const byHash = await post(g.gatewayUrl, { extensions: apq(ME) }, token);
    expect(byHash.body.data.me.email).toBe('head.resi@example.com');
  });
});

describe('trusted documents mode', () => {
  let g: TestGraph;
  let token: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-trusted-'));
    const manifest = join(dir, 'manifest.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [
          { id: sha256(ME), name: 'Me', type: 'query', body: ME },
          { id: sha256(LOGIN), name: 'Login', type: 'mutation', body: LOGIN },
        ],
      }),
    );
    g = await startTestGraph('sqlite', { gatewayEnv: { TRUSTED_DOCUMENTS: manifest } });
    const login = await post(g.gatewayUrl, { query: LOGIN, variables: { e: 'head.resi@example.com', p: 'demo-password' } });
    token = login.body.data.login.token;
  }, 120_000);
  afterAll(() => g?.stop());

  it('runs registered operations, by text or by hash alone', async () => {
    expect((await post(g.gatewayUrl, { query: ME }, token)).body.data.me.role).toBe('SEGMENT_HEAD');
    expect((await post(g.gatewayUrl, { extensions: apq(ME) }, token)).body.data.me.role).toBe('SEGMENT_HEAD');
  });

  it('refuses anything else, also when offered with its hash', async () => {
    const other = '{ customers(first: 1) { totalCount } }';
    for (const body of [{ query: other }, { query: other, extensions: apq(other) }]) {
      const r = await post(g.gatewayUrl, body, token);
      expect(r.status).toBe(400);
      expect(r.body.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_TRUSTED');
    }
    const byHash = await post(g.gatewayUrl, { extensions: apq(other) }, token);
    expect(byHash.body.data).toBeUndefined();
  });
});
