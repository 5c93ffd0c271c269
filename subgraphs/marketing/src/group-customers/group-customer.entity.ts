import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/**
 * A group customer (集团客户): the first of the source's two lines (MKT-R12),
 * marketing's extension of a customer-service Customer of kind GROUP, one per
 * customer. Its members (集团成员) are the second line. `segmentId` is the
 * customer's segment (from customer_profile), copied to members and holdings
 * so every read filters on it without a join (§3.1.3 rule 6).
 */
@ObjectType({ description: 'A group customer (集团客户): marketing’s record of a GROUP customer, with its members (集团成员) and products held.' })
@Directive('@key(fields: "id")')
@Entity('group_customer')
export class GroupCustomer extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_group_customer_customer', { unique: true })
  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @Index('ix_group_customer_segment')
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Field(() => String, { nullable: true, description: 'Industry, for industry applications (MKT-R16).' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  industry: string | null;

  @Field(() => Float, { nullable: true, description: 'Annual revenue with the group, CNY.' })
  @Column({ type: 'decimal', precision: 18, scale: 2, nullable: true, transformer: { to: (v) => v, from: (v) => (v === null || v === undefined ? null : Number(v)) } })
  revenue: number | null;

  @Field(() => Date, { nullable: true, description: 'When the group customer was retired (no longer served as a group customer); its history stays.' })
  @Column({ name: 'retired_at', type: 'datetime', nullable: true })
  retiredAt: Date | null;
}

export enum MemberRole {
  KEY_PERSON = 'KEY_PERSON',
  MEMBER = 'MEMBER',
}
registerEnumType(MemberRole, { name: 'GroupMemberRole', description: 'KEY_PERSON: a decision maker or contact of the group customer (关键人); MEMBER: an ordinary member.' });

/** A group member (集团成员): a person belonging to a group customer; optionally a customer (INDIVIDUAL) of its own. */
@ObjectType({ description: 'A group member (集团成员); key people are members with role KEY_PERSON.' })
@Entity('group_member')
@Index('ix_group_member_group', ['groupCustomerId', 'name'])
export class GroupMember {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'group_customer_id', type: 'varchar', length: 36 })
  groupCustomerId: string;

  @Index('ix_group_member_segment')
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  /** The member as an INDIVIDUAL customer of customer-service, when known. */
  @Index('ix_group_member_customer')
  @Column({ name: 'member_customer_id', type: 'varchar', length: 36, nullable: true })
  memberCustomerId: string | null;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => MemberRole)
  @Column({ type: 'varchar', length: 16 })
  role: MemberRole;

  @Field(() => String, { nullable: true, description: 'Position in the group customer, e.g. 采购总监.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  title: string | null;

  @Field()
  @Column({ name: 'joined_at', type: 'datetime' })
  joinedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the member left the group customer (kept as history).' })
  @Column({ name: 'left_at', type: 'datetime', nullable: true })
  leftAt: Date | null;

  @Field(() => Int, { description: 'Optimistic-lock version, incremented on every change; send it back with an update.' })
  @VersionColumn()
  version: number;
}

/** A product or service of the group held by a group customer (产品持有). */
@ObjectType({ description: 'A product or service a group customer holds.' })
@Entity('group_product_holding')
@Index('ix_group_product_holding_group', ['groupCustomerId', 'productName'])
export class ProductHolding {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'group_customer_id', type: 'varchar', length: 36 })
  groupCustomerId: string;

  @Index('ix_group_product_holding_segment')
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Field()
  @Column({ name: 'product_name', type: 'varchar', length: 100 })
  productName: string;

  @Field(() => String, { nullable: true, description: 'Product line or category, e.g. 物业服务, 新能源.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  category: string | null;

  @Field()
  @Column({ type: 'datetime' })
  since: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  until: Date | null;

  @Field(() => Int, { description: 'Optimistic-lock version, incremented on every change; send it back with an update.' })
  @VersionColumn()
  version: number;
}
