import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

export enum CustomerKind {
  INDIVIDUAL = 'INDIVIDUAL',
  ORGANIZATION = 'ORGANIZATION',
}
registerEnumType(CustomerKind, {
  name: 'CustomerKind',
  description: 'A person (个人客户) or an organisation such as a group customer (集团客户).',
});

/**
 * A customer of one business segment (domain.md §2.2.2). Owned by this
 * subgraph; the marketing subgraph extends it. Every read is scoped to the
 * viewer's readable segments through `segmentId` (see scope.ts).
 */
@ObjectType({ description: 'A customer of one business segment; visible only inside that segment (and to group executives).' })
@Directive('@key(fields: "id")')
@Entity('customer')
@Index('ix_customer_updated', ['updatedAt'])
@Index('ix_customer_segment_name', ['segmentId', 'name'])
export class Customer extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => CustomerKind)
  @Column({ type: 'varchar', length: 16 })
  kind: CustomerKind;

  /** The isolation boundary (exposed as `segment`). */
  @Index('ix_customer_segment')
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  /** Employee who owns the relationship (exposed as `owner`). */
  @Index('ix_customer_owner')
  @Column({ name: 'owner_id', type: 'varchar', length: 36, nullable: true })
  ownerId: string | null;
}
