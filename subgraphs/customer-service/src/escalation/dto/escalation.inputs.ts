import { Field, ID, InputType, Int } from 'type-graphql';
import { Length } from 'class-validator';

@InputType()
export class EscalateComplaintInput {
  @Field(() => ID)
  @Length(1, 36)
  complaintId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field({ description: 'Why it cannot wait for the SLA (recorded on the timeline).' })
  @Length(1, 500)
  note: string;
}
