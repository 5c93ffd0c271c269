import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';
import { decimalTransformer, SalesOrderStatus } from '../crm/crm-enums';

/**
 * A sales order (销售订单) entered for a signed contract (WF-CRM-3 item 5),
 * linked to the customer and, usually, the opportunity it wins.
 */
@ObjectType({ description: 'A sales order (销售订单) entered for a signed contract.' })
@Directive('@key(fields: "id")')
@Entity('sales_order')
@Index('ix_sales_order_updated', ['updatedAt'])
@Index('ix_sales_order_customer', ['customerId', 'signedAt'])
@Index('ix_sales_order_segment', ['segmentId', 'signedAt'])
@Index('uq_sales_order_contract', ['segmentId', 'contractNumber'], { unique: true })
export class SalesOrder extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'SO-000123.' })
  @Index('uq_sales_order_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Field({ description: 'Number of the signed contract; unique within the segment.' })
  @Column({ name: 'contract_number', type: 'varchar', length: 64 })
  contractNumber: string;

  @Field({ description: 'When the contract was signed.' })
  @Column({ name: 'signed_at', type: 'datetime' })
  signedAt: Date;

  @Field(() => Float, { description: 'Contract value in yuan (CNY).' })
  @Column({ type: 'decimal', precision: 16, scale: 2, transformer: decimalTransformer })
  amount: number;

  @Field(() => SalesOrderStatus)
  @Column({ type: 'varchar', length: 16 })
  status: SalesOrderStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @Index('ix_sales_order_opportunity')
  @Column({ name: 'opportunity_id', type: 'varchar', length: 36, nullable: true })
  opportunityId: string | null;

  @Column({ name: 'owner_id', type: 'varchar', length: 36, nullable: true })
  ownerId: string | null;
}
