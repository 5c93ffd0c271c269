import type { ConsumerSpec, EventPayloads } from '@group/shared';
import { projectCustomerSegments } from '../indicators/customer-indicator.service';
import { carryOverMergedCustomer, removeDeletedCustomer } from './customer-merge';
import { CUSTOMER_PROJECTION } from './applied-customers';

/**
 * Marketing's customer projection fed by customer-service's events: a new
 * customer is known (taggable) and a segment move is applied (its marketing
 * data moves along, and the old segment's reads and writes are refused) as
 * soon as the event arrives, in the same transaction that records the
 * (customer, version) applied. The indicator publisher's `recordCustomerSegments`
 * stays as the repair run; versions keep either from undoing the other.
 * A merge carries the duplicate's marketing data over to the survivor and a
 * deletion removes (archives) the customer's (customer-merge.ts); one consumer
 * for all four types, so a customer's events are applied in their order.
 */
export function customerProjectionConsumer(now: () => Date = () => new Date()): ConsumerSpec {
  return {
    name: CUSTOMER_PROJECTION,
    types: ['CustomerCreated', 'CustomerUpdated', 'CustomerMerged', 'CustomerDeleted'],
    async apply(m, e) {
      if (e.type === 'CustomerMerged') {
        const p = e.payload as EventPayloads['CustomerMerged'];
        return carryOverMergedCustomer(m, p.customerId, p.survivorId, e.actor?.accountId ?? null, now());
      }
      if (e.type === 'CustomerDeleted') return removeDeletedCustomer(m, e.aggregateId, e.actor?.accountId ?? null, now());
      const p = e.payload as EventPayloads['CustomerCreated'];
      await projectCustomerSegments(m, [{ customerId: p.customerId, segmentId: p.segmentId, version: e.aggregateVersion }], now());
    },
  };
}
