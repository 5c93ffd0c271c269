import type { EntityManager } from 'typeorm';
import { actorOf, emitEvent, type CustomerState, type Viewer } from '@group/shared';
import type { Customer } from './customer.entity';

/**
 * The customer's events (shared/src/events/contract.ts), written into the
 * outbox in the transaction of the change: every path that creates, changes,
 * re-segments, merges or deletes a customer calls one of these with the row as
 * it is after the change (its version is the event's aggregate version).
 */
const state = (c: Customer): CustomerState => ({ customerId: c.id, name: c.name, kind: c.kind, segmentId: c.segmentId, ownerId: c.ownerId ?? null });

export const customerCreated = (m: EntityManager, viewer: Viewer | null, c: Customer) =>
  emitEvent(m, { type: 'CustomerCreated', aggregateId: c.id, aggregateVersion: c.version, segmentId: c.segmentId, actor: actorOf(viewer), payload: state(c) });

/** `previousSegmentId`: the segment it left (a cross-segment allocation), else null. */
export const customerUpdated = (m: EntityManager, viewer: Viewer | null, c: Customer, previousSegmentId: string | null = null) =>
  emitEvent(m, {
    type: 'CustomerUpdated',
    aggregateId: c.id,
    aggregateVersion: c.version,
    segmentId: c.segmentId,
    actor: actorOf(viewer),
    payload: { ...state(c), previousSegmentId: previousSegmentId === c.segmentId ? null : previousSegmentId },
  });

/** The duplicate (as it was before the merge) went into `survivorId`: CustomerMerged then CustomerDeleted, its two last versions. */
export async function customerMergedAway(m: EntityManager, viewer: Viewer | null, duplicate: Customer, survivorId: string): Promise<void> {
  const base = { aggregateId: duplicate.id, segmentId: duplicate.segmentId, actor: actorOf(viewer) };
  await emitEvent(m, {
    ...base,
    type: 'CustomerMerged',
    aggregateVersion: duplicate.version + 1,
    payload: { customerId: duplicate.id, survivorId, segmentId: duplicate.segmentId },
  });
  await emitEvent(m, {
    ...base,
    type: 'CustomerDeleted',
    aggregateVersion: duplicate.version + 2,
    payload: { customerId: duplicate.id, segmentId: duplicate.segmentId, reason: 'MERGED' },
  });
}
