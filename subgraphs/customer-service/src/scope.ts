import { Brackets, EntityManager } from 'typeorm';
import { Role, scopeOf, ScopePolicy, Viewer } from '@group/shared';
import { ServiceStaff } from './branches/service-branch.entity';
import { scopeErrors as errors } from './scope.errors';

/** Roles that create CRM business records (domain.md §3.1.2: segment heads and business staff, own segment only). */
const WRITER_ROLES = new Set<Role>([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);

/** FORBIDDEN/ROLE_FORBIDDEN for roles that never create business records (executives, administrators). */
export function assertWriterRole(viewer: Viewer): void {
  if (!WRITER_ROLES.has(viewer.role)) {
    throw errors.roleForbidden(viewer);
  }
}

/** The role check, then FORBIDDEN/SEGMENT_FORBIDDEN unless `segmentId` is one of the viewer's own segments. */
export function assertCanWriteSegment(viewer: Viewer, segmentId: string): void {
  assertWriterRole(viewer);
  if (!viewer.segmentIds.includes(segmentId)) {
    throw errors.segmentForbidden();
  }
}

/**
 * Complaint visibility (domain.md §3.1.3 plus G-06, as issue 4 asks):
 *   segment isolation as for every record (the complaint's segment is readable), OR
 *   the viewer is customer-service staff (service_staff) of the complaint's branch, OR
 *   the viewer is staff of the group Customer Service Center (service_staff.branch_id NULL): all complaints.
 * One condition inside the same statement (an EXISTS on service_staff), so no
 * extra query per request. Executives read everything; system administrators
 * only what a staff row grants (none by default). A `ScopePolicy`: used through
 * `scopeTo` and the complaints' `SegmentScopedReader`.
 */
export const byComplaintVisibility: ScopePolicy = (viewer, qb, alias) => {
  const segments = scopeOf(viewer);
  if (segments === 'ALL') return qb;
  return qb.andWhere(
    new Brackets((w) => {
      if (segments.length > 0) w.orWhere(`${alias}.segmentId IN (:...__segments)`, { __segments: [...segments] });
      else w.orWhere('1 = 0');
      if (viewer.employeeId) {
        w.orWhere(`EXISTS (SELECT 1 FROM service_staff ss WHERE ss.employee_id = :__staff AND (ss.branch_id IS NULL OR ss.branch_id = ${alias}.branchId))`, {
          __staff: viewer.employeeId,
        });
      }
    }),
  );
};

/**
 * Who may act on a complaint they can see: segment heads and business staff
 * of its segment (as for creation), or customer-service staff of its branch
 * or of the group centre (whatever their CRM role, except the non-writing
 * executive/administrator roles). FORBIDDEN/SEGMENT_FORBIDDEN otherwise.
 */
export async function assertCanHandleComplaint(m: EntityManager, viewer: Viewer, c: { segmentId: string; branchId: string | null }): Promise<void> {
  assertWriterRole(viewer);
  if (viewer.segmentIds.includes(c.segmentId)) return;
  const staff = viewer.employeeId ? await m.findOneBy(ServiceStaff, { employeeId: viewer.employeeId }) : null;
  if (staff && (staff.branchId === null || staff.branchId === c.branchId)) return;
  throw errors.complaintSegmentForbidden();
}
