import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * Reads from MySQL/MariaDB replicas, writes to the primary (TypeORM
 * replication), with one exception that clients rely on: once a request has
 * written (any mutation), the rest of that request reads from the primary, so
 * a mutation's own response shows its write even while replicas lag.
 * The HTTP layer runs each request that may write in `withReadScope` (a
 * query, outside it, reads from replicas); the subgraph server marks
 * mutations with `readFromPrimary()`.
 */
const scope = new AsyncLocalStorage<{ primary: boolean }>();

export const withReadScope = <T>(fn: () => T): T => scope.run({ primary: false }, fn);

/** Switches the scope off until the next `withReadScope` (only when no request is in one: see http.ts). */
export const disableReadScope = (): void => scope.disable();

export function readFromPrimary(): void {
  const store = scope.getStore();
  if (store) store.primary = true;
}

/** Makes TypeORM's replica reads go to the primary inside a request that has written. */
export function routeReadsAfterWrites(ds: DataSource): void {
  const driver = ds.driver as unknown as { obtainSlaveConnection?: () => Promise<unknown>; obtainMasterConnection: () => Promise<unknown> };
  if (!driver.obtainSlaveConnection) return;
  const replica = driver.obtainSlaveConnection.bind(driver);
  driver.obtainSlaveConnection = () => (scope.getStore()?.primary ? driver.obtainMasterConnection() : replica());
}
