import { DataSource, EntityManager, In } from 'typeorm';
import { Capability, Clock, hasCapability, inTransaction, Role, systemClock, upsertRows, Viewer, wholeSeconds } from '@group/shared';
import { CustomerIndicator } from './customer-indicator.entity';
import { INDICATOR_CODES } from './indicator-catalogue';
import { indicatorErrors as errors } from './indicator.errors';
import { CustomerProfile } from '../customer-profiles/customer-profile.entity';
import { TagAssignment, TagAssignmentHistory } from '../tag-assignments/tag-assignment.entity';
import { GroupCustomer, GroupMember, ProductHolding } from '../group-customers/group-customer.entity';
import { CustomerManagerAssignment } from '../grids/grid.entity';
import { ChurnEvent } from '../tiers/churn-event.entity';
import { bumpSegmentCustomers, lockAll, trackCustomers } from '../tag-assignments/tag-coverage-summary';
import { appliedCustomerVersions, deletedCustomers } from '../customer-profiles/applied-customers';

export interface IndicatorObservation {
  customerId: string;
  code: string;
  value: number;
  asOf: Date;
}

export interface CustomerSegmentRecord {
  customerId: string;
  segmentId: string;
  /** The customer's version in customer-service; null/absent = unknown (always applied). */
  version?: number | null;
}

/**
 * Ingestion of data owned by other subgraphs (see indicator-catalogue.ts for
 * the cross-subgraph design). Only an integration job may write: a
 * SYSTEM_ADMIN token carrying the SYSTEM_INTEGRATION capability (a person's
 * SYSTEM_ADMIN account may not). Both operations are idempotent upserts, so a
 * producer may resend.
 */
const isIntegration = (v: Viewer) => v.role === Role.SYSTEM_ADMIN && hasCapability(v, Capability.SYSTEM_INTEGRATION);
export const MAX_BATCH = 1000;
/** Producers' clocks may run slightly ahead. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

export class CustomerIndicatorService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Upserts observations keyed by (customer, code, asOf): resending the same
   * batch leaves the table unchanged. Unknown indicator codes, future asOf
   * and non-finite values refuse the whole batch (BAD_USER_INPUT).
   */
  async record(viewer: Viewer, source: string, observations: IndicatorObservation[]): Promise<number> {
    if (!isIntegration(viewer)) throw errors.ingestionForbidden();
    if (observations.length > MAX_BATCH) throw errors.observationBatchTooLarge(MAX_BATCH);
    const now = this.clock();
    const rows = observations.map((o, i) => {
      if (!INDICATOR_CODES.has(o.code)) throw errors.unknownIndicator(i, o);
      if (!Number.isFinite(o.value)) throw errors.valueInvalid(i);
      if (o.asOf.getTime() > now.getTime() + FUTURE_SKEW_MS) throw errors.asOfInFuture(i);
      return { customerId: o.customerId, code: o.code, asOf: wholeSeconds(o.asOf), value: String(o.value), source, recordedAt: now };
    });
    // The same key twice in one batch: the last one wins (upsert cannot touch one row twice on every driver).
    const byKey = new Map(rows.map((r) => [`${r.customerId}|${r.code}|${r.asOf.getTime()}`, r]));
    const unique = [...byKey.values()];
    await inTransaction(this.ds, (m) => storeIndicators(m, unique));
    return unique.length;
  }

  /**
   * Upserts marketing's customer -> segment projection. When a customer moved
   * to another segment (a cross-segment allocation in customer-service), the
   * denormalised segment of all its marketing data (assignments and their
   * history, manager assignments, churn events, group-customer record with
   * members and products) moves with it, so it keeps following the customer's
   * visibility (domain.md §3.1.3 rule 6); its grid placement is cleared (grids
   * belong to a segment). A handful of UPDATEs per target segment.
   */
  async recordSegments(viewer: Viewer, records: CustomerSegmentRecord[]): Promise<number> {
    if (!isIntegration(viewer)) throw errors.segmentIngestionForbidden();
    if (records.length > MAX_BATCH) throw errors.segmentBatchTooLarge(MAX_BATCH);
    const now = this.clock();
    if (records.length === 0) return 0;
    return inTransaction(this.ds, (m) => projectCustomerSegments(m, records, now));
  }
}

/**
 * Upserts indicator rows by (customer, code, asOf), inside the caller's transaction: the repair
 * run's `record` and the CustomerIndicatorsChanged consumer (indicator-events.consumer.ts). Rows of
 * a customer marketing knows is deleted (merged away) are dropped: a repair run that read before
 * the merge, or an event emitted before it, must not bring its indicators back.
 */
export async function storeIndicators(m: EntityManager, rows: CustomerIndicator[]): Promise<void> {
  const gone = await deletedCustomers(
    m,
    rows.map((r) => r.customerId),
  );
  const kept = gone.size ? rows.filter((r) => !gone.has(r.customerId)) : rows;
  for (let i = 0; i < kept.length; i += 200) await upsertRows(m, CustomerIndicator, kept.slice(i, i + 200), ['customerId', 'code', 'asOf']);
}

/**
 * The body of `recordSegments`, inside the caller's transaction: also run by the
 * customer event consumer (customer-events.consumer.ts) for each CustomerCreated /
 * CustomerUpdated. Returns how many customers were new or moved.
 */
export async function projectCustomerSegments(m: EntityManager, records: CustomerSegmentRecord[], now: Date): Promise<number> {
  const latestRecord = new Map(records.map((r) => [r.customerId, r]));
  if (latestRecord.size === 0) return 0;
  // Moving customers moves their tag coverage between segments: lock the summary first.
  await lockAll(m);
  const known = await m.findBy(CustomerProfile, { customerId: In([...latestRecord.keys()]) });
  const current = new Map(known.map((p) => [p.customerId, p.segmentId]));
  // The version applied from events counts too: a deleted (merged) customer has no profile left, and a repair
  // run that read it before the deletion sends an older version than its CustomerDeleted, so it is not recreated.
  const applied = await appliedCustomerVersions(m, [...latestRecord.keys()]);
  const knownVersion = new Map([...latestRecord.keys()].map((id) => [id, applied.get(id) ?? 0]));
  for (const p of known) knownVersion.set(p.customerId, Math.max(p.customerVersion ?? 0, knownVersion.get(p.customerId)!));
  // An older version than the one recorded is a late message (a repair run that read before a move): ignored.
  const fresh = [...latestRecord.values()].filter((r) => r.version == null || (knownVersion.get(r.customerId) ?? 0) < r.version);
  const latest = new Map(fresh.map((r) => [r.customerId, r.segmentId]));
  const version = (id: string) => latestRecord.get(id)?.version ?? knownVersion.get(id) ?? null;
  // Same segment, newer version: only the version moves.
  for (const r of fresh)
    if (current.get(r.customerId) === r.segmentId && r.version != null) await m.update(CustomerProfile, { customerId: r.customerId }, { customerVersion: r.version });
  const changed = [...latest].filter(([id, seg]) => current.get(id) !== seg);
  if (changed.length === 0) return 0;
  for (let i = 0; i < changed.length; i += 200) {
    await upsertRows(
      m,
      CustomerProfile,
      changed.slice(i, i + 200).map(([customerId, segmentId]) => ({ customerId, segmentId, updatedAt: now, gridId: null, customerVersion: version(customerId) })),
      ['customerId'],
    );
  }
  // Customers known per segment (the coverage denominator): new ones count in, moved ones move.
  const counts = new Map<string, number>();
  for (const [id, seg] of changed) {
    counts.set(seg, (counts.get(seg) ?? 0) + 1);
    const from = current.get(id);
    if (from !== undefined) counts.set(from, (counts.get(from) ?? 0) - 1);
  }
  await bumpSegmentCustomers(
    m,
    [...counts].map(([segmentId, customers]) => ({ segmentId, customers })),
  );
  const bySegment = new Map<string, string[]>();
  for (const [id, seg] of changed) if (current.has(id)) bySegment.set(seg, [...(bySegment.get(seg) ?? []), id]);
  const moved = [...bySegment.values()].flat();
  if (moved.length)
    await trackCustomers(m, moved, null, async () => {
      for (const [segmentId, ids] of bySegment) await m.update(TagAssignment, { customerId: In(ids) }, { segmentId });
    });
  for (const [segmentId, ids] of bySegment) {
    await m.update(TagAssignmentHistory, { customerId: In(ids) }, { segmentId });
    await m.update(CustomerManagerAssignment, { customerId: In(ids) }, { segmentId });
    await m.update(ChurnEvent, { customerId: In(ids) }, { segmentId });
    const groups = await m.findBy(GroupCustomer, { customerId: In(ids) });
    if (groups.length) {
      const groupIds = groups.map((g) => g.id);
      await m.update(GroupCustomer, { id: In(groupIds) }, { segmentId });
      await m.update(GroupMember, { groupCustomerId: In(groupIds) }, { segmentId });
      await m.update(ProductHolding, { groupCustomerId: In(groupIds) }, { segmentId });
    }
  }
  return changed.length;
}
