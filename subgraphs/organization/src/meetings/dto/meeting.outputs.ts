import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GoverningBody } from '../../governing-bodies/governing-body.entity';

@ObjectType({ description: 'ORG-M4: execution of passed resolutions by the executing body.' })
export class ResolutionExecutionRow {
  @Field(() => GoverningBody, { nullable: true, description: 'Executing body (null: the body executes its own resolutions).' })
  executorBody: GoverningBody | null;

  @Field(() => Int)
  passed: number;

  @Field(() => Int)
  executed: number;

  @Field(() => Int)
  inProgress: number;

  @Field(() => Int)
  pending: number;

  @Field(() => Int)
  notExecuted: number;

  @Field(() => Float, { description: 'executed / passed.' })
  executionRate: number;
}
