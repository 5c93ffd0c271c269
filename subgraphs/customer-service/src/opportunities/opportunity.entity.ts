import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';
import { decimalTransformer, money, OpportunityStatus } from '../crm/crm-enums';

/**
 * A sales opportunity (销售机会, domain.md §2.2.2, WF-CRM-4) of one customer
 * and segment, promoted through the configurable stage list (阶段升迁,
 * G-09); every move is kept in `opportunity_stage_change`. `probability`
 * is the win probability of its current stage (0 once LOST, 100 once WON).
 */
@ObjectType('Opportunity', {
  description: 'A sales opportunity (销售机会) of one customer; visible only inside its segment (and to group executives and the marketing department).',
})
@Directive('@key(fields: "id")')
@Entity('opportunity')
// Widened to cover the follow-up report; ix_*_created for newest-first lists (migration 1764309500000).
@Index('ix_opportunity_segment_status', ['segmentId', 'status', 'stage', 'ownerId', 'createdAt', 'closedAt', 'id'])
@Index('ix_opportunity_owner_status', ['ownerId', 'status', 'createdAt', 'closedAt', 'id'])
@Index('ix_opportunity_created', ['createdAt', 'id'])
export class Opportunity extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'OP-000123.' })
  @Index('uq_opportunity_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => Float, { description: 'Expected contract value in yuan (CNY).' })
  @Column({ type: 'decimal', precision: 16, scale: 2, transformer: decimalTransformer })
  amount: number;

  @Field({ description: 'Code of the current stage (see opportunityStages).' })
  @Column({ type: 'varchar', length: 32 })
  stage: string;

  @Field(() => Int, { description: 'Win probability in percent, from the stage (0 when LOST, 100 when WON).' })
  @Column({ type: 'integer' })
  probability: number;

  @Field(() => OpportunityStatus)
  @Column({ type: 'varchar', length: 16 })
  status: OpportunityStatus;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'expected_close_at', type: 'datetime', nullable: true })
  expectedCloseAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was won or lost.' })
  @Column({ name: 'close_reason', type: 'varchar', length: 500, nullable: true })
  closeReason: string | null;

  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Column({ name: 'owner_id', type: 'varchar', length: 36, nullable: true })
  ownerId: string | null;

  @Index('ix_opportunity_customer')
  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @Index('ix_opportunity_lead')
  @Column({ name: 'lead_id', type: 'varchar', length: 36, nullable: true })
  leadId: string | null;

  @Field(() => Date, { nullable: true, description: 'Time of the latest DONE general action on it (CS-R25).' })
  @Column({ name: 'last_action_at', type: 'datetime', nullable: true })
  lastActionAt: Date | null;

  @Field(() => Float, { description: 'amount × probability / 100.' })
  get weightedAmount(): number {
    return money((this.amount * this.probability) / 100);
  }
}

/**
 * One configured stage (G-09): the group default list has `segmentId` NULL;
 * a segment may configure its own list (segment "system information", G-43),
 * which then replaces the default for that segment. Exactly one stage of a
 * list is the won stage (the last one).
 */
@ObjectType({ description: 'A sales-opportunity stage with its win probability.' })
@Entity('opportunity_stage')
@Index('uq_opportunity_stage_position', ['segmentId', 'position'], { unique: true })
export class OpportunityStage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** NULL: the group default list. */
  @Column({ name: 'segment_id', type: 'varchar', length: 36, nullable: true })
  segmentId: string | null;

  @Field()
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => Int, { description: '1 for the first stage.' })
  @Column({ type: 'integer' })
  position: number;

  @Field(() => Int, { description: 'Win probability in percent.' })
  @Column({ type: 'integer' })
  probability: number;

  @Field({ description: 'Reaching this stage wins the opportunity (contract signed; needs a sales order).' })
  @Column({ type: 'boolean' })
  won: boolean;

  @Field(() => Int, { description: 'Version of the whole list (the same on each of its stages); send it back to configureOpportunityStages. The group default list is version 0.' })
  @Column({ type: 'integer' })
  version: number;
}

/** Stage history (append-only): one row per move, won or lost; `seq` is the opportunity version it produced. */
@ObjectType({ description: 'One move of an opportunity: stage promotion (阶段升迁), step back, won or lost.' })
@Entity('opportunity_stage_change')
@Index('uq_opportunity_stage_change_seq', ['opportunityId', 'seq'], { unique: true })
export class OpportunityStageChange {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'opportunity_id', type: 'varchar', length: 36 })
  opportunityId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  seq: number;

  @Field(() => String, { nullable: true, description: 'Null for the first stage at creation.' })
  @Column({ name: 'from_stage', type: 'varchar', length: 32, nullable: true })
  fromStage: string | null;

  @Field()
  @Column({ name: 'to_stage', type: 'varchar', length: 32 })
  toStage: string;

  @Field(() => OpportunityStatus)
  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: OpportunityStatus;

  @Field(() => Int)
  @Column({ type: 'integer' })
  probability: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ name: 'actor_account_id', type: 'varchar', length: 100 })
  actorAccountId: string;

  /** Exposed as `actor`. */
  @Column({ name: 'actor_employee_id', type: 'varchar', length: 36, nullable: true })
  actorEmployeeId: string | null;

  @Field()
  @Column({ type: 'datetime' })
  at: Date;
}
