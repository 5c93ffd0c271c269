import { randomBytes } from 'node:crypto';
import { DEMO_SEGMENTS, closeNatsConnections, deleteStream, signToken, verifyToken, type Revocation } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';

/**
 * Issue 21: projections and revocations fed by events, end to end through the
 * gateway, in both delivery modes: the default (each subgraph's outbox served
 * as an HTTP feed that consumers poll) and NATS JetStream (TEST_NATS_URL,
 * default nats://127.0.0.1:4222: an unreachable NATS fails these tests, as an
 * unreachable MariaDB does). Each run uses its own stream, so parallel runs
 * never share consumers.
 */
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const COMM = DEMO_SEGMENTS.find((s) => s.code === 'COMM')!;

/**
 * Polls `check` until it returns true and prints how long that took. Nothing polls in tests (no
 * reconciliation run, no revocation poll), so arriving at all proves the event path; the lag
 * targets (2 s / 1 s) are shown by `npm run bench:events`, not by a timed test (the machine is shared).
 */
async function arrives(what: string, check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 30_000) {
    if (await check()) {
      console.log(`${what}: ${Date.now() - started} ms`);
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what}: not reached within 30 s`);
}

const modes = testDatabaseKinds().flatMap((kind) => [
  [kind, 'http feed'],
  [kind, 'nats'],
]) as [ReturnType<typeof testDatabaseKinds>[number], 'http feed' | 'nats'][];

describe.each(modes)('events on %s, delivered by %s', (kind, mode) => {
  let g: TestGraph;
  let staffResi: string;
  let staffComm: string;
  let operator: string;
  let tagId: string;
  const stream = `T_${randomBytes(5).toString('hex')}`;
  const env = { EVENTS_ENABLED: 'true', EVENTS_STREAM: stream, EVENTS_RELAY_MS: '50', EVENTS_POLL_MS: '100', ...(mode === 'nats' ? { EVENTS_NATS_URL: NATS_URL } : {}) };

  const assign = (token: string, customerId: string) =>
    g.request('mutation($i: AssignTagInput!) { assignTag(input: $i) { id } }', { token, variables: { i: { customerId, tagId, evidence: 'events test' } } });
  const createCustomer = async (name: string) => {
    const r = await g.request('mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id version } }', {
      token: staffResi,
      variables: { i: { name, kind: 'INDIVIDUAL', segmentId: RESI.id } },
    });
    expect(r.body.errors).toBeUndefined();
    return r.body.data.createCustomer as { id: string; version: number };
  };

  beforeAll(async () => {
    g = await startTestGraph(kind, { subgraphEnv: env, gatewayEnv: env });
    [staffResi, staffComm, operator] = await Promise.all(['staff.resi@example.com', 'staff.comm@example.com', 'operator.mkt@example.com'].map((e) => g.login(e)));
    const exec = await g.login('executive@example.com');
    const tags = await g.request('{ tags(first: 1, filter: { kind: MANUAL }) { edges { node { id } } } }', { token: exec });
    tagId = tags.body.data.tags.edges[0].node.id;
  }, 120_000);
  afterAll(async () => {
    await g?.stop();
    if (mode === 'nats') await deleteStream({ url: NATS_URL, stream });
    await closeNatsConnections();
  });

  it('a customer created in customer-service can be tagged in marketing once its CustomerCreated event is applied', async () => {
    const c = await createCustomer(`事件客户-${mode}`);
    await arrives(`${kind}/${mode}: new customer taggable after`, async () => !(await assign(staffResi, c.id)).body.errors);
    const row = await g.apps.marketing.dataSource.query('SELECT segment_id, customer_version FROM customer_profile WHERE customer_id = ?', [c.id]);
    expect(row.map((r: any) => [r.segment_id, Number(r.customer_version)])).toEqual([[RESI.id, 1]]);
  });

  it('a segment move is reflected in marketing by its event: the old segment is refused from then, the new one writes', async () => {
    const c = await createCustomer(`迁移客户-${mode}`);
    let assignmentId = '';
    await arrives(`${kind}/${mode}: new customer taggable after`, async () => {
      const r = await assign(staffResi, c.id);
      assignmentId = r.body.data?.assignTag?.id ?? '';
      return !!assignmentId;
    });
    const moved = await g.request('mutation ($i: AllocateToSegmentInput!) { allocateToSegment(input: $i) { allocation { status } } }', {
      token: operator,
      variables: { i: { recordType: 'CUSTOMER', recordId: c.id, expectedVersion: c.version, toSegmentId: COMM.id, reason: '事件测试迁移' } },
    });
    expect(moved.body.errors).toBeUndefined();
    const seenByComm = async () => {
      const r = await g.request(`{ customer(id: "${c.id}") { tags { id } } }`, { token: staffComm });
      return (r.body.data?.customer?.tags ?? []).some((t: { id: string }) => t.id === tagId);
    };
    await arrives(`${kind}/${mode}: segment move applied in marketing after`, seenByComm);
    // From the moment the move is applied, the old segment's writes are refused.
    const old = await g.request('mutation($id: ID!) { removeTagAssignment(id: $id) { id } }', { token: staffResi, variables: { id: assignmentId } });
    expect(old.body.errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect((await assign(staffResi, c.id)).body.errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
  });

  it("a merge in customer-service carries the duplicate's marketing data over to the survivor by its event (a tag both have: the survivor's stays)", async () => {
    const head = await g.login('head.resi@example.com');
    const [survivor, duplicate] = [await createCustomer(`合并保留-${mode}`), await createCustomer(`合并重复-${mode}`)];
    // Each tagged once, as soon as marketing knows it (a retry of an assignment that went through would be refused as a repeat).
    await arrives(`${kind}/${mode}: new survivor taggable after`, async () => !(await assign(staffResi, survivor.id)).body.errors);
    await arrives(`${kind}/${mode}: new duplicate taggable after`, async () => !(await assign(staffResi, duplicate.id)).body.errors);
    const merged = await g.request('mutation($i: MergeCustomersInput!) { mergeCustomers(input: $i) { customer { id } } }', {
      token: head,
      variables: { i: { survivorId: survivor.id, survivorExpectedVersion: survivor.version, duplicateId: duplicate.id, duplicateExpectedVersion: duplicate.version } },
    });
    expect(merged.body.errors).toBeUndefined();
    const q = (sql: string, p: unknown[]) => g.apps.marketing.dataSource.query(sql, p);
    const carriedOver = async () => (await q('SELECT customer_id FROM customer_profile WHERE customer_id = ?', [duplicate.id])).length === 0;
    await arrives(`${kind}/${mode}: merge carried over in marketing after`, carriedOver);
    expect(await q('SELECT customer_id FROM tag_assignment WHERE customer_id IN (?, ?) AND tag_id = ?', [survivor.id, duplicate.id, tagId])).toEqual([
      { customer_id: survivor.id },
    ]);
    const history = await q('SELECT customer_id, removal_reason FROM tag_assignment_history WHERE customer_id IN (?, ?)', [survivor.id, duplicate.id]);
    expect(history).toEqual([{ customer_id: survivor.id, removal_reason: 'MERGED' }]);
    // The duplicate is gone for marketing: it can no longer be tagged.
    expect((await assign(staffResi, duplicate.id)).body.errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND/);
  });

  it('a frozen account is refused by another subgraph and the gateway by its event (no revocation poll in tests)', async () => {
    const staff = await g.login('staff.cons@example.com');
    const me = `{ customers(first: 1) { totalCount } }`;
    expect((await g.request(me, { token: staff, url: g.urls['customer-service'] })).status).toBe(200);
    const sysadmin = await g.login('sysadmin@example.com');
    const accounts = await g.request('{ accounts(first: 100) { edges { node { id email version } } } }', { token: sysadmin });
    const account = accounts.body.data.accounts.edges.map((e: any) => e.node).find((a: any) => a.email === 'staff.cons@example.com');
    const frozen = await g.request('mutation($id: ID!, $v: Int!) { freezeAccount(accountId: $id, expectedVersion: $v) { status } }', {
      token: sysadmin,
      variables: { id: account.id, v: account.version },
    });
    expect(frozen.body.data.freezeAccount.status).toBe('FROZEN');
    const refusedBy = (url: string) => async () => {
      const r = await g.request(me, { token: staff, url });
      return r.status === 401 && r.body.errors?.[0]?.extensions?.reason === 'REVOKED_TOKEN';
    };
    await Promise.all([
      arrives(`${kind}/${mode}: freeze refused by customer-service after`, refusedBy(g.urls['customer-service'])),
      arrives(`${kind}/${mode}: freeze refused by marketing after`, refusedBy(g.urls.marketing)),
    ]);
    // The gateway's own list (its edge check) has it too.
    const atEdge = async () =>
      (
        await fetch(g.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
          body: JSON.stringify({ query: '{ __typename }' }),
        })
      ).status === 401;
    await arrives(`${kind}/${mode}: freeze refused at the gateway after`, atEdge);
  });

  it('a password change pushed by its event (AccountRevoked, notBeforeMs) refuses, at another subgraph and the gateway, a token issued in its second before it; tokens after it work', async () => {
    const email = 'staff.hotl@example.com';
    const old = await g.login(email);
    const changed = await g.request('mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token } }', {
      token: old,
      variables: { i: { currentPassword: 'demo-password', newPassword: `Copper-Kettle-${mode.length}7` } },
    });
    const fresh = changed.body.data.changePassword.token as string;
    // Tokens of the account dated one millisecond either side of the change (the same second unless it fell on a second's first millisecond).
    const org = g.apps.organization;
    const viewer = await verifyToken(org.config.auth, old);
    const feed = await (org.services as { auth: { revocations(): Promise<Revocation[]> } }).auth.revocations();
    const change = feed.find((r) => r.accountId === viewer.accountId)!.notBeforeMs!;
    const before = (await signToken(org.config.auth, { ...viewer, issuedAtMs: undefined }, change - 1)).token;
    const after = (await signToken(org.config.auth, { ...viewer, issuedAtMs: undefined }, change + 1)).token;
    const q = '{ __typename }'; // every token is checked before the operation (valid on each subgraph and the gateway)
    const refused = (token: string, url: string) => async () => {
      const r = await g.request(q, { token, url });
      return r.status === 401 && r.body.errors?.[0]?.extensions?.reason === 'REVOKED_TOKEN';
    };
    await Promise.all([
      arrives(`${kind}/${mode}: password change refused by customer-service after`, refused(before, g.urls['customer-service'])),
      arrives(`${kind}/${mode}: password change refused by marketing after`, refused(before, g.urls.marketing)),
      arrives(`${kind}/${mode}: password change refused at the gateway after`, refused(before, g.gatewayUrl)),
    ]);
    for (const url of [g.urls['customer-service'], g.urls.marketing, g.gatewayUrl]) {
      expect(await refused(old, url)()).toBe(true);
      for (const token of [after, fresh]) expect((await g.request(q, { token, url })).status).toBe(200);
    }
  });
});
