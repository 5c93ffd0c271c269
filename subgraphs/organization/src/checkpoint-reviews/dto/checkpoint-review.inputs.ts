import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Connection, PageArgs } from '@group/shared';
import { CheckpointResult, CheckpointReview, CheckpointStatus, GovernanceCheckpoint } from '../checkpoint-review.entity';
import { IdempotentInput } from '../../common/idempotency-key';
import { StatusFilter } from '../../common/status-filter';

@InputType()
export class RecordCheckpointReviewInput extends IdempotentInput {
  @Field(() => ID)
  companyId: string;

  @Field({ description: '2025, 2025-H1, 2025-Q3 or 2025-07.' })
  @MaxLength(20)
  period: string;

  @Field(() => GovernanceCheckpoint)
  checkpoint: GovernanceCheckpoint;

  @Field(() => CheckpointResult)
  result: CheckpointResult;

  @Field(() => String, { nullable: true, description: 'The problem found (required for ISSUE).' })
  @IsOptional()
  @MaxLength(5000)
  issue?: string | null;
}

@InputType()
export class AdjustCheckpointReviewInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => CheckpointStatus, { description: 'ADJUSTING or CLOSED.' })
  status: CheckpointStatus;

  @Field(() => String, { nullable: true, description: 'The corrective adjustment (required, ORG-R09; kept if already given).' })
  @IsOptional()
  @MaxLength(5000)
  correctiveAdjustment?: string | null;
}

@InputType()
export class CheckpointReviewFilter extends StatusFilter {
  @Field(() => CheckpointStatus, { nullable: true })
  status?: CheckpointStatus | null;
}

@ArgsType()
export class CheckpointReviewsArgs extends PageArgs {
  @Field(() => CheckpointReviewFilter, { nullable: true })
  @ValidateNested()
  filter?: CheckpointReviewFilter | null;
}

export const CheckpointReviewConnection = Connection(CheckpointReview);
