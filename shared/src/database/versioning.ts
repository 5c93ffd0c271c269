import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { notFound } from '../errors';
import { staleVersion } from './mutations';
import { currentAuditScope } from '../audit/audit-scope';
import { recordChange } from '../audit/audit.subscriber';

/**
 * Optimistic concurrency for every update of an aggregate: the client sends
 * the `version` it read; the row changes only if that is still the version
 * (`UPDATE ... WHERE id = ? AND version = ?`, atomic on every database), and
 * the version goes up by one. A stale update is refused with CONFLICT /
 * STALE_VERSION, telling the client the current version and which fields
 * differ from what it tried to write, so it can re-read and retry.
 * Call it inside `inTransaction` when the change spans several rows.
 */
export async function updateWithVersion<T extends ObjectLiteral & { id: string; version: number }>(
  m: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  changes: Partial<T>,
  label = m.getRepository(entity).metadata.name,
): Promise<T> {
  // Inside an audited request the row before the change goes to the audit log (one extra read per update).
  const audit = currentAuditScope();
  const before = audit ? await m.getRepository(entity).findOne({ where: { id } as never }) : null;
  const result = await m
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => 'version + 1' })
    .where('id = :id AND version = :version', { id, version: expectedVersion })
    .callListeners(false)
    .execute();
  // A locking read sees the latest committed row; a plain read inside a MySQL/MariaDB transaction would
  // see the transaction's older snapshot and report a stale "current" version.
  const locking = m.connection.driver.options.type !== 'better-sqlite3' && !!m.queryRunner?.isTransactionActive;
  const current = await m.getRepository(entity).findOne({ where: { id } as never, ...(locking ? { lock: { mode: 'pessimistic_read' as const } } : {}) });
  if (!current) throw notFound(label, id);
  if (!result.affected) {
    const changed = Object.keys(changes).filter((k) => String((current as ObjectLiteral)[k]) !== String((changes as ObjectLiteral)[k]));
    throw staleVersion(`${label} ${id}`, current.version, expectedVersion, { fieldsThatDiffer: changed });
  }
  if (audit) await recordChange(m, audit, { entity: m.getRepository(entity).metadata.tableName, entityId: id, action: 'UPDATE', before, after: current });
  return current;
}
