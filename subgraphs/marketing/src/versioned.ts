import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { badInput, conflict, notFound } from '@group/shared';

/**
 * The optimistic-lock counterpart of shared `updateWithVersion` for deletes:
 * `DELETE ... WHERE id = ? AND version = ?`; nothing deleted means the row is
 * gone (NOT_FOUND) or changed since the client read it (CONFLICT STALE_VERSION).
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
  throw conflict('STALE_VERSION', `${label} ${id} was changed by someone else (now version ${current.version}, you sent ${expectedVersion}); re-read it and retry`, {
    currentVersion: current.version,
    sentVersion: expectedVersion,
  });
}

/**
 * The fields of a partial update that the client sent (undefined = leave as
 * is; null = clear). Fields in `required` cannot be cleared (BAD_USER_INPUT).
 */
export function changesOf<T extends object>(input: T, fields: readonly (keyof T)[], required: readonly (keyof T)[] = []): Partial<T> {
  const out: Partial<T> = {};
  for (const f of fields) {
    const v = input[f];
    if (v === undefined) continue;
    if (v === null && required.includes(f)) throw badInput('FIELD_REQUIRED', `${String(f)} cannot be cleared`, { field: String(f) });
    out[f] = v;
  }
  return out;
}
