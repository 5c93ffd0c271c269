import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createClient, type ExecutionResult } from 'graphql-sse';
import { DEMO_SEGMENTS } from '@group/shared';
import { GraphQLBody, startTestGraph, TestGraph } from '../support/graph';

/** Automatic persisted queries, and the trusted-documents mode for mobile apps. */
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const ME = 'query Me { me { email role } }';
const LOGIN = 'mutation Login($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { token } }';
const CREATE_LEAD = 'mutation CreateLead($i: CreateLeadInput!) { createLead(input: $i) { id version } }';
const UPDATE_LEAD = 'mutation UpdateLead($i: UpdateLeadInput!) { updateLead(input: $i) { version } }';
const LEAD_CHANGED = 'subscription LeadChanged($id: ID!) { leadChanged(id: $id) { id name version } }';

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
          { id: sha256(CREATE_LEAD), name: 'CreateLead', type: 'mutation', body: CREATE_LEAD },
          { id: sha256(UPDATE_LEAD), name: 'UpdateLead', type: 'mutation', body: UPDATE_LEAD },
          { id: sha256(LEAD_CHANGED), name: 'LeadChanged', type: 'subscription', body: LEAD_CHANGED },
        ],
      }),
    );
    const events = { EVENTS_ENABLED: 'true', EVENTS_RELAY_MS: '50', EVENTS_POLL_MS: '100' };
    g = await startTestGraph('sqlite', { gatewayEnv: { TRUSTED_DOCUMENTS: manifest, ...events }, subgraphEnv: events });
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

  it('a registered subscription runs and delivers its events (resolved through the graph by a query derived from it)', async () => {
    const RESI = DEMO_SEGMENTS.find((x) => x.code === 'RESI')!;
    const lead = (await post(g.gatewayUrl, { query: CREATE_LEAD, variables: { i: { segmentId: RESI.id, name: '可信订阅', source: 'WEBSITE' } } }, token)).body.data.createLead;
    const client = createClient({ url: `${g.gatewayUrl}/stream`, singleConnection: false, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const results: ExecutionResult[] = [];
    const dispose = client.subscribe(
      { query: LEAD_CHANGED, variables: { id: lead.id } },
      { next: (r) => void results.push(r as ExecutionResult), error: () => {}, complete: () => {} },
    );
    try {
      await new Promise((r) => setTimeout(r, 400)); // the stream opens (and the feed follower passes its head)
      const updated = await post(g.gatewayUrl, { query: UPDATE_LEAD, variables: { i: { id: lead.id, expectedVersion: lead.version, name: '可信订阅乙' } } }, token);
      expect(updated.body.errors).toBeUndefined();
      const deadline = Date.now() + 5000;
      while (!results.some((r) => (r.data as any)?.leadChanged?.name === '可信订阅乙') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(results.find((r) => (r.data as any)?.leadChanged?.name === '可信订阅乙')?.data).toEqual({
        leadChanged: { id: lead.id, name: '可信订阅乙', version: lead.version + 1 },
      });
    } finally {
      dispose();
      client.dispose();
    }
  });

  it('refuses a subscription not registered with the code queries get (PERSISTED_QUERY_NOT_TRUSTED)', async () => {
    const other = 'subscription { notificationCreated { id } }';
    const res = await fetch(`${g.gatewayUrl}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: other }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as GraphQLBody).errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_TRUSTED');
    // The graphql-sse client learns it as an error of the subscription.
    const client = createClient({ url: `${g.gatewayUrl}/stream`, singleConnection: false, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const error = await new Promise<unknown>((resolve) => client.subscribe({ query: other }, { next: () => {}, error: resolve, complete: () => resolve(null) }));
    client.dispose();
    expect(error).toBeTruthy();
  });
});
