import type { EntityManager } from 'typeorm';
import { actorOf, emitEvent, type EventPayloads, type Viewer } from '@group/shared';
import type { Lead } from './lead.entity';

/**
 * LeadChanged (shared/src/events/contract.ts), in the transaction of the change, with the lead as
 * it is after it (its version is the event's aggregate version). Small on purpose, like
 * ComplaintChanged: the gateway's `leadChanged` subscriptions read the rest through the graph.
 */
export const leadChanged = (m: EntityManager, viewer: Viewer | null, l: Lead, change: EventPayloads['LeadChanged']['change']) =>
  emitEvent(m, {
    type: 'LeadChanged',
    aggregateId: l.id,
    aggregateVersion: l.version,
    segmentId: l.segmentId,
    actor: actorOf(viewer),
    payload: { leadId: l.id, status: l.status, change },
  });
