import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { readableSegments, Viewer } from '../auth/roles';
import { signToken } from '../auth/tokens';
import type { AuthConfig } from '../config/env';
import { notFound } from '../errors';
import { databaseErrors } from './database.errors';

/**
 * Applies the segment-isolation rule (domain.md §3.1.3) to a query: adds
 * "`column` is one of the viewer's readable segments"; `1 = 0` when none is;
 * nothing for viewers who read every segment. Every read of segment-scoped
 * data goes through this, in every subgraph.
 */
export type SegmentScope = 'ALL' | readonly string[];

export const scopeOf = (viewer: Viewer): SegmentScope => readableSegments(viewer);

export function restrictToSegments<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, column: string, scope: SegmentScope): SelectQueryBuilder<T> {
  if (scope === 'ALL') return qb;
  if (scope.length === 0) return qb.andWhere('1 = 0');
  return qb.andWhere(`${column} IN (:...__segments)`, { __segments: [...scope] });
}

/**
 * Who reads which rows of a table: adds the viewer's condition to `qb` (rows
 * aliased `alias`). `bySegment` is the default; a subgraph with a wider or
 * narrower rule for an aggregate (CRM records of the marketing department or
 * of business staff under OWN, complaints seen through a branch) writes its
 * own policy, built on `restrictToSegments`, and passes it to `scopeTo` and
 * `SegmentScopedReader`: the ONE way a read is scoped, viewer first.
 */
export type ScopePolicy = <T extends ObjectLiteral>(viewer: Viewer, qb: SelectQueryBuilder<T>, alias: string) => SelectQueryBuilder<T>;

/** The segment-isolation rule on `<alias>.segmentId`. */
export const bySegment: ScopePolicy = (viewer, qb, alias) => restrictToSegments(qb, `${alias}.segmentId`, scopeOf(viewer));

/** `qb` restricted to what `viewer` may read under `policy` (default: segment isolation). */
export function scopeTo<T extends ObjectLiteral>(viewer: Viewer, qb: SelectQueryBuilder<T>, policy: ScopePolicy = bySegment, alias: string = qb.alias): SelectQueryBuilder<T> {
  return policy(viewer, qb, alias);
}

/**
 * The parent record of a write that attaches something to it (a contact to a
 * customer, a member to a group, a competitor to an opportunity...), or
 * NOT_FOUND when the viewer may not see it: the same answer as for a record
 * that does not exist. Every such write calls this (or `RemoteParents.visible`
 * for a parent another subgraph owns) FIRST, inside its transaction and before
 * any uniqueness or state check, so it can neither land in another segment nor
 * reveal what is there (a CONFLICT "already linked" would).
 *
 * Inside a transaction on MySQL/MariaDB the parent is read with `FOR UPDATE`
 * and stays locked until commit: writes that restructure it (a merge deleting
 * it, an allocation moving it and its records to another segment) lock it too,
 * so they run before this write (which then finds it gone: NOT_FOUND) or after
 * it (and take the new record along). As for `lockForUpdate`: call it before
 * any plain read of the transaction.
 */
export async function visibleParentOrNotFound<T extends ObjectLiteral & { segmentId: string }>(
  m: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  scope: SegmentScope,
  /** `key`: the parent's id property (default `id`); `name`: the record as the client knows it (NOT_FOUND <NAME>_NOT_FOUND). */
  opts: { key?: string; name?: string } = {},
): Promise<T> {
  const repo = m.getRepository(entity);
  const qb = restrictToSegments(repo.createQueryBuilder('parent'), 'parent.segmentId', scope).andWhere(`parent.${opts.key ?? 'id'} = :__parentId`, { __parentId: id });
  if (m.connection.driver.options.type !== 'better-sqlite3' && m.queryRunner?.isTransactionActive) qb.setLock('pessimistic_write');
  const row = await qb.getOne();
  if (!row) throw notFound(opts.name ?? repo.metadata.name, id);
  return row;
}

/**
 * Parents owned by another subgraph (marketing's competitor links hang off
 * customer-service opportunities): that subgraph is the authority on whether
 * the viewer sees the record and in which segment it is. Asked over HTTP as the
 * viewer (a short-lived token with the viewer's own claims), through
 * `_entities`, whose reference resolvers apply the same visibility as its
 * queries. Unreachable: UNAVAILABLE (retryable), never "allowed".
 */
export interface ParentDirectory {
  /** The segment of `typename` `id` as `viewer` sees it, or NOT_FOUND. */
  visible(viewer: Viewer, typename: string, id: string): Promise<{ segmentId: string }>;
}

export class RemoteParents implements ParentDirectory {
  constructor(
    private readonly auth: AuthConfig,
    private readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  /** The type must expose `segment { id }`. */
  async visible(viewer: Viewer, typename: string, id: string): Promise<{ segmentId: string }> {
    const { token } = await signToken({ ...this.auth, tokenTtlSeconds: 60 }, viewer);
    let body: { data?: { _entities?: ({ segment?: { id?: string } } | null)[] }; errors?: unknown[] };
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { segment { id } } } }`,
          variables: { r: [{ __typename: typename, id }] },
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await res.json()) as typeof body;
      if (!res.ok || body.errors?.length) throw new Error(`HTTP ${res.status}`);
    } catch {
      throw databaseErrors.parentCheckUnavailable(typename, id);
    }
    const segmentId = body.data?._entities?.[0]?.segment?.id;
    if (!segmentId) throw notFound(typename, id);
    return { segmentId };
  }
}
