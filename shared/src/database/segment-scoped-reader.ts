import type { EntityManager, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/roles';
import { ConnectionShape, PageArgs, paginate, paginateByParent, SortSpec } from '../graphql/pagination';
import { bySegment, ScopePolicy } from './segment-scope';
import { getManyPlain } from './hydrate';

/**
 * The read side of an aggregate that carries a `segmentId` (customers,
 * complaints, leads...): every read goes through `scoped(viewer)`, so lists,
 * lookups by id (and hence `_entities`) and nested connections all apply the
 * same rule: `policy` (default: segment isolation; an aggregate with its own
 * visibility passes its policy, see `ScopePolicy`). `applyFilter` adds the
 * list's own filter.
 */
export class SegmentScopedReader<T extends ObjectLiteral & { id: string; segmentId: string }, F> {
  constructor(
    protected readonly repo: Repository<T>,
    private readonly applyFilter: (qb: SelectQueryBuilder<T>, alias: string, filter: F) => void,
    private readonly alias = 'x',
    protected readonly policy: ScopePolicy = bySegment,
  ) {}

  /**
   * A query builder already restricted to what the viewer may read; add
   * conditions with `andWhere` only. `m`: read inside that transaction.
   */
  scoped(viewer: Viewer, alias = this.alias, m?: EntityManager): SelectQueryBuilder<T> {
    const repo = m ? m.getRepository<T>(this.repo.target) : this.repo;
    return this.policy(viewer, repo.createQueryBuilder(alias), alias);
  }

  list(viewer: Viewer, filter: F, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<T>> {
    const qb = this.scoped(viewer);
    this.applyFilter(qb, this.alias, filter);
    return paginate(qb, page, sort);
  }

  /** Visible rows among `ids` (a DataLoader batch; invisible ids are simply absent). */
  byIds(viewer: Viewer, ids: readonly string[]): Promise<T[]> {
    return getManyPlain(this.scoped(viewer).andWhere(`${this.alias}.id IN (:...__ids)`, { __ids: [...ids] }));
  }

  /** A nested connection (children of many parents) in one statement, scoped and filtered. */
  pagesBy(parentProperty: keyof T & string, viewer: Viewer, parentIds: readonly string[], filter: F, page: PageArgs, sort: SortSpec, select?: readonly string[]) {
    return paginateByParent(this.repo, {
      parentProperty,
      parentIds,
      page,
      sort,
      select,
      scope: (qb) => {
        this.policy(viewer, qb, qb.alias);
        this.applyFilter(qb, qb.alias, filter);
      },
    });
  }
}
