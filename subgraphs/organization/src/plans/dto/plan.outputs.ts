import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'ORG-M5: targets of an approved plan set, reported and achieved.' })
export class PlanCompletionRow {
  planId: string;
  @Field(() => Int) targets: number;
  @Field(() => Int) reported: number;
  @Field(() => Int) achieved: number;
  @Field(() => Float, { description: 'achieved / targets.' }) completionRate: number;
}
