import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Matches, MaxLength, Min } from 'class-validator';

/** Inputs of the competitiveness-evaluation mutations (MKT-R05). */
const KEY_DESCRIPTION =
  'Optional client-chosen key: retrying with the same key returns the first result, never a duplicate (CONFLICT IDEMPOTENCY_KEY_REUSED for a different body).';

@InputType()
export class CreateCompetitivenessIndicatorInput {
  @Field({ description: 'A–Z, 0–9, _ (e.g. MARKET_SHARE); unique.' })
  @MaxLength(40)
  code: string;

  @Field()
  @Length(1, 100)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;

  @Field(() => Float, { description: 'Relative weight (> 0).' })
  weight: number;

  @Field(() => Int, { nullable: true, description: 'Default 0.' })
  scaleMin?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default 100.' })
  scaleMax?: number | null;

  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  @IsOptional()
  @Length(1, 64)
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateCompetitivenessIndicatorInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int, { description: 'The version you read (CONFLICT STALE_VERSION if it changed since).' })
  @Min(1)
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;

  @Field(() => Float, { nullable: true })
  weight?: number | null;
}

@InputType()
export class RecordCompetitivenessScoreInput {
  @Field(() => ID)
  @MaxLength(36)
  competitorId: string;

  @Field(() => ID)
  @MaxLength(36)
  indicatorId: string;

  @Field({ description: 'Quarter, YYYY-Qn.' })
  @Matches(/^\d{4}-Q[1-4]$/, { message: 'period is YYYY-Qn' })
  period: string;

  @Field(() => Float, { description: "On the indicator's scale." })
  score: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;

  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  @IsOptional()
  @Length(1, 64)
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateCompetitivenessScoreInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int, { description: 'The version you read (CONFLICT STALE_VERSION if it changed since).' })
  @Min(1)
  expectedVersion: number;

  @Field(() => Float, { nullable: true })
  score?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}
