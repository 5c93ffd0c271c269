import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Multi-row INSERT of entity objects with plain `?` placeholders, for the
 * large-dataset generator: the column list and value conversion come from the
 * entity's metadata (column names, date/boolean encoding of the driver), but
 * the statement is built once per chunk, several times faster than the query
 * builder for millions of rows. Same chunking rule as `insertRows`.
 */
export async function insertEntities<E extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<E>, rows: readonly E[]): Promise<void> {
  if (!rows.length) return;
  const meta = m.connection.getMetadata(entity);
  const driver = m.connection.driver;
  const columns = meta.columns.filter((c) => !c.isVirtual && !(c.isGenerated && c.generationStrategy === 'increment'));
  const perStatement = Math.max(1, Math.min(1000, Math.floor(30_000 / columns.length)));
  const head = `INSERT INTO ${driver.escape(meta.tablePath)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const params: unknown[] = [];
    for (const row of part) {
      for (const c of columns) {
        let v = c.getEntityValue(row);
        if (v === undefined) v = c.isVersion ? 1 : null;
        if (c.transformer && !Array.isArray(c.transformer)) v = c.transformer.to(v);
        params.push(driver.preparePersistentValue(v, c));
      }
    }
    await m.query(head + part.map(() => tuple).join(', '), params);
  }
}
