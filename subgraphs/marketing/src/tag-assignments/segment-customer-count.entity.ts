import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Customers known to marketing (customer_profile rows) per segment: the
 * denominator of MKT-M3 tag coverage, kept by the customer_profile writers
 * (recordCustomerSegments; bulk imports recount it), so coverage reads one
 * row per segment instead of counting every customer. Internal.
 */
@Entity('segment_customer_count')
export class SegmentCustomerCount {
  @PrimaryColumn({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Column({ type: 'integer' })
  customers: number;
}
