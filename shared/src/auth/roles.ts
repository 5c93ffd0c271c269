/**
 * The five CRM roles of the source documents (domain.md §3.1.1). The source's
 * "group management" (集团管理层) is GROUP_EXECUTIVE here.
 */
export enum Role {
  GROUP_EXECUTIVE = 'GROUP_EXECUTIVE',
  SEGMENT_HEAD = 'SEGMENT_HEAD',
  BUSINESS_STAFF = 'BUSINESS_STAFF',
  SEGMENT_ADMIN = 'SEGMENT_ADMIN',
  SYSTEM_ADMIN = 'SYSTEM_ADMIN',
}

export const ALL_ROLES = Object.values(Role);

/** Who is asking. Built from a verified token; never from client-supplied ids. */
export interface Viewer {
  accountId: string;
  employeeId: string | null;
  role: Role;
  /** Segments the account belongs to. Ignored for roles that see every segment. */
  segmentIds: string[];
}

/** Roles that read business data of every segment (domain.md §3.1.3 rule 4). */
const ALL_SEGMENT_READERS = new Set<Role>([Role.GROUP_EXECUTIVE]);

/**
 * The one segment-isolation rule (domain.md §3.1.3): returns `'ALL'` when the
 * viewer may read every segment, otherwise the list of segment ids it may read
 * (possibly empty: SYSTEM_ADMIN reads no business data by default).
 */
export function readableSegments(viewer: Viewer): 'ALL' | string[] {
  if (ALL_SEGMENT_READERS.has(viewer.role)) return 'ALL';
  if (viewer.role === Role.SYSTEM_ADMIN) return [];
  return viewer.segmentIds;
}

export function canReadSegment(viewer: Viewer, segmentId: string): boolean {
  const scope = readableSegments(viewer);
  return scope === 'ALL' || scope.includes(segmentId);
}
