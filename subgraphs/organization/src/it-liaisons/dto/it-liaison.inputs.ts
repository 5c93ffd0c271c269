import { Field, ID, InputType, Int } from 'type-graphql';
import { LiaisonEngagement } from '../it-liaison.entity';
import { IdempotentInput } from '../../common/idempotency-key';

@InputType()
export class AssignItLiaisonInput extends IdempotentInput {
  @Field(() => ID)
  departmentId: string;

  @Field(() => ID)
  employeeId: string;

  @Field(() => LiaisonEngagement)
  engagement: LiaisonEngagement;

  @Field(() => Int, { nullable: true, description: 'Replacing a liaison: the current version.' })
  expectedVersion?: number | null;
}
