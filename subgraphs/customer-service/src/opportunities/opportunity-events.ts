import type { EntityManager } from 'typeorm';
import { actorOf, emitEvent, type EventPayloads, type Viewer } from '@group/shared';
import type { Opportunity } from './opportunity.entity';

/**
 * OpportunityChanged (shared/src/events/contract.ts), in the transaction of the change, with the
 * opportunity as it is after it (its version is the event's aggregate version); the gateway's
 * `opportunityChanged` subscriptions read the rest through the graph.
 */
export const opportunityChanged = (m: EntityManager, viewer: Viewer | null, o: Opportunity, change: EventPayloads['OpportunityChanged']['change']) =>
  emitEvent(m, {
    type: 'OpportunityChanged',
    aggregateId: o.id,
    aggregateVersion: o.version,
    segmentId: o.segmentId,
    actor: actorOf(viewer),
    payload: { opportunityId: o.id, status: o.status, stage: o.stage, change },
  });
