import { In, type EntityManager } from 'typeorm';
import { EventApplied } from '@group/shared';
import { CustomerProfile } from './customer-profile.entity';

/** The durable consumer of customer-service's customer events (customer-events.consumer.ts). */
export const CUSTOMER_PROJECTION = 'marketing-customer-projection';

/** The latest customer version the projection applied from events, by customer (none: no event applied). */
export async function appliedCustomerVersions(m: EntityManager, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await m.findBy(EventApplied, { consumer: CUSTOMER_PROJECTION, aggregateType: 'Customer', aggregateId: In(ids) });
  return new Map(rows.map((r) => [r.aggregateId, r.version]));
}

/**
 * Customers marketing learnt are gone (CustomerDeleted, or merged away): the projection applied
 * their events and no profile is left (only a deletion or a merge removes a profile; a customer the
 * projection never heard of has no applied version). Nothing may bring their data back: neither a
 * late repair run (it read the customer before the merge) nor an indicator event emitted before it.
 */
export async function deletedCustomers(m: EntityManager, ids: string[]): Promise<Set<string>> {
  const applied = await appliedCustomerVersions(m, [...new Set(ids)]);
  if (!applied.size) return new Set();
  const alive = new Set((await m.find(CustomerProfile, { where: { customerId: In([...applied.keys()]) }, select: { customerId: true } })).map((p) => p.customerId));
  return new Set([...applied.keys()].filter((id) => !alive.has(id)));
}
