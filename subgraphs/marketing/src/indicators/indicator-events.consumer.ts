import type { ConsumerSpec, EventPayloads } from '@group/shared';
import { storeIndicators } from './customer-indicator.service';

/**
 * Marketing's indicator projection fed by customer-service's CustomerIndicatorsChanged events: each
 * carries the recomputed value of every (indicator, day) a change touched, upserted by (customer,
 * code, day) in the transaction that records the (customer indicators, version) applied, so a
 * redelivery or an older version changes nothing. Customer-service's periodic publisher
 * (`recordCustomerIndicators`, INDICATOR_REPAIR_MS) remains the repair run; both write the same
 * recomputed values, so neither undoes the other. A deleted (merged-away) customer's figures are
 * dropped (storeIndicators).
 */
export function indicatorProjectionConsumer(now: () => Date = () => new Date()): ConsumerSpec {
  return {
    name: 'marketing-customer-indicators',
    types: ['CustomerIndicatorsChanged'],
    async apply(m, e) {
      const p = e.payload as EventPayloads['CustomerIndicatorsChanged'];
      const recordedAt = now();
      await storeIndicators(
        m,
        p.observations.map((o) => ({ customerId: p.customerId, code: o.code, asOf: new Date(o.asOf), value: String(o.value), source: e.source, recordedAt })),
      );
    },
  };
}
