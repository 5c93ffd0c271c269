import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { readableSegments, Viewer } from '../auth/roles';

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
