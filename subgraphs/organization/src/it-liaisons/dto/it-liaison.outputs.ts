import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'ORG-M11: departments of a company with an IT liaison (信息化专员), out of all.' })
export class ItLiaisonCoverage {
  @Field(() => Int) departments: number;
  @Field(() => Int) covered: number;
  @Field(() => Float) coverageRate: number;
  uncoveredIds: string[];
}
