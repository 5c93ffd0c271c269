import { GraphQLError } from 'graphql';
import { loadSubgraphConfig } from '../config/env';
import { viewerFromHeader } from './context';
import { Revocation, RevocationList } from './revocations';
import { signToken } from './tokens';
import { Role } from './roles';

const until = async (fn: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const now = () => Math.floor(Date.now() / 1000);

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
