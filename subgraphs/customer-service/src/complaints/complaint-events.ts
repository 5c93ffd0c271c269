import type { EntityManager } from 'typeorm';
import { actorOf, emitEvent, type EventPayloads, type Viewer } from '@group/shared';
import type { Complaint } from './complaint.entity';

/**
 * ComplaintChanged (shared/src/events/contract.ts), in the transaction of the change, with the
 * complaint as it is after it (its version is the event's aggregate version). The payload is small
 * on purpose: a consumer (the gateway's subscriptions) reads the rest through the graph, as the viewer.
 */
export const complaintChanged = (m: EntityManager, viewer: Viewer | null, c: Complaint, change: EventPayloads['ComplaintChanged']['change']) =>
  emitEvent(m, {
    type: 'ComplaintChanged',
    aggregateId: c.id,
    aggregateVersion: c.version,
    segmentId: c.segmentId,
    actor: actorOf(viewer),
    payload: { complaintId: c.id, status: c.status, change },
  });
