import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Insert rows, or update the existing row with the same `conflictPaths` (the one way to upsert here).
 * MySQL/MariaDB: TypeORM's upsert writes `col = VALUES(col)`, deprecated since MySQL 8.0.20, and
 * MySQL's replacement (`AS new`) does not run on MariaDB; so the rows go in as a derived table,
 * read by name in the update, which both engines accept. SQLite: TypeORM's own `ON CONFLICT`.
 */
export async function upsertRows<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, rows: Partial<T>[], conflictPaths: (keyof T & string)[]): Promise<void> {
  if (rows.length === 0) return;
  if (m.connection.driver.options.type === 'better-sqlite3') {
    await m.upsert(entity, rows, { conflictPaths });
    return;
  }
  const meta = m.getRepository(entity).metadata;
  const columns = meta.columns.filter((c) => rows.some((r) => r[c.propertyName as keyof T] !== undefined));
  const names = columns.map((c) => `\`${c.databaseName}\``);
  const selects = rows.map((_, i) => `SELECT ${columns.map((c, j) => (i === 0 ? `? AS ${names[j]}` : '?')).join(', ')}`);
  const keys = new Set(conflictPaths.map((p) => meta.findColumnWithPropertyName(p)!.databaseName));
  const updates = columns.filter((c) => !keys.has(c.databaseName)).map((c) => `\`${c.databaseName}\` = d.\`${c.databaseName}\``);
  const params = rows.flatMap((r) => columns.map((c) => m.connection.driver.preparePersistentValue(r[c.propertyName as keyof T] ?? null, c)));
  await m.query(
    `INSERT INTO \`${meta.tableName}\` (${names.join(', ')}) SELECT * FROM (${selects.join(' UNION ALL ')}) AS d ` +
      (updates.length ? `ON DUPLICATE KEY UPDATE ${updates.join(', ')}` : `ON DUPLICATE KEY UPDATE ${names[0]} = \`${meta.tableName}\`.${names[0]}`),
    params,
  );
}
