import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A competitor's competitiveness in one quarter (MKT-M6): the weighted mean of its scores, each mapped onto 0–100 by its indicator's scale." })
export class CompetitivenessPeriod {
  competitorId: string;
  @Field() period: string;
  @Field(() => Float, { description: "0–100, weighted by the indicators' weights." }) score: number;
  @Field(() => Float, { nullable: true, description: 'Change against the previous scored quarter (null for the first).' }) change: number | null;
  @Field(() => Int) indicatorsScored: number;
}

@ObjectType({ description: 'A competitor ranked by its competitiveness in a quarter (MKT-M6).' })
export class CompetitivenessRank extends CompetitivenessPeriod {
  @Field(() => Int) rank: number;
}
