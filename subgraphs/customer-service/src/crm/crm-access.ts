import { Brackets } from 'typeorm';
import { Capability, hasCapability, readableSegments, restrictToSegments, Role, ScopePolicy, SegmentScope, Viewer } from '@group/shared';
import { assertCanWriteSegment } from '../scope';
import { scopeErrors as errors } from '../scope.errors';

/**
 * CRM settings (domain.md §5.2 proposals, configurable): see config/env.ts.
 * - staffReadScope (G-15): what BUSINESS_STAFF read of leads, opportunities,
 *   general actions and orders: OWN (default, the spec's recommendation: the
 *   records they own or are assigned, plus the unassigned leads of their
 *   segment) or SEGMENT (everything of their segment). Customers stay
 *   segment-wide for everyone (staff must find a customer to work on it).
 * - followUpExemptAfterDay (G-10): records created after this day of a month
 *   are exempt from that month's follow-up rule (default 20).
 */
export interface CrmSettings {
  staffReadScope: 'OWN' | 'SEGMENT';
  followUpExemptAfterDay: number;
}
export const DEFAULT_CRM_SETTINGS: CrmSettings = { staffReadScope: 'OWN', followUpExemptAfterDay: 20 };

export const isMarketingOperator = (viewer: Viewer) => hasCapability(viewer, Capability.MARKETING_OPERATOR);

/**
 * Segments whose marketing information (G-39: leads, customers,
 * opportunities, actions, orders) the viewer reads: the shared rule
 * (executives all, system administrators none, others their own), widened to
 * every segment for the group marketing department operator, who supervises
 * CRM use and allocates across segments (domain.md §3.1.2 last column, CS-R26, CS-R36).
 */
export function crmSegments(viewer: Viewer): SegmentScope {
  return isMarketingOperator(viewer) ? 'ALL' : readableSegments(viewer);
}

export function canReadCrmSegment(viewer: Viewer, segmentId: string): boolean {
  const s = crmSegments(viewer);
  return s === 'ALL' || s.includes(segmentId);
}

/** Whether the viewer is business staff restricted to their own records (G-15, OWN). */
export const ownRecordsOnly = (viewer: Viewer, settings: CrmSettings) => viewer.role === Role.BUSINESS_STAFF && settings.staffReadScope === 'OWN' && !isMarketingOperator(viewer);

/**
 * Describes how a CRM table is scoped: its segment column and, for business
 * staff under the OWN read scope, the columns that make a row "theirs".
 */
export interface CrmScopeSpec {
  /** Employee-id properties: the row is the viewer's when one of them is the viewer's employee. */
  ownerProperties: string[];
  /** Rows whose first owner property is NULL (unassigned leads) are visible too. */
  unassignedVisible?: boolean;
}

/**
 * The CRM read rule as a `ScopePolicy`: the CRM segments (`crmSegments`) and,
 * for business staff under the OWN read scope, only their own rows.
 */
export function crmPolicy(settings: CrmSettings, spec: CrmScopeSpec): ScopePolicy {
  return (viewer, qb, alias) => {
    restrictToSegments(qb, `${alias}.segmentId`, crmSegments(viewer));
    if (!ownRecordsOnly(viewer, settings)) return qb;
    const me = viewer.employeeId;
    return qb.andWhere(
      new Brackets((w) => {
        w.where('1 = 0');
        if (me) for (const p of spec.ownerProperties) w.orWhere(`${alias}.${p} = :__me`, { __me: me });
        if (spec.unassignedVisible) w.orWhere(`${alias}.${spec.ownerProperties[0]} IS NULL`);
      }),
    );
  };
}

/** Marketing information read segment-wide (customers, contacts): the CRM segments, no OWN restriction. */
export const byCrmSegments: ScopePolicy = (viewer, qb, alias) => restrictToSegments(qb, `${alias}.segmentId`, crmSegments(viewer));

/**
 * Create/update of CRM records (domain.md §3.1.2 row 3): segment heads and
 * business staff, in their own segment; everyone else FORBIDDEN (executives
 * read and assign only; administrators and the marketing department do no
 * business writes).
 */
export const assertCrmWriter = (viewer: Viewer, segmentId: string) => assertCanWriteSegment(viewer, segmentId);

/** Business staff edit (and promote) only their own records (§3.1.1, §3.1.2 "Promote opportunity stage: own"); heads any in their segment. */
export function assertCanEditOwned(viewer: Viewer, row: { segmentId: string; ownerId: string | null }, what: string): void {
  assertCrmWriter(viewer, row.segmentId);
  if (viewer.role === Role.BUSINESS_STAFF && (!viewer.employeeId || row.ownerId !== viewer.employeeId)) {
    throw errors.notRecordOwner(what);
  }
}

/** The one group-marketing-department action (CS-R36). */
export function assertMarketingOperator(viewer: Viewer): void {
  if (!isMarketingOperator(viewer)) throw errors.marketingOperatorOnly();
}
