import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { conflict, notFound } from '@group/shared';

/**
 * `updateWithVersion` for configuration rows keyed by something other than `id`
 * (an SLA policy by severity, an assessment weight by indicator): the row changes
 * only if it is still at `expectedVersion` (one atomic UPDATE ... WHERE key AND
 * version), else CONFLICT STALE_VERSION with the current version.
 */
export async function updateConfigWithVersion<T extends ObjectLiteral & { version: number }>(
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
  if (!result.affected) {
    throw conflict('STALE_VERSION', `${label} ${String(value)} was changed by someone else (now version ${current.version}, you sent ${expectedVersion}); re-read it and retry`, {
      currentVersion: current.version,
      sentVersion: expectedVersion,
    });
  }
  return current;
}
