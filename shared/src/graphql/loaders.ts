import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { EntityMetadata } from 'typeorm';
import type { ConnectionShape, PageArgs } from './pagination';
import { selectedColumns } from './projection';

/**
 * DataLoader helpers. Loaders are created per request (in the context), so the
 * cache never outlives a request and never leaks data between viewers.
 * `batch: false` exists only so the benchmark can show the cost of N+1.
 */
export interface LoaderOptions {
  batch: boolean;
}

/** One row per key, `null` for a missing (or invisible) key, results in key order. */
export function loaderByKey<K extends string, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => K, opts: LoaderOptions): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<K, V>();
      for (const r of rows) byKey.set(keyOf(r), r);
      return keys.map((k) => byKey.get(k) ?? null);
    },
    { batch: opts.batch, maxBatchSize: 1000 },
  );
}

/** Many rows per key (children of a parent), in key order, `[]` for none. */
export function loaderManyByKey<K extends string, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => K, opts: LoaderOptions): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<K, V[]>();
      for (const r of rows) {
        const k = keyOf(r);
        let list = byKey.get(k);
        if (!list) byKey.set(k, (list = []));
        list.push(r);
      }
      return keys.map((k) => byKey.get(k) ?? []);
    },
    { batch: opts.batch, maxBatchSize: 1000 },
  );
}

/**
 * Batches a nested connection (`Department.complaints(first, after, ...)`)
 * over all parents that ask for the same page arguments (and, when given,
 * the same columns: see projection.ts).
 */
export class ConnectionLoader<A extends PageArgs, T> {
  private readonly loaders = new Map<string, DataLoader<string, ConnectionShape<T>>>();

  constructor(
    private readonly fetch: (parentIds: readonly string[], args: A, select?: readonly string[]) => Promise<Map<string, ConnectionShape<T>>>,
    private readonly opts: LoaderOptions,
    /** The node entity: with it, `load(..., info)` reads only the selected columns. */
    private readonly entity?: EntityMetadata,
  ) {}

  load(parentId: string, args: A, info?: GraphQLResolveInfo): Promise<ConnectionShape<T>> {
    const select = info && this.entity ? selectedColumns(info, this.entity) : undefined;
    const key = JSON.stringify([args, select ?? null]);
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, ConnectionShape<T>>(
        async (ids) => {
          const pages = await this.fetch(ids, args, select);
          return ids.map((id) => pages.get(id)!);
        },
        { batch: this.opts.batch, maxBatchSize: 1000 },
      );
      this.loaders.set(key, loader);
    }
    return loader.load(parentId);
  }
}
