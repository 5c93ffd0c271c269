import type { ObjectLiteral, Repository } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** Column types whose driver value is already the entity value (no transformer): copied as is. */
const PLAIN_TYPES = new Set<unknown>(['varchar', 'nvarchar', 'char', 'text', String]);

/**
 * Raw rows (`<alias>_<column>`) -> entities, converting only the values that
 * need it (dates, booleans, decimals...) with the driver's own conversion;
 * TypeORM's generic transformer costs several times more per row.
 */
export function rowHydrator<T>(repo: Repository<T & ObjectLiteral>, columns: readonly ColumnMetadata[], alias: string): (raw: Record<string, unknown>) => T {
  const driver = repo.manager.connection.driver;
  const fields = columns.map((col) => ({ key: `${alias}_${col.databaseName}`, property: col.propertyName, col, plain: !col.transformer && PLAIN_TYPES.has(col.type) }));
  return (raw) => {
    const entity = repo.create() as Record<string, unknown>;
    for (const f of fields) {
      const v = raw[f.key];
      entity[f.property] = v === undefined ? undefined : f.plain || (v === null && !f.col.transformer) ? v : driver.prepareHydratedValue(v, f.col);
    }
    return entity as T;
  };
}
