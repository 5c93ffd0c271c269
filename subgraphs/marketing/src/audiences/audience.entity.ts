import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

export enum AudienceKind {
  DYNAMIC = 'DYNAMIC',
  SNAPSHOT = 'SNAPSHOT',
}
registerEnumType(AudienceKind, {
  name: 'AudienceKind',
  description: 'DYNAMIC: members are whoever matches the tag expression now; SNAPSHOT: members were frozen when the audience was created.',
});

/**
 * An audience: the customers of one segment matching a tag expression
 * (AND / OR / NOT over effective tag assignments). Owned by a segment, so its
 * members and size follow segment visibility (§3.1.3 rule 6).
 */
@ObjectType({ description: 'Customers of one segment selected by a tag expression, dynamic or frozen.' })
@Entity('audience')
@Index('ix_audience_segment_name', ['segmentId', 'name'])
export class Audience extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Field(() => AudienceKind)
  @Column({ type: 'varchar', length: 16 })
  kind: AudienceKind;

  @Field({ description: 'The normalised tag expression as JSON.' })
  @Column({ type: 'text' })
  expression: string;

  @Field(() => Date, { nullable: true, description: 'When a SNAPSHOT audience was frozen.' })
  @Column({ name: 'frozen_at', type: 'datetime', nullable: true })
  frozenAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'created_by', type: 'varchar', length: 64, nullable: true })
  createdBy: string | null;
}

/** A frozen member of a SNAPSHOT audience. */
@Entity('audience_member')
export class AudienceMember {
  @PrimaryColumn({ name: 'audience_id', type: 'varchar', length: 36 })
  audienceId: string;

  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;
}

export enum CampaignChannel {
  SMS = 'SMS',
  PHONE = 'PHONE',
  VISIT = 'VISIT',
  WECHAT = 'WECHAT',
  EMAIL = 'EMAIL',
  EVENT = 'EVENT',
  ONLINE = 'ONLINE',
}
registerEnumType(CampaignChannel, { name: 'CampaignChannel', description: 'Marketing channel (营销渠道) a campaign runs through.' });

const decimal = { to: (v: unknown) => v, from: (v: unknown) => (v === null || v === undefined ? null : Number(v)) };

/** A campaign (营销活动) targeting an audience through a channel, with period, budget and results. */
@ObjectType({ description: 'A campaign targeting an audience through a channel, with period, budget and results.' })
@Entity('campaign')
@Index('ix_campaign_segment_start', ['segmentId', 'startsAt'])
export class Campaign extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index('ix_campaign_audience')
  @Column({ name: 'audience_id', type: 'varchar', length: 36 })
  audienceId: string;

  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Field(() => CampaignChannel)
  @Column({ type: 'varchar', length: 16 })
  channel: CampaignChannel;

  @Field()
  @Column({ name: 'starts_at', type: 'datetime' })
  startsAt: Date;

  @Field()
  @Column({ name: 'ends_at', type: 'datetime' })
  endsAt: Date;

  @Field(() => Float, { description: 'Budget, CNY.' })
  @Column({ type: 'decimal', precision: 18, scale: 2, transformer: decimal })
  budget: number;

  @Field(() => Int, { nullable: true, description: 'Results: customers reached.' })
  @Column({ type: 'integer', nullable: true })
  reached: number | null;

  @Field(() => Int, { nullable: true, description: 'Results: customers who responded.' })
  @Column({ type: 'integer', nullable: true })
  responded: number | null;

  @Field(() => Int, { nullable: true, description: 'Results: customers who converted (ordered).' })
  @Column({ type: 'integer', nullable: true })
  converted: number | null;

  @Field(() => Float, { nullable: true, description: 'Results: revenue attributed, CNY.' })
  @Column({ type: 'decimal', precision: 18, scale: 2, nullable: true, transformer: decimal })
  revenue: number | null;
}
