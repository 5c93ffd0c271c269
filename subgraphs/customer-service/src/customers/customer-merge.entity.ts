import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A merge of a duplicate customer into a survivor (append-only audit; the duplicate row is deleted). */
@ObjectType({ description: 'A duplicate customer merged into another one, with what moved.' })
@Entity('customer_merge')
@Index('ix_customer_merge_survivor', ['survivorId', 'at'])
export class CustomerMerge {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Column({ name: 'survivor_id', type: 'varchar', length: 36 })
  survivorId: string;

  @Field(() => ID, { description: 'Id of the merged (now deleted) duplicate.' })
  @Index('ix_customer_merge_duplicate')
  @Column({ name: 'duplicate_id', type: 'varchar', length: 36 })
  duplicateId: string;

  @Field()
  @Column({ name: 'duplicate_name', type: 'varchar', length: 200 })
  duplicateName: string;

  @Column({ type: 'text' })
  moved: string;

  @Column({ name: 'actor_account_id', type: 'varchar', length: 100 })
  actorAccountId: string;

  @Field()
  @Column({ type: 'datetime' })
  at: Date;
}
