import type { DataSource, EntityManager } from 'typeorm';
import { idempotent as once, inTransaction, Viewer } from '@group/shared';

/**
 * Runs a CRM create/submit at most once per (account, operation, key), with
 * the shared idempotency keys (shared/src/database/idempotency.ts): the key
 * row is the first write of the creating transaction, a retry returns the
 * first result (`load`), a reused key with another input is a CONFLICT.
 * `create` gets the transaction and the id to give the new record.
 */
export function idempotent<T>(
  ds: DataSource,
  viewer: Viewer,
  operation: string,
  key: string | null | undefined,
  input: object,
  create: (m: EntityManager, id: string) => Promise<T>,
  load: (resultId: string) => Promise<T | null>,
  newResultId: () => string,
): Promise<T> {
  return once(ds, viewer, operation, key, input, load, (claim) =>
    inTransaction(ds, async (m) => {
      const id = newResultId();
      await claim(m, id);
      return create(m, id);
    }),
  );
}
