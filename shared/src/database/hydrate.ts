import type { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
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

const hydrators = new WeakMap<object, Map<string, (raw: Record<string, unknown>) => unknown>>();

/**
 * `qb.getMany()` for a query over one entity of plain columns (no relations, no joins, the
 * default selection), hydrated with `rowHydrator`: the loaders by id read hundreds of rows a request.
 * Like `paginateByParent`, it runs no `@AfterLoad` listeners (the entities here have none).
 */
export async function getManyPlain<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<T[]> {
  const metadata = qb.expressionMap.mainAlias!.metadata;
  const alias = qb.alias;
  let byAlias = hydrators.get(metadata);
  if (!byAlias) hydrators.set(metadata, (byAlias = new Map()));
  let hydrate = byAlias.get(alias) as ((raw: Record<string, unknown>) => T) | undefined;
  if (!hydrate) byAlias.set(alias, (hydrate = rowHydrator(qb.connection.getRepository<T>(metadata.target), metadata.columns, alias)));
  return (await qb.getRawMany()).map(hydrate);
}
