import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Marketing's own projection of customer -> segment. Marketing never reads the
 * customer-service database, yet must know a customer's segment to apply the
 * segment-isolation rule to the tags hanging off it (domain.md §3.1.3 rule 6).
 * Kept in sync by customer-service's customer events (CustomerCreated /
 * CustomerUpdated, customer-events.consumer.ts) within a second, and repaired
 * by the indicator publisher's periodic `recordCustomerSegments`; both send the
 * customer's version, and an older version never overwrites a newer one.
 * Not exposed in GraphQL.
 */
@Entity('customer_profile')
@Index('ix_customer_profile_segment_tier', ['segmentId', 'tier'])
export class CustomerProfile {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @Index('ix_customer_profile_segment')
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;

  /** The customer's version in customer-service this row reflects (null: unknown, e.g. seeded). */
  @Column({ name: 'customer_version', type: 'integer', nullable: true })
  customerVersion: number | null;

  /** The grid the customer is placed in (MKT-R14), null if none. */
  @Index('ix_customer_profile_grid')
  @Column({ name: 'grid_id', type: 'varchar', length: 36, nullable: true })
  gridId: string | null;

  /** Value tier computed by the tier rules (null until the first tier run); see tier_override. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  tier: string | null;

  /** A tier set by hand (G-23 manual override); wins over the computed tier. */
  @Column({ name: 'tier_override', type: 'varchar', length: 16, nullable: true })
  tierOverride: string | null;
}
