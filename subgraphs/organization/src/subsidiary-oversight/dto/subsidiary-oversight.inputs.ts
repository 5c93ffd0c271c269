import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Connection, PageArgs } from '@group/shared';
import { OversightHandling, OversightStatus, SubsidiaryOversightItem, SubsidiaryOversightMatter } from '../subsidiary-oversight.entity';
import { IdempotentInput } from '../../common/idempotency-key';

export const SubsidiaryOversightItemConnection = Connection(SubsidiaryOversightItem);

@InputType()
export class SubmitSubsidiaryMatterInput extends IdempotentInput {
  @Field(() => ID)
  subsidiaryId: string;

  @Field(() => SubsidiaryOversightMatter)
  matter: SubsidiaryOversightMatter;

  @Field(() => OversightHandling, { description: 'G-30: prior approval by the parent, or filing (报备).' })
  handling: OversightHandling;

  @Field()
  @MinLength(1)
  @MaxLength(5000)
  description: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(100_000_000)
  amountWan?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: 'ORG-R27, required for MAJOR_INVESTMENT_AND_FINANCING: the adopted, current strategic plan (of the subsidiary or a company above it) the investment sits within.',
  })
  @IsOptional()
  strategicPlanId?: string | null;
}

@InputType()
export class DecideSubsidiaryMatterInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => OversightStatus, { description: 'APPROVED or REJECTED for an APPROVE matter; FILED for a FILE matter.' })
  outcome: OversightStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  decision?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "ORG-R12, required to approve: the adopted resolution on SUBSIDIARY_MATTER of a parent body holding the major-decision power for the amount (e.g. the group board by delegation), for at least the matter's amount; it then names this matter and decides nothing else.",
  })
  @IsOptional()
  resolutionId?: string | null;
}

@InputType()
export class SubsidiaryMatterFilter {
  @Field(() => ID, { nullable: true })
  subsidiaryId?: string | null;

  @Field(() => OversightStatus, { nullable: true })
  status?: OversightStatus | null;

  @Field(() => SubsidiaryOversightMatter, { nullable: true })
  matter?: SubsidiaryOversightMatter | null;
}

@ArgsType()
export class SubsidiaryMattersArgs extends PageArgs {
  @Field(() => SubsidiaryMatterFilter, { nullable: true })
  @ValidateNested()
  filter?: SubsidiaryMatterFilter | null;
}
