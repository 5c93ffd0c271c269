import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

export enum ThreatLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(ThreatLevel, { name: 'CompetitorThreatLevel', description: 'How seriously a competitor threatens an opportunity.' });

/**
 * A competitor recorded against a customer-service sales opportunity
 * (domain.md §2.3.2 Competitor <-> SalesOpportunity, N:M). The opportunity is
 * owned by customer-service; marketing keeps only its id and its segment, as
 * customer-service reports it to the writer (RemoteParents, on every write),
 * applied on every read.
 */
@ObjectType({
  description:
    'A competitor recorded against a sales opportunity, with the threat it poses. Competitor intelligence: group executives, segment heads and the marketing department only.',
})
@Entity('opportunity_competitor')
@Index('uq_opportunity_competitor', ['opportunityId', 'competitorId'], { unique: true })
export class OpportunityCompetitor extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'opportunity_id', type: 'varchar', length: 36 })
  opportunityId: string;

  @Index('ix_opportunity_competitor_competitor')
  @Column({ name: 'competitor_id', type: 'varchar', length: 36 })
  competitorId: string;

  /** The opportunity's segment, from customer-service at the write. Internal: drives visibility. */
  @Index('ix_opportunity_competitor_segment')
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Field(() => ThreatLevel)
  @Column({ name: 'threat_level', type: 'varchar', length: 16 })
  threatLevel: ThreatLevel;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes: string | null;

  @Field(() => String, { nullable: true, description: 'Account that linked the competitor.' })
  @Column({ name: 'linked_by', type: 'varchar', length: 100, nullable: true })
  linkedBy: string | null;
}
