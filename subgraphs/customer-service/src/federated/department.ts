import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A department, owned by the organization subgraph; here only its key. No GraphQL
 * description, so the owner's description is the one in the supergraph.
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Department {
  @Field(() => ID)
  id: string;
}
