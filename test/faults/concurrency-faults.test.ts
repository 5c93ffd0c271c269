import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';
import { report } from '../support/processes';

/**
 * Concurrency (issue 8), through the gateway, on each database: 100
 * concurrent conflicting updates of one record — exactly one success per
 * version, and, when every client retries on CONFLICT, every update applied
 * once (0 lost updates); 50 concurrent retries of one create with one
 * idempotency key — exactly one row.
 */
/** Clients in the retry test: its cost grows with the square of their number. */
const CLIENTS = 40;

const UPDATE = `mutation($id: ID!, $v: Int!, $addr: String!) {
  updateCompanyLegalData(input: { companyId: $id, expectedVersion: $v, registeredAddress: $addr }) { version registeredAddress }
}`;

describe.each(testDatabaseKinds())('concurrent updates on %s', (kind) => {
  let g: TestGraph;
  let token: string;
  let companyId: string;
  beforeAll(async () => {
    g = await startTestGraph(kind);
    token = await g.login('executive@example.com');
    const r = await g.request('{ companies(first: 1, filter: { kind: SUBSIDIARY }) { edges { node { id } } } }', { token });
    companyId = r.body.data.companies.edges[0].node.id;
  }, 120_000);
  afterAll(() => g?.stop());

  const current = async () => {
    const r = await g.request(`{ company(id: "${companyId}") { version registeredAddress } }`, { token });
    if (!r.body.data?.company) throw new Error(`reading the company failed: ${JSON.stringify(r.body.errors)}`);
    return r.body.data.company;
  };

  it('100 concurrent updates of the same version: exactly one succeeds, the others get CONFLICT/STALE_VERSION', async () => {
    const before = await current();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => g.request(UPDATE, { token, variables: { id: companyId, v: before.version, addr: `地址-${i}` } })));
    const ok = results.filter((r) => r.body.data?.updateCompanyLegalData);
    const conflicts = results.filter((r) => r.body.errors?.[0]?.extensions?.reason === 'STALE_VERSION');
    const after = await current();
    report(`100 concurrent conflicting updates (${kind})`, {
      successes: ok.length,
      'CONFLICT / STALE_VERSION': conflicts.length,
      'other outcomes': 100 - ok.length - conflicts.length,
      'version before → after': `${before.version} → ${after.version}`,
    });
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(99);
    expect(conflicts[0].body.errors?.[0].extensions.currentVersion).toBe(before.version + 1);
    expect(after).toEqual({ version: before.version + 1, registeredAddress: ok[0].body.data.updateCompanyLegalData.registeredAddress });
  }, 120_000);

  it('40 clients that retry on CONFLICT: every update lands exactly once, one per version (0 lost updates)', async () => {
    const before = await current();
    const produced: number[] = [];
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        for (let attempt = 0; attempt < 500; attempt++) {
          const { version } = await current();
          const r = await g.request(UPDATE, { token, variables: { id: companyId, v: version, addr: `客户端-${i}` } });
          if (r.body.data?.updateCompanyLegalData) {
            produced.push(r.body.data.updateCompanyLegalData.version);
            return;
          }
          expect(r.body.errors?.[0].extensions.reason).toBe('STALE_VERSION');
          conflicts++;
        }
        throw new Error(`client ${i} never got its update in`);
      }),
    );
    const after = await current();
    report(`${CLIENTS} clients retrying on conflict (${kind})`, {
      'updates applied': produced.length,
      'conflicts retried': conflicts,
      'distinct versions produced': new Set(produced).size,
      'version before → after': `${before.version} → ${after.version}`,
    });
    expect(produced).toHaveLength(CLIENTS);
    expect(new Set(produced).size).toBe(CLIENTS);
    expect(after.version).toBe(before.version + CLIENTS);
  }, 300_000);

  it('50 concurrent retries of one create with one idempotency key: exactly 1 row, every retry gets it', async () => {
    const staff = await g.login('staff.resi@example.com');
    const customers = await g.request('{ customers(first: 1) { edges { node { id } } } }', { token: staff });
    const customerId = customers.body.data.customers.edges[0].node.id;
    const key = `retry-${kind}-${Date.now()}`;
    const create = `mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id code } }`;
    const input = { customerId, title: '移动端重试', description: '同一幂等键并发重试', channel: 'APP', severity: 'GENERAL', phase: 'AFTER_SALE', idempotencyKey: key };
    const count = async () =>
      (await g.request(`{ customer(id: "${customerId}") { complaints(first: 1) { totalCount } } }`, { token: staff })).body.data.customer.complaints.totalCount;
    const before = await count();
    const results = await Promise.all(Array.from({ length: 50 }, () => g.request(create, { token: staff, variables: { i: input } })));
    const ids = new Set(results.map((r) => r.body.data?.createComplaint?.id));
    const after = await count();
    report(`50 concurrent retries with one idempotency key (${kind})`, {
      'answers with the complaint': results.filter((r) => r.body.data?.createComplaint).length,
      'distinct complaints returned': ids.size,
      'rows created': after - before,
    });
    expect(results.every((r) => r.body.data?.createComplaint)).toBe(true);
    expect(ids.size).toBe(1);
    expect(after - before).toBe(1);
  }, 120_000);
});
