import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A sales opportunity, owned by the customer-service subgraph; here only its
 * key. Marketing contributes `competitors` (competitors/opportunity-competitor.resolver.ts).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Opportunity {
  @Field(() => ID)
  id: string;
}

export const opportunityRef = (id: string): Opportunity => Object.assign(new Opportunity(), { id });
