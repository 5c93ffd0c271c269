import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { forbidden, restrictToSegments, Role, scopeOf, Viewer } from '@group/shared';

/**
 * Segment isolation (domain.md §3.1.3), the ONE place this subgraph turns a
 * viewer into SQL. Every read path (lists, lookups by id, nested connections,
 * DataLoaders and therefore `_entities`) passes its query builder through here:
 * - GROUP_EXECUTIVE ('ALL')   -> no condition;
 * - no readable segment ([])  -> `1 = 0` (SYSTEM_ADMIN reads no business data);
 * - otherwise                 -> `<alias>.segmentId IN (:...segments)`.
 * `property` is the entity property holding the segment id.
 */
export function scopeToReadableSegments<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  viewer: Viewer,
  alias: string = qb.alias,
  property = 'segmentId',
): SelectQueryBuilder<T> {
  return restrictToSegments(qb, `${alias}.${property}`, scopeOf(viewer));
}

/** Roles that create CRM business records (domain.md §3.1.2: segment heads and business staff, own segment only). */
const WRITER_ROLES = new Set<Role>([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);

/** FORBIDDEN/ROLE_FORBIDDEN for roles that never create business records (executives, administrators). */
export function assertWriterRole(viewer: Viewer): void {
  if (!WRITER_ROLES.has(viewer.role)) {
    throw forbidden('ROLE_FORBIDDEN', `Role ${viewer.role} cannot create customer-service records`);
  }
}

/** The role check, then FORBIDDEN/SEGMENT_FORBIDDEN unless `segmentId` is one of the viewer's own segments. */
export function assertCanWriteSegment(viewer: Viewer, segmentId: string): void {
  assertWriterRole(viewer);
  if (!viewer.segmentIds.includes(segmentId)) {
    throw forbidden('SEGMENT_FORBIDDEN', 'You can only create records in your own segments');
  }
}
