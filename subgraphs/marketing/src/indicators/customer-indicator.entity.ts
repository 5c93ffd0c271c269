import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One observation of a customer indicator (see indicator-catalogue.ts for how
 * the data arrives from other subgraphs). The primary key (customer, code,
 * asOf) makes ingestion an idempotent upsert and serves the rule compiler's
 * correlated look-ups `WHERE customer_id = ? AND code = ? AND as_of > ?`.
 * Not exposed in GraphQL (no segment of its own; rules read it).
 */
@Entity('customer_indicator')
@Index('ix_customer_indicator_code_as_of', ['code', 'asOf'])
export class CustomerIndicator {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @PrimaryColumn({ name: 'as_of', type: 'datetime' })
  asOf: Date;

  @Column({ type: 'decimal', precision: 18, scale: 4 })
  value: string;

  /** Who sent it, e.g. `customer-service`. */
  @Column({ type: 'varchar', length: 64 })
  source: string;

  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt: Date;
}
