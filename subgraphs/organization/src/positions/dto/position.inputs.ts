import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PositionRank } from '../position.entity';
import { IdempotentInput } from '../../common/idempotency-key';

@InputType()
export class PositionTargetInput {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field()
  @MinLength(1)
  @MaxLength(20)
  period: string;

  @Field(() => Float)
  targetValue: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(30)
  unit?: string | null;
}

@InputType()
export class CreatePositionInput extends IdempotentInput {
  @Field(() => ID)
  departmentId: string;

  @Field()
  @MinLength(1)
  @MaxLength(100)
  title: string;

  @Field(() => Int)
  @Min(0)
  @Max(10000)
  headcountQuota: number;

  @Field()
  @MaxLength(10000)
  duties: string;

  @Field()
  @MaxLength(10000)
  incentives: string;

  @Field(() => ID, { nullable: true, description: 'The job description policy document.' })
  jobDescriptionId?: string | null;

  @Field(() => PositionRank, {
    defaultValue: PositionRank.STAFF,
    description: 'GROUP_VP_AND_ABOVE only in the group company; SEGMENT_HEAD and SEGMENT_ADMINISTRATOR name their segment.',
  })
  rank: PositionRank;

  @Field(() => ID, { nullable: true, description: 'The segment a SEGMENT_HEAD / SEGMENT_ADMINISTRATOR position serves (of the same company).' })
  segmentId?: string | null;

  @Field(() => [PositionTargetInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  targets: PositionTargetInput[];
}

@InputType()
export class RequestHeadcountChangeInput extends IdempotentInput {
  @Field(() => ID)
  positionId: string;

  @Field(() => Int)
  @Min(0)
  @Max(10000)
  newQuota: number;

  @Field()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

@ArgsType()
export class OrgChartArgs {
  @Field(() => ID)
  companyId: string;

  @Field(() => Int, { defaultValue: 3, description: 'Deepest department level included (0 = top level only).' })
  @Min(0)
  @Max(10)
  maxDepth: number;
}
