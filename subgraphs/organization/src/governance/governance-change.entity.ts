import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One change to governance data (domain.md §3.2 "Governance: ... immutable once
 * recorded"): who, when, what. Written in the same transaction as the change
 * itself; never updated or deleted.
 */
@ObjectType({ description: 'An entry of the governance change log: who changed what, when.' })
@Entity('governance_change')
@Index('ix_governance_change_company_at', ['companyId', 'at'])
@Index('ix_governance_change_entity', ['entityType', 'entityId'])
export class GovernanceChange {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Field({ description: 'Changed kind of record, e.g. Company, Shareholding, BodyMembership.' })
  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  @Field(() => ID)
  @Column({ name: 'entity_id', type: 'varchar', length: 36 })
  entityId: string;

  @Field({ description: 'What happened, e.g. LEGAL_DATA_UPDATED, NOMINATED, APPOINTED, DISMISSED.' })
  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Field({ description: 'Account id of whoever made the change.' })
  @Column({ name: 'actor_account_id', type: 'varchar', length: 36 })
  actorAccountId: string;

  @Field()
  @Column({ type: 'datetime' })
  at: Date;

  @Field({ description: 'Human-readable description of the change.' })
  @Column({ type: 'text' })
  summary: string;
}
