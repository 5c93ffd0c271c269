import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Sensitive, SensitiveData, Aggregate } from '@group/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LeadSource, LeadStatus } from '../crm/crm-enums';

/**
 * A lead (线索, domain.md §2.2.2): a sales lead of one segment, followed up
 * by its owner with general actions (at least one a month while open,
 * CS-R25) until it is converted into a customer and an opportunity, or
 * dropped. `code` (LD-000123) is its natural key (imports, seeds).
 */
@ObjectType({ description: 'A sales lead (线索) of one segment; visible only inside that segment (and to group executives and the marketing department).' })
@Directive('@key(fields: "id")')
@Entity('lead')
// Widened to cover the follow-up report; ix_*_created for newest-first lists (migration 1764309500000).
@Index('ix_lead_segment_status', ['segmentId', 'status', 'createdAt', 'ownerId', 'closedAt', 'id'])
@Index('ix_lead_owner_status', ['ownerId', 'status', 'createdAt', 'closedAt', 'id'])
@Index('ix_lead_created', ['createdAt', 'id'])
export class Lead extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'LD-000123.' })
  @Index('uq_lead_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Field({ description: 'What the lead is about, e.g. "滨江项目 3 号楼团购意向".' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => LeadSource)
  @Column({ type: 'varchar', length: 16 })
  source: LeadSource;

  @Field(() => LeadStatus)
  @Column({ type: 'varchar', length: 16 })
  status: LeadStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'Prospect organisation, when it is not yet a customer.' })
  @Column({ name: 'company_name', type: 'varchar', length: 200, nullable: true })
  companyName: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'contact_name', type: 'varchar', length: 100, nullable: true })
  contactName: string | null;

  @Sensitive(SensitiveData.PERSONAL_CONTACT)
  @Field(() => String, { nullable: true })
  @Column({ name: 'contact_phone', type: 'varchar', length: 40, nullable: true })
  contactPhone: string | null;

  /** The isolation boundary (exposed as `segment`). */
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  /** Business staff following it up (exposed as `owner`); null = unassigned in the segment. */
  @Column({ name: 'owner_id', type: 'varchar', length: 36, nullable: true })
  ownerId: string | null;

  /** Exposed as `customer`: set when the lead is about an existing customer, or by conversion. */
  @Index('ix_lead_customer')
  @Column({ name: 'customer_id', type: 'varchar', length: 36, nullable: true })
  customerId: string | null;

  /** Exposed as `convertedOpportunity`. */
  @Column({ name: 'converted_opportunity_id', type: 'varchar', length: 36, nullable: true })
  convertedOpportunityId: string | null;

  @Field(() => Date, { nullable: true, description: 'When it left the open statuses (converted, invalid, closed).' })
  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was closed or marked invalid.' })
  @Column({ name: 'close_reason', type: 'varchar', length: 500, nullable: true })
  closeReason: string | null;

  @Field(() => Date, { nullable: true, description: 'Time of the latest DONE general action on it (follow-up compliance, CS-R25).' })
  @Column({ name: 'last_action_at', type: 'datetime', nullable: true })
  lastActionAt: Date | null;
}
