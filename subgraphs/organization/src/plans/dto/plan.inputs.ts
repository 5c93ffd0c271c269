import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Connection, PageArgs } from '@group/shared';
import { Plan, PlanStatus, PlanType } from '../plan.entity';
import { IdempotentInput } from '../../common/idempotency-key';

export const PlanConnection = Connection(Plan);

@InputType()
export class PlanTargetInput {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => Float)
  @Min(-1e13)
  @Max(1e13)
  targetValue: number;

  @Field()
  @MinLength(1)
  @MaxLength(20)
  unit: string;

  @Field({ defaultValue: true, description: 'false when lower is better (costs, incidents).' })
  higherIsBetter: boolean;
}

@InputType()
export class CreatePlanInput extends IdempotentInput {
  @Field(() => ID)
  companyId: string;

  @Field(() => PlanType)
  type: PlanType;

  @Field({ description: '2026 or 2026-2028.' })
  @MaxLength(20)
  period: string;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field(() => [PlanTargetInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  targets: PlanTargetInput[];

  @Field(() => ID, {
    nullable: true,
    description:
      'ORG-R27, required for INVESTMENT_PLAN and ANNUAL_IT_PROJECT_AND_FUNDING_PLAN: the adopted strategy / 3- or 5-year plan (of the company or a company above it) whose period covers this one.',
  })
  @IsOptional()
  strategicPlanId?: string | null;
}

@InputType()
export class TargetResultInput {
  @Field(() => ID)
  targetId: string;

  @Field(() => Float)
  @Min(-1e13)
  @Max(1e13)
  actualValue: number;
}

@InputType()
export class ReportPlanResultsInput {
  @Field(() => ID)
  planId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => [TargetResultInput])
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  results: TargetResultInput[];

  @Field({ defaultValue: false, description: 'Close the plan (its period is over).' })
  close: boolean;
}

@InputType()
export class PlanFilter {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => PlanType, { nullable: true })
  type?: PlanType | null;

  @Field(() => PlanStatus, { nullable: true })
  status?: PlanStatus | null;
}

@ArgsType()
export class PlansArgs extends PageArgs {
  @Field(() => PlanFilter, { nullable: true })
  @ValidateNested()
  filter?: PlanFilter | null;
}
