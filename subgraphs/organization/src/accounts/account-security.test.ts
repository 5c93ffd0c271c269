import { Capability, demoDepartmentId, DEMO_PASSWORD, REVOCATIONS_PATH, Role, signServiceToken, verifyToken, Viewer } from '@group/shared';
import { fails, ok, testDatabaseKinds } from '@group/shared/testing';
import { OrgTestApp, startOrganization, viewers } from '../testing/harness';
import { demoAccountId, DEMO_OPERATOR_KEY, demoOperatorEmployeeId } from './account-demo.seed';
import { AuthService } from './auth.service';
import { Account } from './account.entity';
import { Employee } from '../employees/employee.entity';
import { passwordProblems, PasswordRule } from './password-policy';

const operator = (): Viewer => ({ accountId: demoAccountId(DEMO_OPERATOR_KEY), employeeId: demoOperatorEmployeeId(), role: Role.BUSINESS_STAFF, segmentIds: [] });
const self = (key: string, role = Role.BUSINESS_STAFF): Viewer => ({ accountId: demoAccountId(key), employeeId: null, role, segmentIds: [] });
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token account { email lockedUntil } } }';

describe('password rules', () => {
  it('lists every failed rule', () => {
    expect(passwordProblems('short', 'a@example.com')).toEqual([PasswordRule.MIN_LENGTH, PasswordRule.CHARACTER_CLASSES]);
    expect(passwordProblems('alllowercaseletters', 'a@example.com')).toEqual([PasswordRule.CHARACTER_CLASSES]);
    expect(passwordProblems('Staff.Resi@Example.com', 'staff.resi@example.com')).toEqual([PasswordRule.NOT_EMAIL]);
    expect(passwordProblems('Password123!', 'a@example.com')).toEqual([PasswordRule.NOT_COMMON]);
    expect(passwordProblems('Blue-Harbour-42', 'a@example.com')).toEqual([]);
  });
});

describe.each(testDatabaseKinds())('token revocation, lockout and password rules on %s', (kind) => {
  let t: OrgTestApp;
  let url: string;
  beforeAll(async () => {
    t = await startOrganization(kind, 'org_account_security');
    url = (await t.app.server.start(0)).url;
  });
  afterAll(() => t?.stop());

  const post = async (query: string, token?: string, variables?: Record<string, unknown>) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: await res.json() };
  };
  const login = async (email: string, password = DEMO_PASSWORD) => (await post(LOGIN, undefined, { i: { email, password } })).body;
  const tokenOf = async (email: string, password = DEMO_PASSWORD) => (await login(email, password)).data.login.token as string;

  it("a freeze stops the account's old token at the next request; other tokens keep working", async () => {
    const frozenToken = await tokenOf('staff.engy@example.com');
    const otherToken = await tokenOf('head.engy@example.com');
    expect((await post('{ me { email } }', frozenToken)).status).toBe(200);
    const acc = (await ok(t, viewers.sysadmin(), '{ accounts(first: 100) { edges { node { id email version } } } }')).accounts.edges
      .map((e: any) => e.node)
      .find((a: any) => a.email === 'staff.engy@example.com');
    const FREEZE = 'mutation($id: ID!, $v: Int!) { freezeAccount(accountId: $id, expectedVersion: $v) { status } }';
    expect((await fails(t, operator(), FREEZE, { id: acc.id, v: acc.version + 1 })).reason).toBe('STALE_VERSION');
    expect((await post('{ me { email } }', frozenToken)).status).toBe(200);
    const frozen = (await ok(t, operator(), 'mutation($id: ID!, $v: Int!) { freezeAccount(accountId: $id, expectedVersion: $v) { status } }', { id: acc.id, v: acc.version }))
      .freezeAccount;
    expect(frozen.status).toBe('FROZEN');
    const refused = await post('{ me { email } }', frozenToken);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const still = await post('{ me { email } }', otherToken);
    expect(still.status).toBe(200);
    expect(still.body.data.me.email).toBe('head.engy@example.com');
    expect((await login('staff.engy@example.com')).errors[0].extensions.reason).toBe('ACCOUNT_FROZEN');
  });

  it('only the marketing operator or SYSTEM_ADMIN freezes (A2); anyone else is refused and nothing changes', async () => {
    const id = demoAccountId('staff.fina');
    for (const v of [viewers.executive(), viewers.head('FINA'), { ...viewers.staff('FINA') }]) {
      expect((await fails(t, v, 'mutation($id: ID!) { freezeAccount(accountId: $id, expectedVersion: 1) { status } }', { id })).reason).toBe('NOT_MARKETING_OPERATOR');
    }
    expect((await t.app.dataSource.getRepository(Account).findOneByOrFail({ id })).status).toBe('ACTIVE');
  });

  it('the revocation feed is read with ONE query and needs a service token', async () => {
    const before = t.app.counter.count;
    const list = await t.app.services.auth.revocations();
    expect(t.app.counter.count - before).toBe(1);
    expect(list).toEqual(expect.arrayContaining([{ accountId: demoAccountId('staff.trad'), notBefore: null, notBeforeMs: null }]));
    const feed = url.replace(/\/graphql$/, REVOCATIONS_PATH);
    expect((await fetch(feed)).status).toBe(401);
    expect((await fetch(feed, { headers: { authorization: `Bearer ${await tokenOf('executive@example.com')}` } })).status).toBe(401);
    const res = await fetch(feed, { headers: { authorization: `Bearer ${await signServiceToken(t.app.config.auth, 'test')}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { revocations: { accountId: string; notBefore: number | null }[] };
    expect(body.revocations.map((r) => r.accountId)).toEqual(expect.arrayContaining([demoAccountId('staff.trad')]));
  });

  it('a password change revokes earlier tokens, returns a fresh one, and enforces the password rules', async () => {
    const email = 'staff.soft@example.com';
    const old = await tokenOf(email);
    const me = self('staff.soft');
    const weak = await fails(t, me, 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token } }', { i: { currentPassword: DEMO_PASSWORD, newPassword: 'short' } });
    expect(weak).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PASSWORD_TOO_WEAK', failedRules: ['MIN_LENGTH', 'CHARACTER_CLASSES'] });
    const common = await fails(t, me, 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token } }', {
      i: { currentPassword: DEMO_PASSWORD, newPassword: 'Password123!' },
    });
    expect(common.failedRules).toEqual(['NOT_COMMON']);
    const wrong = await fails(t, me, 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token } }', {
      i: { currentPassword: 'nope', newPassword: 'Blue-Harbour-42' },
    });
    expect(wrong.reason).toBe('WRONG_CURRENT_PASSWORD');
    // No wait: revocations count in milliseconds, so the old token is refused even within its second.
    const changed = (
      await ok(t, me, 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token account { email } } }', {
        i: { currentPassword: DEMO_PASSWORD, newPassword: 'Blue-Harbour-42' },
      })
    ).changePassword;
    expect((await post('{ me { email } }', old)).status).toBe(401);
    expect((await post('{ me { email } }', changed.token)).body.data.me.email).toBe(email);
    expect((await login(email)).errors[0].extensions.reason).toBe('INVALID_CREDENTIALS');
    expect(await tokenOf(email, 'Blue-Harbour-42')).toBeTruthy();
  });

  it("signing in and a failed attempt leave the account's version alone: an administrator's copy read before stays current", async () => {
    const email = 'head.comm@example.com';
    const repo = t.app.dataSource.getRepository(Account);
    const before = await repo.findOneByOrFail({ email });
    expect((await login(email, 'not-the-password')).errors[0].extensions.reason).toBe('INVALID_CREDENTIALS');
    await tokenOf(email);
    const after = await repo.findOneByOrFail({ email });
    expect([after.version, after.lastLoginAt]).toEqual([before.version, expect.any(Date)]);
    const FREEZE = 'mutation($id: ID!, $v: Int!) { freezeAccount(accountId: $id, expectedVersion: $v) { status } }';
    expect((await ok(t, operator(), FREEZE, { id: before.id, v: before.version })).freezeAccount.status).toBe('FROZEN');
  });

  it('a sign-in with the old password that overlaps a password change gets no token that works after the change', async () => {
    // The sign-in reads the account, verifies the password (scrypt: milliseconds), then signs. The
    // change lands at every point of that window in turn: before the read, during the verification,
    // after the token. Whatever the order, a token signed with the old password must not work once
    // the change is in (it is refused, or the sign-in itself is refused as CONFLICT ACCOUNT_CHANGED).
    const email = 'staff.comm@example.com';
    const auth = t.app.services.auth;
    const me = self('staff.comm');
    const started = Date.now();
    await auth.login(email, DEMO_PASSWORD);
    const window = Date.now() - started;
    let current = DEMO_PASSWORD;
    let working = 0;
    for (let i = 0; i < 12; i++) {
      const next = ['Harbour-Lantern-73', 'Copper-Meadow-58'][i % 2];
      const change = auth.changePassword(me, current, next);
      await new Promise((r) => setTimeout(r, (window * i) / 6));
      const signIn = await auth.login(email, current).then(
        (r) => r.token,
        (e: { code?: string }) => e.code,
      );
      await change;
      current = next;
      // A token, or one of the two refusals: any other error would otherwise pass as a token that does not work.
      if (signIn === 'INVALID_CREDENTIALS' || signIn === 'ACCOUNT_CHANGED') continue;
      expect(signIn).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      if ((await post('{ me { email } }', signIn)).status === 200) working++;
    }
    expect(working).toBe(0);
  });

  it('after 5 failed logins the account is locked, even for the right password, with the same answer as an unknown email; SYSTEM_ADMIN resetPassword lifts it', async () => {
    const email = 'staff.edut@example.com';
    const unknown = (await login('nobody.here@example.com', 'wrong-0')).errors[0];
    expect(unknown.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
    for (let i = 1; i <= 5; i++) {
      const e = (await login(email, `wrong-${i}`)).errors[0];
      expect([e.message, e.extensions]).toEqual([unknown.message, unknown.extensions]);
    }
    const row = await t.app.dataSource.getRepository(Account).findOneByOrFail({ email });
    const until = row.lockedUntil!.getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    // locked: the right password gets exactly the unknown-email answer (no lockedUntil, no other reason)
    const locked = (await login(email)).errors[0];
    expect([locked.message, locked.extensions]).toEqual([unknown.message, unknown.extensions]);
    expect(
      (await ok(t, viewers.sysadmin(), '{ accounts(first: 100) { edges { node { email lockedUntil } } } }')).accounts.edges.find((e: any) => e.node.email === email).node
        .lockedUntil,
    ).toBe(row.lockedUntil!.toISOString());
    const resetQ = 'mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { email lockedUntil mustChangePassword } }';
    const i = { accountId: demoAccountId('staff.edut'), expectedVersion: row.version, newPassword: 'Green-Valley-77' };
    expect((await fails(t, viewers.executive(), resetQ, { i })).reason).toBe('PASSWORD_RESET_FORBIDDEN');
    expect((await fails(t, viewers.sysadmin(), resetQ, { i: { ...i, newPassword: 'staff.edut@example.com' } })).failedRules).toContain('NOT_EMAIL');
    expect((await fails(t, viewers.sysadmin(), resetQ, { i: { ...i, expectedVersion: row.version - 1 } })).reason).toBe('STALE_VERSION');
    expect((await ok(t, viewers.sysadmin(), resetQ, { i })).resetPassword).toEqual({ email, lockedUntil: null, mustChangePassword: true });
    const withOwn = await post(LOGIN, undefined, { i: { email, password: 'Green-Valley-77', newPassword: 'Quiet-River-58' } });
    expect(withOwn.body.data.login.account.email).toBe(email);
  });

  it('an unknown email, a wrong password and a locked account cost the same kind of work (one scrypt verification each)', async () => {
    const auth = new AuthService(t.app.dataSource, t.app.config.auth, () => new Date(), { maxFailures: 1000, lockMinutes: 1 });
    const time = async (email: string) => {
      const runs: number[] = [];
      for (let k = 0; k < 5; k++) {
        const start = process.hrtime.bigint();
        await auth.login(email, 'not-the-password').catch((e) => expect(e.code).toBe('INVALID_CREDENTIALS'));
        runs.push(Number(process.hrtime.bigint() - start));
      }
      return runs.sort((a, b) => a - b)[2];
    };
    const known = await time('staff.hotl@example.com');
    const unknown = await time('no.such.person@example.com');
    // Without the dummy-hash verification an unknown email answers ~50x faster than a known one.
    expect(unknown / known).toBeGreaterThan(0.3);
  });

  it('a temporary password (reset by SYSTEM_ADMIN) gets no token until the holder sets their own at sign-in', async () => {
    const email = 'staff.hotl@example.com';
    const { version } = await t.app.dataSource.getRepository(Account).findOneByOrFail({ email });
    await ok(t, viewers.sysadmin(), 'mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { id } }', {
      i: { accountId: demoAccountId('staff.hotl'), expectedVersion: version, newPassword: 'Temp-Pass-2026!' },
    });
    const plain = await login(email, 'Temp-Pass-2026!');
    expect(plain.data).toBeNull();
    expect(plain.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' });
    const attempt = (newPassword: string) => post(LOGIN, undefined, { i: { email, password: 'Temp-Pass-2026!', newPassword } });
    expect((await attempt('short')).body.errors[0].extensions).toMatchObject({ reason: 'PASSWORD_TOO_WEAK', failedRules: ['MIN_LENGTH', 'CHARACTER_CLASSES'] });
    expect((await attempt('Temp-Pass-2026!')).body.errors[0].extensions).toMatchObject({ reason: 'PASSWORD_TOO_WEAK', failedRules: ['NOT_CURRENT'] });
    // a wrong temporary password with a new one is just a failed sign-in
    expect((await post(LOGIN, undefined, { i: { email, password: 'Wrong-Pass-2026!', newPassword: 'Sunny-Meadow-64' } })).body.errors[0].extensions.reason).toBe(
      'INVALID_CREDENTIALS',
    );
    const done = await attempt('Sunny-Meadow-64');
    expect(done.body.data.login.account.email).toBe(email);
    expect((await post('{ me { email mustChangePassword } }', done.body.data.login.token)).body.data.me).toEqual({ email, mustChangePassword: false });
    expect((await login(email, 'Sunny-Meadow-64')).data.login.token).toBeTruthy();
    expect((await login(email, 'Temp-Pass-2026!')).errors[0].extensions.reason).toBe('INVALID_CREDENTIALS');
  });

  it('the token of a group marketing department member carries MARKETING_OPERATOR; other tokens carry no capability', async () => {
    const caps = async (email: string) => (await verifyToken(t.app.config.auth, await tokenOf(email))).capabilities;
    expect(await caps('operator.mkt@example.com')).toEqual([Capability.MARKETING_OPERATOR]);
    for (const email of ['staff.resi@example.com', 'executive@example.com', 'admin.resi@example.com', 'sysadmin@example.com']) expect(await caps(email)).toEqual([]);
    // the capability decides access in other subgraphs: organization itself still checks the department
    const viaToken = await post('{ me { email } }', await tokenOf('operator.mkt@example.com'));
    expect(viaToken.body.data.me.email).toBe('operator.mkt@example.com');
  });

  it('lockout is configurable, kept in the database (shared by instances), expires, and a success resets the counter', async () => {
    let now = new Date('2030-01-07T09:00:00Z');
    const clock = () => now;
    const policy = { maxFailures: 3, lockMinutes: 10 };
    const a = new AuthService(t.app.dataSource, t.app.config.auth, clock, policy);
    const b = new AuthService(t.app.dataSource, t.app.config.auth, clock, policy);
    const email = 'head.hotl@example.com';
    const reason = (p: Promise<unknown>) =>
      p.then(
        () => 'OK',
        (e: any) => e.code as string,
      );
    // two failures, a success: counter back to zero
    expect(await reason(a.login(email, 'x'))).toBe('INVALID_CREDENTIALS');
    expect(await reason(b.login(email, 'x'))).toBe('INVALID_CREDENTIALS');
    expect(await reason(a.login(email, DEMO_PASSWORD))).toBe('OK');
    expect(await reason(b.login(email, 'x'))).toBe('INVALID_CREDENTIALS');
    expect(await reason(a.login(email, 'x'))).toBe('INVALID_CREDENTIALS');
    // third consecutive failure, on the other instance: locked (answered like any bad sign-in)
    expect(await reason(b.login(email, 'x'))).toBe('INVALID_CREDENTIALS');
    expect((await t.app.dataSource.getRepository(Account).findOneByOrFail({ email })).lockedUntil).toEqual(new Date(now.getTime() + 10 * 60_000));
    expect(await reason(a.login(email, DEMO_PASSWORD))).toBe('INVALID_CREDENTIALS');
    now = new Date(now.getTime() + 9 * 60_000);
    expect(await reason(a.login(email, DEMO_PASSWORD))).toBe('INVALID_CREDENTIALS');
    now = new Date(now.getTime() + 2 * 60_000);
    expect(await reason(b.login(email, DEMO_PASSWORD))).toBe('OK');
    const row = await t.app.dataSource.getRepository(Account).findOneByOrFail({ email });
    expect(row).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it('moving the operator out of the group marketing department revokes their tokens; the next token carries no capability', async () => {
    const before = await tokenOf('operator.mkt@example.com');
    await new Promise((r) => setTimeout(r, 1100)); // tokens carry whole seconds
    const employee = await t.app.dataSource.getRepository(Employee).findOneByOrFail({ id: demoOperatorEmployeeId() });
    await t.app.services.employeeChanges.transfer(viewers.executive(), employee.id, employee.version, demoDepartmentId('JA', 'CSC'), undefined);
    expect((await post('{ me { email } }', before)).status).toBe(401);
    expect((await verifyToken(t.app.config.auth, await tokenOf('operator.mkt@example.com'))).capabilities).toEqual([]);
  });
});
