import { persistedQueryCache } from './persisted-queries';

/** The APQ store is bounded by bytes, not by a count of documents of any size (issue 17 item 8). */
describe('persistedQueryCache', () => {
  it('never holds more than its byte budget; the least recently used documents go first', async () => {
    const cache = persistedQueryCache(undefined, 10_000);
    const doc = (i: number) => `query Q${i} { me { email } } ${' '.repeat(2_000)}`;
    await cache.set('apq:a', doc(0));
    await cache.set('apq:b', doc(1));
    await cache.get('apq:a'); // used: b is now the oldest
    for (let i = 2; i < 50; i++) {
      await cache.set(`apq:${i}`, doc(i));
      expect(cache.bytes).toBeLessThanOrEqual(10_000);
    }
    expect(await cache.get('apq:b')).toBeUndefined();
    expect(await cache.get('apq:49')).toBe(doc(49));
    // A document bigger than the whole budget is not stored, and evicts nothing.
    const before = cache.bytes;
    await cache.set('apq:huge', 'x'.repeat(20_000));
    expect([await cache.get('apq:huge'), cache.bytes]).toEqual([undefined, before]);
    await cache.delete('apq:49');
    expect(cache.bytes).toBeLessThan(before);
  });
});
