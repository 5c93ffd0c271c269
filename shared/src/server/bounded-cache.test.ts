import { parse } from 'graphql';
import { documentStore } from './bounded-cache';

/** Apollo's default document cache counts a document by its JSON, not the source every node keeps (issue 17 item 8). */
describe('documentStore', () => {
  it('counts the source text, comment padding included, against its byte budget', async () => {
    const store = documentStore(1024 * 1024);
    const padded = (i: number) => parse(`query Q${i} { __typename } # ${'x'.repeat(100_000)}`);
    for (let i = 0; i < 50; i++) {
      await store.set(`k${i}`, padded(i));
      expect(store.bytes).toBeLessThanOrEqual(1024 * 1024);
    }
    expect(await store.get('k0')).toBeUndefined(); // evicted
    expect((await store.get('k49'))?.definitions).toHaveLength(1);
    expect(store.bytes).toBeGreaterThan(9 * 100_000);
  });
});
