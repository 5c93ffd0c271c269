import { decodeCursor, encodeCursor } from './pagination';
import { DomainError } from '../errors';

describe('cursors', () => {
  it('are opaque and round-trip strings, numbers and dates', () => {
    const d = new Date('2026-01-02T03:04:05.678Z');
    for (const v of ['abc', 42, d, null]) {
      const c = encodeCursor(v, 'id-1');
      expect(c).not.toContain('id-1');
      expect(decodeCursor(c)).toEqual([v, 'id-1']);
    }
  });

  it('reject garbage with a stable code', () => {
    for (const bad of ['', 'xyz', Buffer.from('[1]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(DomainError);
      try {
        decodeCursor(bad);
      } catch (e) {
        expect((e as DomainError).code).toBe('INVALID_CURSOR');
      }
    }
  });
});
