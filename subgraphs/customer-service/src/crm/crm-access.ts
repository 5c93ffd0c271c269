import { Brackets, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import {
  Capability,
  ConnectionShape,
  forbidden,
  getManyPlain,
  hasCapability,
  PageArgs,
  paginate,
  paginateByParent,
  readableSegments,
  restrictToSegments,
  Role,
  SegmentScope,
  SortSpec,
  Viewer,
} from '@group/shared';
import { assertCanWriteSegment } from '../scope';

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

export function scopeCrm<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, viewer: Viewer, settings: CrmSettings, spec: CrmScopeSpec, alias = qb.alias): SelectQueryBuilder<T> {
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
}

/** Whether one loaded row is readable (for `_entities` re-checks and single-row paths). */
export function canReadCrmRow(viewer: Viewer, settings: CrmSettings, spec: CrmScopeSpec, row: ObjectLiteral & { segmentId: string }): boolean {
  if (!canReadCrmSegment(viewer, row.segmentId)) return false;
  if (!ownRecordsOnly(viewer, settings)) return true;
  const owners = spec.ownerProperties.map((p) => row[p] as string | null);
  return (!!viewer.employeeId && owners.includes(viewer.employeeId)) || (!!spec.unassignedVisible && owners[0] === null);
}

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
    throw forbidden('NOT_RECORD_OWNER', `Business staff can only change their own ${what}`);
  }
}

/** The one group-marketing-department action (CS-R36). */
export function assertMarketingOperator(viewer: Viewer): void {
  if (!isMarketingOperator(viewer)) throw forbidden('MARKETING_OPERATOR_ONLY', 'Only the group marketing department can move a record to another segment (CS-R36)');
}

/**
 * Read side of a CRM aggregate: lists, lookups by id (and so `_entities`)
 * and nested connections, all through `scopeCrm`.
 */
export class CrmReader<T extends ObjectLiteral & { id: string; segmentId: string }, F> {
  constructor(
    protected readonly repo: Repository<T>,
    protected readonly settings: CrmSettings,
    readonly spec: CrmScopeSpec,
    private readonly applyFilter: (qb: SelectQueryBuilder<T>, alias: string, filter: F) => void,
    private readonly alias = 'x',
  ) {}

  scoped(viewer: Viewer, alias = this.alias): SelectQueryBuilder<T> {
    return scopeCrm(this.repo.createQueryBuilder(alias), viewer, this.settings, this.spec, alias);
  }

  canRead(viewer: Viewer, row: T): boolean {
    return canReadCrmRow(viewer, this.settings, this.spec, row);
  }

  list(viewer: Viewer, filter: F, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<T>> {
    const qb = this.scoped(viewer);
    this.applyFilter(qb, this.alias, filter);
    return paginate(qb, page, sort);
  }

  byIds(viewer: Viewer, ids: readonly string[]): Promise<T[]> {
    return getManyPlain(this.scoped(viewer).andWhere(`${this.alias}.id IN (:...__ids)`, { __ids: [...ids] }));
  }

  pagesBy(parentProperty: keyof T & string, viewer: Viewer, parentIds: readonly string[], filter: F, page: PageArgs, sort: SortSpec) {
    return paginateByParent(this.repo, {
      parentProperty,
      parentIds,
      page,
      sort,
      scope: (qb) => {
        scopeCrm(qb, viewer, this.settings, this.spec, qb.alias);
        this.applyFilter(qb, qb.alias, filter);
      },
    });
  }
}
