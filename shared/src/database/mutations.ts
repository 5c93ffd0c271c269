import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Viewer } from '../auth/roles';
import { DomainError, isUniqueViolation, notFound } from '../errors';
import { databaseErrors } from './database.errors';
import { idempotent } from './idempotency';
import { inTransaction } from './transaction';

/**
 * The mutation toolkit: idempotent create (`idempotentCreate`, or
 * `idempotentWrite` when the key is claimed after a lock or for an existing
 * record), versioned update (`updateWithVersion` in versioning.ts,
 * `updateKeyedWithVersion` here) and delete, and the ONE CONFLICT
 * STALE_VERSION error they and every hand-written version check throw.
 * Services use these, never `idempotent` (idempotency.ts) directly.
 */

/** CONFLICT STALE_VERSION: `subject` (e.g. "Lead 42") is no longer at the version the client sent (database.errors.ts). */
export const staleVersion = databaseErrors.staleVersion;

/** Options of `idempotentCreate` / `idempotentWrite`. */
export interface IdempotentOptions {
  /**
   * The error a unique violation in the transaction becomes: a concurrent
   * create of the same natural key (a code, a name, a pair) lost the race.
   * (A concurrent retry with the same idempotency key never gets here: it
   * answers with the first result.)
   */
  onUniqueViolation?: () => DomainError;
}

/** Claims the idempotency key for `resultId`; called inside the transaction before its first write. */
export type ClaimKey = (resultId: string) => Promise<void>;

/**
 * A create/submit run at most once per (account, operation, key) (see
 * `idempotent`): opens the transaction, claims the key as its FIRST write
 * with the new record's id (`newResultId()`), then runs `create(m, id)`.
 * A retry answers with `load(firstResultId)`, read with the viewer's visibility.
 */
export function idempotentCreate<T>(
  ds: DataSource,
  viewer: Viewer,
  operation: string,
  key: string | null | undefined,
  input: object,
  create: (m: EntityManager, id: string) => Promise<T>,
  load: (resultId: string) => Promise<T | null>,
  newResultId: () => string,
  options: IdempotentOptions = {},
): Promise<T> {
  return idempotentWrite(
    ds,
    viewer,
    operation,
    key,
    input,
    async (m, claim) => {
      const id = newResultId();
      await claim(id);
      return create(m, id);
    },
    load,
    options,
  );
}

/**
 * `idempotentCreate` for a write that must do something before it claims the
 * key, in the same transaction: take a lock first (the claim is still its
 * first write), or answer with a record it finds only then (the row a
 * replacement updates, the aggregate a step is recorded on). `write(m, claim)`
 * calls `claim(resultId)` before its first write.
 */
export function idempotentWrite<T>(
  ds: DataSource,
  viewer: Viewer,
  operation: string,
  key: string | null | undefined,
  input: object,
  write: (m: EntityManager, claim: ClaimKey) => Promise<T>,
  load: (resultId: string) => Promise<T | null>,
  options: IdempotentOptions = {},
): Promise<T> {
  return idempotent(ds, viewer, operation, key, input, load, async (claim) => {
    try {
      return await inTransaction(ds, (m) => write(m, (resultId) => claim(m, resultId)));
    } catch (e) {
      if (options.onUniqueViolation && isUniqueViolation(e)) throw options.onUniqueViolation();
      throw e;
    }
  });
}

/**
 * The optimistic-lock delete: `DELETE ... WHERE id = ? AND version = ?`;
 * nothing deleted means the row is gone (NOT_FOUND) or changed since the
 * client read it (CONFLICT STALE_VERSION).
 */
export async function deleteWithVersion<T extends ObjectLiteral & { id: string; version: number }>(
  m: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  label = m.getRepository(entity).metadata.name,
): Promise<void> {
  const result = await m.createQueryBuilder().delete().from(entity).where('id = :id AND version = :version', { id, version: expectedVersion }).execute();
  if (result.affected) return;
  const current = await m.getRepository(entity).findOne({ where: { id } as never });
  if (!current) throw notFound(label, id);
  throw staleVersion(`${label} ${id}`, current.version, expectedVersion);
}

/**
 * `updateWithVersion` for rows keyed by something other than `id` (an SLA
 * policy by severity, an assessment weight by indicator): one atomic
 * `UPDATE ... WHERE key AND version`, else CONFLICT STALE_VERSION.
 */
export async function updateKeyedWithVersion<T extends ObjectLiteral & { version: number }>(
  m: EntityManager,
  entity: EntityTarget<T>,
  key: Partial<T>,
  expectedVersion: number,
  changes: Partial<T>,
  label: string,
): Promise<T> {
  const [[column, value]] = Object.entries(key);
  const result = await m
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => 'version + 1' })
    .where(`${column} = :value AND version = :version`, { value, version: expectedVersion })
    .execute();
  const locking = m.connection.driver.options.type !== 'better-sqlite3' && !!m.queryRunner?.isTransactionActive;
  const current = await m.getRepository(entity).findOne({ where: key, ...(locking ? { lock: { mode: 'pessimistic_read' as const } } : {}) });
  if (!current) throw notFound(label, String(value));
  if (!result.affected) throw staleVersion(`${label} ${String(value)}`, current.version, expectedVersion);
  return current;
}
