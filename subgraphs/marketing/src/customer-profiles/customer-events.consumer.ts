import type { ConsumerSpec, EventPayloads } from '@group/shared';
import { projectCustomerSegments } from '../indicators/customer-indicator.service';

/**
 * Marketing's customer projection fed by customer-service's events: a new
 * customer is known (taggable) and a segment move is applied (its marketing
 * data moves along, and the old segment's reads and writes are refused) as
 * soon as the event arrives, in the same transaction that records the
 * (customer, version) applied. The indicator publisher's `recordCustomerSegments`
 * stays as the repair run; versions keep either from undoing the other.
 * Merges and deletions are not consumed yet (the merged customer's marketing data stays where it was).
 */
export function customerProjectionConsumer(now: () => Date = () => new Date()): ConsumerSpec {
  return {
    name: 'marketing-customer-projection',
    types: ['CustomerCreated', 'CustomerUpdated'],
    async apply(m, e) {
      const p = e.payload as EventPayloads['CustomerCreated'];
      await projectCustomerSegments(m, [{ customerId: p.customerId, segmentId: p.segmentId, version: e.aggregateVersion }], now());
    },
  };
}
