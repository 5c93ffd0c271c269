import {
  createSubgraphApp,
  DEMO_PASSWORD,
  DEMO_SEGMENTS,
  demoSegmentPersonId,
  OutboxEvent,
  remoteRevocations,
  Role,
  signToken,
  SubgraphApp,
  verifyToken,
  Viewer,
} from '@group/shared';
import { ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { organizationModule } from '../module';
import { demoAccountId, DEMO_OPERATOR_KEY, demoOperatorEmployeeId } from './account-demo.seed';
import { Account } from './account.entity';
import { AuthService } from './auth.service';

const operator = (): Viewer => ({ accountId: demoAccountId(DEMO_OPERATOR_KEY), employeeId: demoOperatorEmployeeId(), role: Role.BUSINESS_STAFF, segmentIds: [] });
const person = (key: string, code: string, kind: 'admin' | 'head', role: Role, segmentId: string): Viewer => ({
  accountId: demoAccountId(key),
  employeeId: demoSegmentPersonId(code, kind),
  role,
  segmentIds: [segmentId],
});

/**
 * The organization owns accounts, so it refuses a revoked token at the NEXT request, on every
 * instance, without waiting for any poll: each of the four operations that revoke tokens
 * (freezeAccount, implementAccountChange, changePassword, resetPassword), checked over HTTP on the
 * instance that ran it and on a second instance over the same database.
 */
describe.each(testDatabaseKinds())('organization refuses a revoked token at the next request on %s', (kind) => {
  let t: OrgTestApp;
  let second: SubgraphApp<unknown, unknown>;
  const urls: string[] = [];
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_token_revocation');
    urls.push((await t.app.server.start(0)).url);
    second = await createSubgraphApp(organizationModule as never, { ...t.app.config, seed: false });
    urls.push((await second.server.start(0)).url);
  }, 60_000);
  afterAll(async () => {
    await second?.stop();
    await t?.stop();
  });

  const post = async (url: string, query: string, token?: string, variables?: Record<string, unknown>) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: await res.json() };
  };
  const tokenOf = async (email: string) =>
    (await post(urls[0], 'mutation($i: LoginInput!) { login(input: $i) { token } }', undefined, { i: { email, password: DEMO_PASSWORD } })).body.data.login.token as string;
  const account = (email: string) => t.app.dataSource.getRepository(Account).findOneByOrFail({ email });
  /** The next request with `token` on both instances: refused with REVOKED_TOKEN. */
  const expectRefusedEverywhere = async (token: string) => {
    for (const url of urls) {
      const r = await post(url, '{ me { email } }', token);
      expect([r.status, r.body.errors?.[0]?.extensions]).toEqual([401, { code: 'UNAUTHENTICATED', reason: 'REVOKED_TOKEN' }]);
      expect(r.body.data ?? null).toBeNull();
    }
  };

  it('freezeAccount, implementAccountChange (FREEZE), changePassword and resetPassword: the old token is refused at the next request on both instances; other tokens keep working', async () => {
    const emails = ['staff.engy@example.com', 'staff.fina@example.com', 'staff.soft@example.com', 'staff.edut@example.com', 'head.engy@example.com'];
    const tokens = Object.fromEntries(await Promise.all(emails.map(async (e) => [e, await tokenOf(e)] as const)));
    for (const token of Object.values(tokens)) for (const url of urls) expect((await post(url, '{ me { email } }', token)).status).toBe(200);
    // No wait: revocations count in milliseconds, the changes below usually fall in the tokens' second.

    // 1. freezeAccount (flow A2), by the marketing operator.
    const engy = await account('staff.engy@example.com');
    await ok(t, operator(), 'mutation($id: ID!, $v: Int!) { freezeAccount(accountId: $id, expectedVersion: $v) { status } }', { id: engy.id, v: engy.version });
    await expectRefusedEverywhere(tokens['staff.engy@example.com']);

    // 2. implementAccountChange: a FREEZE submitted by the segment admin, approved by its head, implemented.
    const finaSegment = DEMO_SEGMENTS.find((s) => s.code === 'FINA')!.id;
    const admin = person('admin.fina', 'FINA', 'admin', Role.SEGMENT_ADMIN, finaSegment);
    const head = person('head.fina', 'FINA', 'head', Role.SEGMENT_HEAD, finaSegment);
    const REQ = 'id version state';
    const submitted = (
      await ok(t, admin, `mutation($i: SubmitAccountChangeInput!) { submitAccountChange(input: $i) { ${REQ} } }`, {
        i: { kind: 'FREEZE', employeeId: demoSegmentPersonId('FINA', 'staff'), oaReference: 'OA-REV-1', reason: '冻结' },
      })
    ).submitAccountChange;
    const approved = (
      await ok(t, head, `mutation($i: DecideAccountChangeInput!) { approveAccountChange(input: $i) { ${REQ} } }`, { i: { id: submitted.id, expectedVersion: submitted.version } })
    ).approveAccountChange;
    const done = (
      await ok(t, operator(), 'mutation($id: ID!, $v: Int!) { implementAccountChange(id: $id, expectedVersion: $v) { account { status } } }', {
        id: approved.id,
        v: approved.version,
      })
    ).implementAccountChange;
    expect(done.account.status).toBe('FROZEN');
    await expectRefusedEverywhere(tokens['staff.fina@example.com']);

    // 3. changePassword by the holder: the old token is refused, the fresh one works on both instances.
    const soft = await account('staff.soft@example.com');
    const self: Viewer = { accountId: soft.id, employeeId: soft.employeeId, role: soft.role, segmentIds: [] };
    const fresh = (
      await ok(t, self, 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token } }', { i: { currentPassword: DEMO_PASSWORD, newPassword: 'Blue-Harbour-42' } })
    ).changePassword.token;
    await expectRefusedEverywhere(tokens['staff.soft@example.com']);
    for (const url of urls) expect((await post(url, '{ me { email } }', fresh)).body.data.me.email).toBe('staff.soft@example.com');

    // 4. resetPassword by SYSTEM_ADMIN.
    const edut = await account('staff.edut@example.com');
    await ok(t, viewers.sysadmin(), 'mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { email } }', {
      i: { accountId: edut.id, expectedVersion: edut.version, newPassword: 'Green-Valley-77' },
    });
    await expectRefusedEverywhere(tokens['staff.edut@example.com']);

    // Nobody else's token is affected.
    for (const url of urls) expect((await post(url, '{ me { email } }', tokens['head.engy@example.com'])).body.data.me.email).toBe('head.engy@example.com');
  });

  it("an account the organization does not know (an identity provider's) is not refused by the per-request check", async () => {
    await expect(t.app.revocations.assertNotRevoked('not-an-account', Date.now())).resolves.toBeUndefined();
  });

  it('with the system clock too: the password change is recorded to the millisecond, so the token signed in earlier in its second is refused, the fresh one works', async () => {
    // Early in a second, so that the sign-in and the change usually fall in the same one.
    if (Date.now() % 1000 > 300) await new Promise((r) => setTimeout(r, 1005 - (Date.now() % 1000)));
    const old = await tokenOf('staff.hotl@example.com');
    const changed = await post(urls[0], 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token } }', old, {
      i: { currentPassword: DEMO_PASSWORD, newPassword: 'Silver-Compass-38' },
    });
    const fresh = changed.body.data.changePassword.token as string;
    const accountId = (await verifyToken(t.app.config.auth, old)).accountId;
    const revocation = (await t.app.services.auth.revocations()).find((r) => r.accountId === accountId)!;
    // Between the two tokens, to the millisecond (the whole-second clock of other timestamps would put it at or before the old one).
    expect((await verifyToken(t.app.config.auth, old)).issuedAtMs).toBeLessThan(revocation.notBeforeMs!);
    expect((await verifyToken(t.app.config.auth, fresh)).issuedAtMs).toBeGreaterThanOrEqual(revocation.notBeforeMs!);
    await expectRefusedEverywhere(old);
    for (const url of urls) expect((await post(url, '{ me { email } }', fresh)).body.data.me.email).toBe('staff.hotl@example.com');
  });

  it('a token of the very millisecond of a password change is refused (which came first cannot be told); the sign-in that sets the new password gets a working token even on a clock that stands still', async () => {
    const change = (Math.floor(Date.now() / 1000) - 3) * 1000 + 250;
    const clock = () => new Date(change);
    const email = 'head.prop@example.com';
    const signedIn = await verifyToken(t.app.config.auth, await tokenOf(email));
    const claims: Viewer = { accountId: signedIn.accountId, role: signedIn.role, segmentIds: signedIn.segmentIds, employeeId: signedIn.employeeId };
    const sameMillisecond = (await signToken(t.app.config.auth, claims, change)).token;
    // The sign-in sets its own password at `change` and signs at `change` too, by its clock.
    const fresh = (await new AuthService(t.app.dataSource, t.app.config.auth, clock).login(email, DEMO_PASSWORD, 'Marble-Orchard-47')).token;
    expect((await t.app.services.auth.revocations()).find((r) => r.accountId === claims.accountId)?.notBeforeMs).toBe(change);
    await expectRefusedEverywhere(sameMillisecond);
    expect((await verifyToken(t.app.config.auth, fresh)).issuedAtMs).toBe(change + 1);
    for (const url of urls) expect((await post(url, '{ me { email } }', fresh)).body.data.me.email).toBe(email);
    const feed = remoteRevocations(t.app.config.auth, urls[0], 'test');
    await feed.refresh();
    expect([feed.isRevoked(claims.accountId, change), feed.isRevoked(claims.accountId, change + 1)]).toEqual([true, false]);
  });

  it('a token issued in the same second as a password change but before it is refused everywhere (organization, its feed, the AccountRevoked event); one issued after it in that second works', async () => {
    // The change at a known millisecond (the service's clock), half-way through a past second; the
    // account's tokens signed just before and just after it (the token's own claims, iat_ms set).
    const second = Math.floor(Date.now() / 1000) - 5;
    const change = second * 1000 + 500;
    const signedIn = await verifyToken(t.app.config.auth, await tokenOf('staff.prop@example.com'));
    const claims: Viewer = {
      accountId: signedIn.accountId,
      role: signedIn.role,
      segmentIds: signedIn.segmentIds,
      employeeId: signedIn.employeeId,
      capabilities: signedIn.capabilities,
    };
    const before = (await signToken(t.app.config.auth, claims, change - 1)).token;
    const after = (await signToken(t.app.config.auth, claims, change + 1)).token;
    for (const url of urls) expect((await post(url, '{ me { email } }', before)).status).toBe(200);

    await new AuthService(t.app.dataSource, t.app.config.auth, () => new Date(change)).changePassword(claims, DEMO_PASSWORD, 'Amber-Lantern-61');

    // The organization reads tokens_not_before (DATETIME(3)) for each request, on both instances.
    await expectRefusedEverywhere(before);
    for (const url of urls) expect((await post(url, '{ me { email } }', after)).body.data.me.email).toBe('staff.prop@example.com');
    // Its revocation feed, as the other subgraphs and the gateway read it over HTTP.
    expect((await t.app.services.auth.revocations()).find((r) => r.accountId === claims.accountId)).toEqual({
      accountId: claims.accountId,
      notBefore: second,
      notBeforeMs: change,
    });
    const feed = remoteRevocations(t.app.config.auth, urls[0], 'test');
    await feed.refresh();
    expect([feed.isRevoked(claims.accountId, (await verifyToken(t.app.config.auth, before)).issuedAtMs), feed.isRevoked(claims.accountId, change + 1)]).toEqual([true, false]);
    // The pushed event carries the millisecond (and the seconds for older readers).
    const [event] = await t.app.dataSource.getRepository(OutboxEvent).find({ where: { aggregateId: claims.accountId, type: 'AccountRevoked' }, order: { seq: 'DESC' }, take: 1 });
    expect(JSON.parse(event.payload)).toEqual({ accountId: claims.accountId, status: 'ACTIVE', notBefore: second, notBeforeMs: change, reason: 'PASSWORD_CHANGE' });
  });
});
