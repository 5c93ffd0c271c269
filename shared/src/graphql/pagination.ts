import { ArgsType, ClassType, Directive, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Max, Min, MaxLength } from 'class-validator';
import { Brackets, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { graphqlErrors as errors } from './graphql.errors';
import { lazy } from './lazy';
import { rowHydrator } from '../database/hydrate';

/**
 * Relay-style, keyset-based (never OFFSET) pagination. A cursor is the opaque
 * base64url of [sort value, id]; the next page continues strictly after that
 * pair, so a deep page costs the same index seek as the first one.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Shared by every subgraph's connections, hence @shareable (identical everywhere). */
@ObjectType({ description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to fetch the next page.' })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Opaque cursor from a previous page.' })
  @MaxLength(512)
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Awaited only when the client selects `totalCount`. */
  totalCount: PromiseLike<number> | number;
}

/** Builds the `XConnection` / `XEdge` object types for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string = node.name, opts: { shareable?: boolean } = {}): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, over all pages.' })
    totalCount: number;
  }
  // A connection every subgraph defines identically (the audit log's) is @shareable, like PageInfo.
  if (opts.shareable) for (const t of [EdgeType, ConnectionType]) Directive('@shareable')(t);
  return ConnectionType;
}

export type Direction = 'ASC' | 'DESC';

/** Sort key of a list: an entity property, always tie-broken by `id` in the same direction. */
export interface SortSpec {
  property: string;
  direction: Direction;
}

type CursorValue = string | number | boolean | null | { d: number };

export function encodeCursor(value: unknown, id: string): string {
  const v: CursorValue = value instanceof Date ? { d: value.getTime() } : (value as CursorValue);
  return Buffer.from(JSON.stringify([v, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [unknown, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') {
      const v = parsed[0];
      return [v && typeof v === 'object' && typeof v.d === 'number' ? new Date(v.d) : v, parsed[1]];
    }
  } catch {
    /* fall through */
  }
  throw errors.invalidCursor();
}

function sortColumn(qb: SelectQueryBuilder<ObjectLiteral>, property: string): ColumnMetadata {
  const col = qb.expressionMap.mainAlias!.metadata.findColumnWithPropertyName(property);
  if (!col) throw new Error(`unknown sort property ${property}`);
  return col;
}

/** Adds "strictly after (value, id)" to a query sorted by `sort`. */
function applyKeyset(qb: SelectQueryBuilder<ObjectLiteral>, alias: string, sort: SortSpec, after: string | null | undefined) {
  if (!after) return;
  const [value, id] = decodeCursor(after);
  const op = sort.direction === 'ASC' ? '>' : '<';
  if (sort.property === 'id') {
    qb.andWhere(`${alias}.id ${op} :__afterId`, { __afterId: id });
    return;
  }
  const col = sortColumn(qb, sort.property);
  const param = qb.connection.driver.preparePersistentValue(value, col);
  const p = `${alias}.${sort.property}`;
  // "(p, id) strictly after (v, id0)" written as `p <= v AND (p < v OR id < id0)` (DESC; >= and > for ASC):
  // the leading range on p lets SQLite plan one ordered index range instead of a multi-index OR and a sort.
  qb.andWhere(`${p} ${op}= :__afterValue`, { __afterValue: param }).andWhere(
    new Brackets((w) => {
      w.where(`${p} ${op} :__afterValue`).orWhere(`${alias}.id ${op} :__afterId`, { __afterId: id });
    }),
  );
}

function toConnection<T extends { id: string }>(rows: T[], first: number, sort: SortSpec, totalCount: PromiseLike<number> | number): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const cursorOf = (node: T) => encodeCursor((node as Record<string, unknown>)[sort.property], node.id);
  // Cursors are encoded only when read (a nested report rarely selects them): getters, not values.
  const edges = page.map((node) => ({
    node,
    get cursor() {
      return cursorOf(node);
    },
  }));
  const last = page[page.length - 1];
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      get endCursor() {
        return last ? cursorOf(last) : null;
      },
    },
    totalCount,
  };
}

/**
 * One page of a top-level list. `qb` already carries scope and filters; this
 * adds keyset, ordering and limit: one SQL statement (+1 COUNT if selected).
 */
export async function paginate<T extends { id: string }>(qb: SelectQueryBuilder<T>, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<T>> {
  const alias = qb.alias;
  const countQb = qb.clone();
  applyKeyset(qb, alias, sort, page.after);
  if (sort.property !== 'id') qb.addOrderBy(`${alias}.${sort.property}`, sort.direction);
  qb.addOrderBy(`${alias}.id`, sort.direction).limit(page.first + 1);
  const rows = await qb.getMany();
  return toConnection(
    rows,
    page.first,
    sort,
    lazy(() => countQb.getCount()),
  );
}

/**
 * The same page for many parents at once (a nested list under a list), in ONE
 * statement: ROW_NUMBER() OVER (PARTITION BY parent) picks each parent's first
 * N+1 rows (MySQL 8, MariaDB 10.2+ and SQLite 3.25+ all have window functions).
 * `scope` adds the caller's visibility and filter conditions to the inner query.
 */
export async function paginateByParent<T extends { id: string }>(
  repo: Repository<T>,
  opts: {
    parentProperty: string;
    parentIds: readonly string[];
    page: PageArgs;
    sort: SortSpec;
    scope?: (qb: SelectQueryBuilder<T>) => void;
    /** Entity properties to read (see projection.ts); all columns when absent. */
    select?: readonly string[];
  },
): Promise<Map<string, ConnectionShape<T>>> {
  const { parentProperty, parentIds, page, sort } = opts;
  const result = new Map<string, ConnectionShape<T>>();
  if (parentIds.length === 0) return result;
  const alias = 'e';
  const metadata = repo.metadata;
  const parentCol = metadata.findColumnWithPropertyName(parentProperty)!;
  const base = () => {
    const qb = repo.createQueryBuilder(alias).where(`${alias}.${parentProperty} IN (:...__parents)`, { __parents: [...parentIds] });
    opts.scope?.(qb);
    return qb;
  };

  const inner = base();
  const columns = opts.select ? [...new Set(['id', parentProperty, sort.property, ...opts.select])].map((p) => metadata.findColumnWithPropertyName(p)!) : metadata.columns;
  if (opts.select) inner.select(columns.map((c) => `${alias}.${c.propertyName}`));
  applyKeyset(inner, alias, sort, page.after);
  const esc = (name: string) => repo.manager.connection.driver.escape(name);
  const sortCol = sort.property === 'id' ? metadata.primaryColumns[0] : metadata.findColumnWithPropertyName(sort.property)!;
  const idCol = metadata.primaryColumns[0];
  inner.addSelect(
    `ROW_NUMBER() OVER (PARTITION BY ${alias}.${esc(parentCol.databaseName)} ORDER BY ${alias}.${esc(sortCol.databaseName)} ${sort.direction}, ${alias}.${esc(idCol.databaseName)} ${sort.direction})`,
    '__rn',
  );
  const raws: Record<string, unknown>[] = await repo.manager
    .createQueryBuilder()
    .select('*')
    .from(`(${inner.getQuery()})`, 't')
    .where('t.__rn <= :__limit', { __limit: page.first + 1 })
    .orderBy('t.__rn', 'ASC')
    .setParameters(inner.getParameters())
    .setParameter('__limit', page.first + 1)
    .getRawMany();

  const hydrate = rowHydrator(repo, columns, alias);
  const byParent = new Map<string, T[]>();
  for (const raw of raws) {
    const entity = hydrate(raw);
    const pid = String((entity as Record<string, unknown>)[parentProperty]);
    let list = byParent.get(pid);
    if (!list) byParent.set(pid, (list = []));
    list.push(entity);
  }

  // One grouped COUNT for the whole batch, only if some parent's totalCount is selected.
  const counts = lazy(async () => {
    const rows: { pid: string; n: string | number }[] = await base()
      .select(`${alias}.${parentProperty}`, 'pid')
      .addSelect('COUNT(*)', 'n')
      .groupBy(`${alias}.${parentProperty}`)
      .getRawMany();
    return new Map(rows.map((r) => [String(r.pid), Number(r.n)]));
  });
  for (const pid of parentIds) {
    result.set(
      pid,
      toConnection(
        byParent.get(pid) ?? [],
        page.first,
        sort,
        lazy(async () => (await counts).get(pid) ?? 0),
      ),
    );
  }
  return result;
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

export interface OrderShape {
  field: string;
  direction: OrderDirection;
}

/** Builds the `XOrder` input ({ field, direction }) of a list; `fieldEnum` maps GraphQL names to entity properties. */
export function OrderByInput(name: string, fieldEnum: object): ClassType<OrderShape> {
  @InputType(`${name}Order`)
  class OrderInput {
    @Field(() => fieldEnum)
    field: string;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
    direction: OrderDirection = OrderDirection.ASC;
  }
  return OrderInput;
}

export const sortOf = (order: OrderShape | null | undefined, fallback: SortSpec): SortSpec => (order ? { property: order.field, direction: order.direction } : fallback);

/**
 * Field complexity of a connection: its page size times the cost of one
 * node, so a cost limit can stop "huge lists of huge lists".
 */
export const pageComplexity = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }): number =>
  1 + (typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE) * Math.max(1, childComplexity);
