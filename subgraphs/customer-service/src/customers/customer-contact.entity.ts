import { Field, ID, ObjectType } from 'type-graphql';
import { Sensitive, SensitiveData, Aggregate } from '@group/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A contact person of a customer (联系人); carries the customer's segment. */
@ObjectType({ description: 'A contact person of a customer.' })
@Entity('customer_contact')
@Index('ix_customer_contact_customer', ['customerId', 'name'])
@Index('ix_customer_contact_phone', ['segmentId', 'phone'])
export class CustomerContact extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Job title (职务).' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  title: string | null;

  @Sensitive(SensitiveData.PERSONAL_CONTACT)
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Sensitive(SensitiveData.PERSONAL_CONTACT)
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;

  @Field()
  @Column({ name: 'is_primary', type: 'boolean' })
  isPrimary: boolean;
}
