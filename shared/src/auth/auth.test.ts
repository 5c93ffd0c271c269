import { hashPassword, verifyPassword } from './password';
import { signToken, verifyToken } from './tokens';
import { readableSegments, Role } from './roles';
import { DomainError } from '../errors';

const ring = (...kids: string[]) => ({ keys: kids.map((kid) => ({ kid, secret: `${kid}-secret-`.padEnd(40, 'x') })), tokenTtlSeconds: 60 });
const viewer = { accountId: 'a1', employeeId: 'e1', role: Role.SEGMENT_HEAD, segmentIds: ['s1'] };

describe('passwords', () => {
  it('hashes with scrypt (salted) and verifies', async () => {
    const h1 = await hashPassword('demo-password');
    const h2 = await hashPassword('demo-password');
    expect(h1).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(h1).not.toBe(h2);
    expect(await verifyPassword('demo-password', h1)).toBe(true);
    expect(await verifyPassword('wrong', h1)).toBe(false);
    expect(await verifyPassword('demo-password', 'garbage')).toBe(false);
  });
});

describe('tokens', () => {
  it('round-trips the viewer', async () => {
    const { token } = await signToken(ring('k1'), viewer);
    expect(await verifyToken(ring('k1'), token)).toEqual(expect.objectContaining(viewer));
  });

  it("carries a bulk operation's claim only in the tokens minted for it: a sign-in token has none", async () => {
    const plain = await verifyToken(ring('k1'), (await signToken(ring('k1'), viewer)).token);
    expect(plain.bulkOperationId).toBeUndefined();
    const bulk = await verifyToken(ring('k1'), (await signToken(ring('k1'), { ...viewer, bulkOperationId: 'op-1' })).token);
    expect(bulk.bulkOperationId).toBe('op-1');
  });

  it('verifies with any key of the ring (rotation) and rejects retired keys', async () => {
    const { token } = await signToken(ring('old'), viewer);
    await expect(verifyToken(ring('new', 'old'), token)).resolves.toEqual(expect.objectContaining({ accountId: 'a1' }));
    await expect(verifyToken(ring('new'), token)).rejects.toThrow(DomainError);
  });

  it('rejects tampered, foreign and expired tokens', async () => {
    const { token } = await signToken(ring('k1'), viewer);
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'GROUP_EXECUTIVE' })).toString('base64url');
    await expect(verifyToken(ring('k1'), `${h}.${forged}.${s}`)).rejects.toThrow(/Invalid bearer token/);
    await expect(verifyToken(ring('k1'), 'not-a-token')).rejects.toThrow(/Malformed/);
    const expired = await signToken({ ...ring('k1'), tokenTtlSeconds: -10 }, viewer);
    await expect(verifyToken(ring('k1'), expired.token)).rejects.toMatchObject({ code: 'EXPIRED_TOKEN' });
  });

  it('remembers a verified token for its key ring only until it expires', async () => {
    const auth = { ...ring('k1'), tokenTtlSeconds: 1 };
    const { token, expiresAt } = await signToken(auth, viewer);
    const first = await verifyToken(auth, token);
    expect(await verifyToken(auth, token)).toBe(first); // served from memory, frozen
    expect(Object.isFrozen(first) && Object.isFrozen(first.segmentIds)).toBe(true);
    await expect(verifyToken(ring('k2'), token)).rejects.toThrow(DomainError); // another ring never sees it
    await new Promise((r) => setTimeout(r, expiresAt.getTime() - Date.now() + 50));
    await expect(verifyToken(auth, token)).rejects.toThrow(/expired/);
  });
});

describe('segment isolation rule (domain.md §3.1.3)', () => {
  it('CS-R35/CS-R38: GROUP_EXECUTIVE reads all segments, SYSTEM_ADMIN none, others only their own', () => {
    expect(readableSegments({ ...viewer, role: Role.GROUP_EXECUTIVE, segmentIds: [] })).toBe('ALL');
    expect(readableSegments({ ...viewer, role: Role.SYSTEM_ADMIN, segmentIds: ['s1'] })).toEqual([]);
    for (const role of [Role.SEGMENT_HEAD, Role.BUSINESS_STAFF, Role.SEGMENT_ADMIN]) {
      expect(readableSegments({ ...viewer, role })).toEqual(['s1']);
    }
  });
});
