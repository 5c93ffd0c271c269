import { Field, ID, InputType, Int } from 'type-graphql';
import { IdempotentInput } from '../../common/idempotency-key';

@InputType()
export class AssignPortfolioInput extends IdempotentInput {
  @Field(() => ID)
  departmentId: string;

  @Field(() => ID, { description: "An active holder of a GROUP_VP_AND_ABOVE position (of the department's company or the group)." })
  executiveId: string;
}

@InputType()
export class SetSimulatedLegalEntityInput {
  @Field(() => ID)
  departmentId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field({ description: 'Run (true) or stop running (false) the department as a simulated legal entity.' })
  simulatedLegalEntity: boolean;
}
