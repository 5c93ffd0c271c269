import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Value tiers (MKT-R13, domain.md CustomerTier; G-23). */
export enum CustomerTier {
  ORDINARY = 'ORDINARY',
  HIGH_END = 'HIGH_END',
  HIGH_VALUE = 'HIGH_VALUE',
  KEY_ACCOUNT = 'KEY_ACCOUNT',
}
registerEnumType(CustomerTier, {
  name: 'CustomerTier',
  description: 'ORDINARY (普通客户, brand 1860), HIGH_END (高端客户, 全球通VIP), HIGH_VALUE (高值客户), KEY_ACCOUNT (大客户).',
});

/**
 * A customer lost (流失, MKT-R17/R22, G-25). `managed` and `tier` are what
 * they were at `churnedAt` (derived when recorded), so churn rates can be
 * split by "served by a customer manager" and tier without re-deriving history.
 */
@ObjectType({ description: 'A customer lost at `churnedAt`, with whether a customer manager served it then.' })
@Entity('churn_event')
@Index('ix_churn_event_customer', ['customerId', 'churnedAt'])
@Index('ix_churn_event_segment_time', ['segmentId', 'churnedAt'])
export class ChurnEvent {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Field()
  @Column({ name: 'churned_at', type: 'datetime' })
  churnedAt: Date;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @Field({ description: 'A customer manager was responsible for the customer when it churned.' })
  @Column({ type: 'boolean' })
  managed: boolean;

  @Field(() => CustomerTier)
  @Column({ type: 'varchar', length: 16 })
  tier: CustomerTier;

  @Field()
  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt: Date;
}
