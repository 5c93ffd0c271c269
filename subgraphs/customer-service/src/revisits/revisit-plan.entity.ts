import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/**
 * A key-account revisit plan (大客户回访, domain.md D16 §4.1, G-07): a key
 * account is revisited every `cadenceDays` (default quarterly). One plan per
 * customer; scoped by the customer's segment, copied at creation.
 */
@ObjectType({ description: 'Key-account revisit plan (大客户回访): when the customer is due for the next visit.' })
@Entity('revisit_plan')
@Index('ix_revisit_plan_segment_due', ['segmentId', 'nextDueAt'])
export class RevisitPlan extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Exposed as `customer`. */
  @Index('uq_revisit_plan_customer', { unique: true })
  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  /** Employee responsible for the visits (exposed as `owner`). */
  @Column({ name: 'owner_id', type: 'varchar', length: 36, nullable: true })
  ownerId: string | null;

  @Field(() => Int)
  @Column({ name: 'cadence_days', type: 'integer' })
  cadenceDays: number;

  @Field()
  @Column({ name: 'next_due_at', type: 'datetime' })
  nextDueAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'last_revisit_at', type: 'datetime', nullable: true })
  lastRevisitAt: Date | null;
}

/** One visit done under a plan, with the customer's satisfaction. Append-only. */
@ObjectType({ description: 'A revisit (回访) made to a key account.' })
@Entity('customer_revisit')
@Index('ix_customer_revisit_plan', ['planId', 'visitedAt'])
export class CustomerRevisit {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId: string;

  @Field()
  @Column({ name: 'visited_at', type: 'datetime' })
  visitedAt: Date;

  /** Exposed as `visitor`. */
  @Column({ name: 'visitor_id', type: 'varchar', length: 36, nullable: true })
  visitorId: string | null;

  @Field(() => Int, { description: '1–5.' })
  @Column({ type: 'integer' })
  satisfaction: number;

  @Field()
  @Column({ type: 'text' })
  feedback: string;
}
