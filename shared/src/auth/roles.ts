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
  /**
   * Capabilities on top of the role, decided by organization at sign-in and
   * carried in the token (claim `cap`), so other subgraphs need not read
   * organization's data to know them.
   */
  capabilities?: readonly Capability[];
  /**
   * When the token this viewer signed in with was issued, epoch milliseconds (our tokens' `iat_ms`;
   * `iat * 1000` for a token known to the second only); absent for a viewer not made from a token.
   * Work done later on the viewer's behalf (a bulk job's pages) is dated from it, so it has exactly
   * the token's standing against revocations.
   */
  issuedAtMs?: number;
  /**
   * Set only in the short-lived tokens the bulk subgraph mints for a bulk operation's pages (claim
   * `bulk`, never in a sign-in token nor read from an outside issuer's): such a request may cost up
   * to the bulk limit (`OperationLimits.bulkMaxCost`) instead of the per-request one; the operation
   * as a whole is bounded by the bulk subgraph's object budget.
   */
  bulkOperationId?: string;
}

/**
 * The group marketing department operator (集团营销部, domain.md §3.1.2 last
 * column) is not a sixth role: it is a member of the group company's
 * marketing department, with the role its account has. Organization knows
 * who that is; everyone else reads this capability from the token.
 */
export enum Capability {
  MARKETING_OPERATOR = 'MARKETING_OPERATOR',
  /** A job of another subgraph (e.g. customer-service's indicator publisher), signed with the key ring; never a person. */
  SYSTEM_INTEGRATION = 'SYSTEM_INTEGRATION',
}
const ALL_CAPABILITIES = new Set<string>(Object.values(Capability));

export function hasCapability(viewer: Viewer, capability: Capability): boolean {
  return viewer.capabilities?.includes(capability) ?? false;
}

/** Keeps only known capabilities from an untrusted claim. */
export function capabilitiesFrom(claim: unknown): Capability[] {
  return Array.isArray(claim) ? claim.filter((c): c is Capability => typeof c === 'string' && ALL_CAPABILITIES.has(c)) : [];
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
