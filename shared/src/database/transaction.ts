import type { DataSource, EntityManager } from 'typeorm';

const tails = new WeakMap<DataSource, Promise<unknown>>();

/**
 * `ds.transaction(work)`, safe for concurrent requests on SQLite too.
 * TypeORM's better-sqlite3 driver has ONE connection, so two overlapping
 * `ds.transaction()` calls fail with "cannot start a transaction within a
 * transaction". On SQLite transactions therefore run one after another (per
 * data source); MySQL/MariaDB run them concurrently on the pool.
 * Every multi-row write goes through this.
 */
export function inTransaction<T>(ds: DataSource, work: (m: EntityManager) => Promise<T>): Promise<T> {
  if (ds.options.type !== 'better-sqlite3') return ds.transaction(work);
  const previous = tails.get(ds) ?? Promise.resolve();
  const result = previous.then(() => ds.transaction(work));
  tails.set(
    ds,
    result.then(
      () => undefined,
      () => undefined,
    ),
  );
  return result;
}
