import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Outcome of one run of the escalation job.' })
export class EscalationRunResult {
  @Field()
  at: Date;

  @Field(() => Int, { description: 'Open complaints whose SLA state called for a higher level.' })
  candidates: number;

  @Field(() => Int, { description: 'Complaints escalated by this run (a concurrent run may have done the others).' })
  escalated: number;
}
