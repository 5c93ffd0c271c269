import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, MaxLength, Min } from 'class-validator';
import { ThreatLevel } from '../opportunity-competitor.entity';

@InputType()
export class LinkOpportunityCompetitorInput {
  @Field(() => ID, { description: 'A customer-service opportunity you can see (customer-service is asked; NOT_FOUND otherwise).' })
  @MaxLength(36)
  opportunityId: string;

  @Field(() => ID, { description: 'The opportunity’s segment (BAD_USER_INPUT OPPORTUNITY_SEGMENT_MISMATCH if it is not). It decides who sees the link.' })
  @MaxLength(36)
  segmentId: string;

  @Field(() => ID)
  @MaxLength(36)
  competitorId: string;

  @Field(() => ThreatLevel)
  threatLevel: ThreatLevel;

  @Field(() => String, { nullable: true })
  @MaxLength(1000)
  notes?: string | null;

  @Field(() => String, { nullable: true, description: 'Optional client-chosen key: retrying with the same key returns the first link, never a duplicate.' })
  @IsOptional()
  @Length(1, 64)
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateOpportunityCompetitorInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int, { description: 'The version you read (CONFLICT STALE_VERSION if it changed since).' })
  @Min(1)
  expectedVersion: number;

  @Field(() => ThreatLevel, { nullable: true })
  threatLevel?: ThreatLevel | null;

  @Field(() => String, { nullable: true, description: 'New notes; an empty string clears them.' })
  @MaxLength(1000)
  notes?: string | null;
}
