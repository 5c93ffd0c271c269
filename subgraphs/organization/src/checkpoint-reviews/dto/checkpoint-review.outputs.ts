import { Field, ObjectType } from 'type-graphql';
import { CheckpointReview, GovernanceCheckpoint } from '../checkpoint-review.entity';

@ObjectType({ description: 'ORG-M2: one of the eight checkpoints for a period; review null = not reviewed yet.' })
export class CheckpointReportRow {
  @Field(() => GovernanceCheckpoint)
  checkpoint: GovernanceCheckpoint;

  @Field(() => CheckpointReview, { nullable: true })
  review: CheckpointReview | null;
}
