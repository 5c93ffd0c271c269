/**
 * The customer indicators tag rules may read (标签指标维度, MKT-R04 / G-20).
 *
 * HOW INDICATOR DATA CROSSES SUBGRAPH BOUNDARIES
 * ----------------------------------------------
 * Marketing never reads another subgraph's database. Every indicator a rule
 * uses lives in marketing's own `customer_indicator` table (one row per
 * customer, indicator and as-of instant), filled by its PRODUCER through the
 * `recordCustomerIndicators` mutation of this subgraph (an idempotent upsert
 * keyed by customer + code + asOf, so a producer may resend a batch after a
 * failure without double counting). The producer is a system integration
 * signed in with a SYSTEM_ADMIN account (write-only: the mutation returns
 * counts, never customer data):
 *   - customer-service publishes, per customer and day, the number of
 *     complaints filed that day (COMPLAINT_COUNT), the value of orders signed
 *     that day (ORDER_VALUE) and the latest satisfaction score (SATISFACTION_SCORE);
 *     rules then aggregate over their own time window (e.g. SUM over 30 days).
 *   - the customer's segment (owned by organization, carried on the Customer of
 *     customer-service) reaches marketing through `recordCustomerSegments`,
 *     which upserts marketing's `customer_profile` projection and moves the
 *     denormalised segment of the customer's assignments; rules test it with
 *     `segmentIn`.
 *   - marketing's own indicators (ARCHIVE_COMPLETENESS from grid surveys) are
 *     written locally.
 * The producer side (an outbox in customer-service drained by a relay that
 * calls these mutations through the gateway) is wired by the lead; see the
 * README. Rules are evaluated only over customers marketing knows
 * (customer_profile), so an indicator of a customer not yet projected is kept
 * and counts once the customer arrives.
 */
export interface IndicatorDefinition {
  code: string;
  name: string;
  unit: string;
  /** The subgraph that owns the underlying data and publishes the indicator. */
  producer: 'customer-service' | 'organization' | 'marketing';
  description: string;
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'COMPLAINT_COUNT',
    name: '投诉次数',
    unit: 'count',
    producer: 'customer-service',
    description: 'Complaints filed by the customer, one observation per customer and day; rules usually SUM it over a window.',
  },
  {
    code: 'ORDER_VALUE',
    name: '订单金额',
    unit: 'CNY',
    producer: 'customer-service',
    description: 'Value of sales orders signed, one observation per customer and day; rules usually SUM it over months.',
  },
  {
    code: 'SATISFACTION_SCORE',
    name: '满意度评分',
    unit: 'score 0-10',
    producer: 'customer-service',
    description: 'Score of a satisfaction revisit (回访); rules usually take the LATEST.',
  },
  {
    code: 'ARCHIVE_COMPLETENESS',
    name: '档案完整度',
    unit: 'ratio 0-1',
    producer: 'marketing',
    description: 'Share of required archive fields filled (grid survey, 摸底工程); LATEST.',
  },
];

export const INDICATOR_CODES = new Set(INDICATORS.map((i) => i.code));
