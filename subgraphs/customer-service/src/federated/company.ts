import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Segment } from './segment';

/**
 * A company, owned by the organization subgraph; here only its key. No GraphQL
 * description, so the owner's description is the one in the supergraph.
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Company {
  @Field(() => ID)
  id: string;

  /** The company's segments, owned by organization; sent by the gateway where a field `@requires` them. */
  @Field(() => [Segment])
  @Directive('@external')
  segments?: Segment[];
}
