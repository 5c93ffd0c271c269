import { GraphQLError } from 'graphql';
import { SignJWT } from 'jose';
import { loadSubgraphConfig } from '../config/env';
import { viewerFromHeader } from './context';
import { AccountRevocations, Revocation, revocationFrom, RevocationList, signServiceToken, verifyServiceToken } from './revocations';
import { signToken, verifyToken } from './tokens';
import { Role, Viewer } from './roles';

const until = async (fn: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
/** Epoch ms, as a token's issue time is compared. */
const now = () => Date.now();

describe('RevocationList (a subgraph that does not own accounts)', () => {
  it('applies a pushed revocation at once, keeps it over a feed answer read before it, skips older account versions, and lets the feed repair it later', async () => {
    let answer: Revocation[] = [];
    let release!: () => void;
    let slow = false;
    const list = new RevocationList(async () => {
      const snapshot = answer;
      if (slow) await new Promise<void>((r) => (release = r));
      return snapshot;
    });
    await list.refresh();
    list.apply({ accountId: 'a', notBefore: null }, 5); // AccountFrozen, version 5
    expect(() => list.assertNotRevoked('a', now())).toThrow(expect.objectContaining({ code: 'REVOKED_TOKEN' }));
    list.apply({ accountId: 'a', notBefore: 0 }, 4); // an older version arriving late changes nothing
    expect(() => list.assertNotRevoked('a', now())).toThrow(expect.objectContaining({ code: 'REVOKED_TOKEN' }));
    // A poll that read the feed before the next push does not undo it.
    slow = true;
    const polling = list.refresh();
    await until(() => !!release);
    list.apply({ accountId: 'b', notBefore: null }, 1);
    release();
    await polling;
    expect(() => list.assertNotRevoked('b', now())).toThrow(expect.objectContaining({ code: 'REVOKED_TOKEN' }));
    // Later polls are the truth again (the account was unfrozen meanwhile: not in the feed).
    slow = false;
    answer = [];
    await list.refresh();
    expect(() => list.assertNotRevoked('a', now())).not.toThrow();
    expect(() => list.assertNotRevoked('b', now())).not.toThrow();
  });

  it('refuses every token once its list is older than the max staleness (REVOCATION_UNAVAILABLE), says why, and recovers when the feed answers again', async () => {
    let up = true;
    const feed = async (): Promise<Revocation[]> => {
      if (!up) throw new Error('connect ECONNREFUSED');
      return [{ accountId: 'frozen', notBefore: null }];
    };
    const list = new RevocationList(feed, undefined, 300).start(20);
    try {
      await until(() => list.lastRefresh > 0);
      expect(list.problem()).toBeNull();
      expect(() => list.assertNotRevoked('someone', now())).not.toThrow();
      expect(() => list.assertNotRevoked('frozen', now())).toThrow(expect.objectContaining({ kind: 'UNAUTHENTICATED', code: 'REVOKED_TOKEN' }));

      up = false;
      const lastGood = list.lastRefresh;
      await until(() => list.problem() !== null);
      // Refused only once the list is older than the window, not at the first failed poll.
      expect(Date.now() - lastGood).toBeGreaterThan(300);
      expect(list.problem()).toEqual({ reason: 'REVOCATION_UNAVAILABLE', revocationListAgeMs: expect.any(Number), maxStalenessMs: 300 });
      expect(list.problem()!.revocationListAgeMs).toBeGreaterThan(300);
      expect(() => list.assertNotRevoked('someone', now())).toThrow(expect.objectContaining({ kind: 'UNAUTHENTICATED', code: 'REVOCATION_UNAVAILABLE' }));

      up = true;
      await until(() => list.problem() === null);
      expect(() => list.assertNotRevoked('someone', now())).not.toThrow();
    } finally {
      list.stop();
    }
  });

  it('a polled list that never answered cannot check anything; a list nobody polls (tests refresh it by hand) never goes stale', async () => {
    const never = new RevocationList(() => Promise.reject(new Error('down')), undefined, 60_000).start(1000);
    try {
      expect(never.problem()).toEqual({ reason: 'REVOCATION_UNAVAILABLE', revocationListAgeMs: null, maxStalenessMs: 60_000 });
    } finally {
      never.stop();
    }
    expect(new RevocationList(async () => [], undefined, 1).problem()).toBeNull();
  });

  it('the 401 says why: reason REVOKED_TOKEN or REVOCATION_UNAVAILABLE', async () => {
    const auth = loadSubgraphConfig('MARKETING', 0, { NODE_ENV: 'test' }).auth;
    const { token } = await signToken(auth, { accountId: 'acc-1', employeeId: null, role: Role.BUSINESS_STAFF, segmentIds: [] });
    const refusal = (list: RevocationList) =>
      viewerFromHeader(auth, `Bearer ${token}`, list).then(
        () => undefined,
        (e: GraphQLError) => e.extensions,
      );
    const revoked = new RevocationList(async () => [{ accountId: 'acc-1', notBefore: null }]);
    await revoked.refresh();
    expect(await refusal(revoked)).toEqual({ code: 'UNAUTHENTICATED', reason: 'REVOKED_TOKEN', http: { status: 401 } });
    const stale = new RevocationList(() => Promise.reject(new Error('down')), undefined, 1000).start(500);
    try {
      expect(await refusal(stale)).toEqual({ code: 'UNAUTHENTICATED', reason: 'REVOCATION_UNAVAILABLE', http: { status: 401 } });
    } finally {
      stale.stop();
    }
  });
});

describe('revocations are exact to the millisecond for our tokens', () => {
  const auth = loadSubgraphConfig('MARKETING', 0, { NODE_ENV: 'test' }).auth;
  const viewer: Viewer = { accountId: 'acc-ms', employeeId: null, role: Role.BUSINESS_STAFF, segmentIds: [] };
  /** A past second (tokens are still valid), and a change half-way through it. */
  const second = Math.floor(Date.now() / 1000) - 5;
  const change = second * 1000 + 500;
  const outcome = (token: string, revocations: RevocationList | AccountRevocations) =>
    viewerFromHeader(auth, `Bearer ${token}`, revocations).then(
      () => 'ACCEPTED',
      (e: GraphQLError) => e.extensions.reason,
    );
  const tokenAt = async (ms: number) => (await signToken(auth, viewer, ms)).token;
  const lists = async (r: Revocation) => {
    const list = new RevocationList(async () => [r]);
    await list.refresh();
    const pushed = new RevocationList(async () => []);
    await pushed.refresh();
    pushed.apply(r, 1);
    return { feed: list, pushed, organization: new AccountRevocations(async (id) => (id === r.accountId ? r : null)) };
  };

  it('a token issued in the same second as a change but before it, or in its very millisecond, is refused; one issued after it is accepted (feed, pushed event, organization)', async () => {
    const r = revocationFrom('acc-ms', new Date(change));
    expect(r).toEqual({ accountId: 'acc-ms', notBefore: second, notBeforeMs: change });
    const before = await tokenAt(change - 1);
    const at = await tokenAt(change);
    const after = await tokenAt(change + 1);
    expect((await verifyToken(auth, before)).issuedAtMs).toBe(change - 1);
    for (const [name, list] of Object.entries(await lists(r))) {
      expect([name, await outcome(before, list), await outcome(at, list), await outcome(after, list)]).toEqual([name, 'REVOKED_TOKEN', 'REVOKED_TOKEN', 'ACCEPTED']);
    }
  });

  it('known to the second only, a time counts conservatively: a token without iat_ms from its second start, a revocation without notBeforeMs to its second end', async () => {
    // A token signed without the claim (an outside issuer's, or ours from before it): the whole second of the change is refused.
    const key = auth.keys[0];
    const secondsOnly = async (iat: number) =>
      new SignJWT({ role: viewer.role, seg: [], emp: null })
        .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
        .setSubject(viewer.accountId)
        .setIssuer('group-graph')
        .setAudience('group-graph')
        .setIssuedAt(iat)
        .setExpirationTime(iat + 3600)
        .sign(new TextEncoder().encode(key.secret));
    const { feed } = await lists(revocationFrom('acc-ms', new Date(change)));
    expect(await outcome(await secondsOnly(second), feed)).toBe('REVOKED_TOKEN');
    expect(await outcome(await secondsOnly(second + 1), feed)).toBe('ACCEPTED');
    // A revocation in seconds only (an older producer's feed or event): every token of that second is refused.
    for (const [name, list] of Object.entries(await lists({ accountId: 'acc-ms', notBefore: second }))) {
      expect([name, await outcome(await tokenAt(second * 1000 + 999), list), await outcome(await tokenAt((second + 1) * 1000), list)]).toEqual([name, 'REVOKED_TOKEN', 'ACCEPTED']);
    }
  });

  it('a token whose iat_ms disagrees with its iat is invalid', async () => {
    const key = auth.keys[0];
    const forged = await new SignJWT({ role: viewer.role, seg: [], emp: null, iat_ms: (second + 10) * 1000 })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
      .setSubject(viewer.accountId)
      .setIssuer('group-graph')
      .setAudience('group-graph')
      .setIssuedAt(second)
      .setExpirationTime(second + 3600)
      .sign(new TextEncoder().encode(key.secret));
    await expect(verifyToken(auth, forged)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });
});

describe('service tokens (event feeds and the revocation list, polled every few hundred ms)', () => {
  const authOf = (secret: string) => loadSubgraphConfig('MARKETING', 1, { AUTH_JWT_KEYS: `k1:${secret}` }).auth;

  it('are signed once a minute per service and verified by the keys they were signed with, nothing else', async () => {
    const auth = authOf('a'.repeat(64));
    const token = await signServiceToken(auth, 'gateway');
    expect(await signServiceToken(auth, 'gateway')).toBe(token);
    expect(await signServiceToken(auth, 'marketing')).not.toBe(token);
    expect(await verifyServiceToken(auth, `Bearer ${token}`)).toBe(true);
    expect(await verifyServiceToken(auth, `Bearer ${token}`)).toBe(true);
    expect(await verifyServiceToken(authOf('b'.repeat(64)), `Bearer ${token}`)).toBe(false);
    expect(await verifyServiceToken(auth, `Bearer ${token.slice(0, -2)}xx`)).toBe(false);
  });

  it('a verified token stops being accepted when it expires', async () => {
    const auth = authOf('c'.repeat(64));
    const token = await signServiceToken(auth, 'organization');
    expect(await verifyServiceToken(auth, `Bearer ${token}`)).toBe(true);
    // Two minutes on (the clock only: jose reads `new Date()`, the caches `Date.now()`).
    jest.useFakeTimers({ now: Date.now() + 121_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval'] });
    try {
      expect(await verifyServiceToken(auth, `Bearer ${token}`)).toBe(false);
      // and its signer hands out a fresh one by then
      expect(await signServiceToken(auth, 'organization')).not.toBe(token);
    } finally {
      jest.useRealTimers();
    }
  });
});
