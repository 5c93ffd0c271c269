import type { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/roles';
import { ConnectionShape, PageArgs, paginate, paginateByParent, SortSpec } from '../graphql/pagination';
import { restrictToSegments, scopeOf } from './segment-scope';
import { getManyPlain } from './hydrate';

/**
 * The read side of an aggregate that carries a `segmentId` (customers,
 * complaints, leads...): every read goes through `scoped(viewer)`, so lists,
 * lookups by id (and hence `_entities`) and nested connections all apply the
 * same segment-isolation rule. `applyFilter` adds the list's own filter.
 */
export class SegmentScopedReader<T extends ObjectLiteral & { id: string; segmentId: string }, F> {
  constructor(
    protected readonly repo: Repository<T>,
    private readonly applyFilter: (qb: SelectQueryBuilder<T>, alias: string, filter: F) => void,
    private readonly alias = 'x',
  ) {}

  /** A query builder already restricted to what the viewer may read; add conditions with `andWhere` only. */
  scoped(viewer: Viewer, alias = this.alias): SelectQueryBuilder<T> {
    return restrictToSegments(this.repo.createQueryBuilder(alias), `${alias}.segmentId`, scopeOf(viewer));
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
        restrictToSegments(qb, `${qb.alias}.segmentId`, scopeOf(viewer));
        this.applyFilter(qb, qb.alias, filter);
      },
    });
  }
}
