import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { BranchKind, Competitor, OwnershipType, StrategyLine } from '../competitor.entity';

export const CompetitorConnection = Connection(Competitor);

enum CompetitorOrderField {
  LEGAL_NAME = 'legalName',
  INDUSTRY_RANK = 'industryRank',
}
registerEnumType(CompetitorOrderField, { name: 'CompetitorOrderField' });
const CompetitorOrder = OrderByInput('Competitor', CompetitorOrderField);

@InputType()
export class CompetitorFilter {
  @Field(() => OwnershipType, { nullable: true })
  ownershipType?: OwnershipType | null;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Also list archived competitors.' })
  includeArchived?: boolean | null;
}

@ArgsType()
export class CompetitorsArgs extends PageArgs {
  @Field(() => CompetitorFilter, { nullable: true })
  @ValidateNested()
  filter?: CompetitorFilter | null;

  @Field(() => CompetitorOrder, { nullable: true, description: 'Default: legal name.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'legalName', direction: 'ASC' });
  }
}

@InputType()
export class CompetitorBranchInput {
  @Field(() => BranchKind)
  kind: BranchKind;

  @Field()
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true })
  @MaxLength(300)
  address?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  contact?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  principal?: string | null;
}

@InputType()
export class CompetitorBusinessInput {
  @Field()
  @MaxLength(200)
  scope: string;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  productStatus?: string | null;
}

@InputType()
export class CompetitorRegionInput {
  @Field()
  @MaxLength(100)
  region: string;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  marketField?: string | null;
}

@InputType()
export class CreateCompetitorInput {
  @Field()
  @MaxLength(200)
  legalName: string;

  @Field(() => OwnershipType)
  ownershipType: OwnershipType;

  @Field(() => Float, { nullable: true })
  @Min(0)
  assets?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(0)
  employeeCount?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  scaleNote?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  leadershipRole?: string | null;

  @Field(() => Int, { nullable: true })
  @Min(1)
  industryRank?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  radiationCapacity?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  fiscalContribution?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  sources?: string | null;

  @Field(() => [CompetitorBranchInput], { nullable: true })
  @ArrayMaxSize(100)
  @ValidateNested()
  branches?: CompetitorBranchInput[] | null;

  @Field(() => [CompetitorBusinessInput], { nullable: true })
  @ArrayMaxSize(100)
  @ValidateNested()
  businessTypes?: CompetitorBusinessInput[] | null;

  @Field(() => [CompetitorRegionInput], { nullable: true })
  @ArrayMaxSize(100)
  @ValidateNested()
  operatingRegions?: CompetitorRegionInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Optional client-chosen key: retrying with the same key returns the first result, never a duplicate (CONFLICT IDEMPOTENCY_KEY_REUSED for a different body).',
  })
  @IsOptional()
  @Length(1, 64)
  idempotencyKey?: string | null;
}

@InputType()
export class AddCompetitorProductInput {
  @Field(() => ID)
  @MaxLength(36)
  competitorId: string;

  @Field()
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  category?: string | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @MaxLength(200, { each: true })
  mainFunctions?: string[] | null;

  @Field(() => Date, { nullable: true })
  launchDate?: Date | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  marketPositioning?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  marketCapacity?: string | null;

  @Field(() => Float, { nullable: true, description: 'Fraction 0..1.' })
  marketShare?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(1)
  @Max(36500)
  updateCycleDays?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(5000)
  strengthsWeaknesses?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  salesProfitEstimate?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  salesProfitActual?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  seasonality?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  tariff?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  priceElasticity?: string | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @MaxLength(200, { each: true })
  derivativeProducts?: string[] | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(200)
  @MaxLength(1000, { each: true })
  userReviews?: string[] | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  pricingStrategy?: string | null;

  @Field(() => Float, { nullable: true })
  @Min(0)
  priceLevel?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  priceFlexibility?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  priceStability?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Optional client-chosen key: retrying with the same key returns the first result, never a duplicate (CONFLICT IDEMPOTENCY_KEY_REUSED for a different body).',
  })
  @IsOptional()
  @Length(1, 64)
  idempotencyKey?: string | null;
}

@InputType()
export class AddCompetitorStrategyInput {
  @Field(() => ID)
  @MaxLength(36)
  competitorId: string;

  @Field(() => StrategyLine)
  line: StrategyLine;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  tariff?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  marketingMethod?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  marketingCampaigns?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  correspondingIndicators?: string | null;

  @Field(() => Date, { nullable: true })
  observedAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Optional client-chosen key: retrying with the same key returns the first result, never a duplicate (CONFLICT IDEMPOTENCY_KEY_REUSED for a different body).',
  })
  @IsOptional()
  @Length(1, 64)
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateCompetitorInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int, { description: 'The version you read (CONFLICT STALE_VERSION if it changed since).' })
  @Min(1)
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  legalName?: string | null;

  @Field(() => OwnershipType, { nullable: true })
  ownershipType?: OwnershipType | null;

  @Field(() => Float, { nullable: true })
  @Min(0)
  assets?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(0)
  employeeCount?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  scaleNote?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  leadershipRole?: string | null;

  @Field(() => Int, { nullable: true })
  @Min(1)
  industryRank?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  radiationCapacity?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  fiscalContribution?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  sources?: string | null;

  @Field(() => [CompetitorBranchInput], { nullable: true, description: 'Replaces all branches when given.' })
  @ArrayMaxSize(100)
  @ValidateNested()
  branches?: CompetitorBranchInput[] | null;

  @Field(() => [CompetitorBusinessInput], { nullable: true, description: 'Replaces all business types when given.' })
  @ArrayMaxSize(100)
  @ValidateNested()
  businessTypes?: CompetitorBusinessInput[] | null;

  @Field(() => [CompetitorRegionInput], { nullable: true, description: 'Replaces all operating regions when given.' })
  @ArrayMaxSize(100)
  @ValidateNested()
  operatingRegions?: CompetitorRegionInput[] | null;
}

@InputType()
export class UpdateCompetitorProductInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int, { description: 'The version you read (CONFLICT STALE_VERSION if it changed since).' })
  @Min(1)
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  category?: string | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @MaxLength(200, { each: true })
  mainFunctions?: string[] | null;

  @Field(() => Date, { nullable: true })
  launchDate?: Date | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  marketPositioning?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  marketCapacity?: string | null;

  @Field(() => Float, { nullable: true, description: 'Fraction 0..1.' })
  marketShare?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(1)
  @Max(36500)
  updateCycleDays?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(5000)
  strengthsWeaknesses?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  salesProfitEstimate?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  salesProfitActual?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  seasonality?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  tariff?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  priceElasticity?: string | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @MaxLength(200, { each: true })
  derivativeProducts?: string[] | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(200)
  @MaxLength(1000, { each: true })
  userReviews?: string[] | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  pricingStrategy?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  priceFlexibility?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  priceStability?: string | null;
}

@InputType()
export class UpdateCompetitorStrategyInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int, { description: 'The version you read (CONFLICT STALE_VERSION if it changed since).' })
  @Min(1)
  expectedVersion: number;

  @Field(() => StrategyLine, { nullable: true })
  line?: StrategyLine | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  tariff?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  marketingMethod?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  marketingCampaigns?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  correspondingIndicators?: string | null;

  @Field(() => Date, { nullable: true })
  observedAt?: Date | null;
}
