import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Marketing's own projection of customer -> segment. Marketing never reads the
 * customer-service database, yet must know a customer's segment to apply the
 * segment-isolation rule to the tags hanging off it (domain.md §3.1.3 rule 6).
 * Seeded from the shared demo catalogue for now; a later issue keeps it in
 * sync from customer-service events. Not exposed in GraphQL.
 */
@Entity('customer_profile')
export class CustomerProfile {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @Index('ix_customer_profile_segment')
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
