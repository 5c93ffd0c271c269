import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Stub of the Customer entity owned by the customer-service subgraph. Marketing
 * contributes `tags` and `tagAssignments` to it (see tag-assignments/customer-tags.resolver.ts).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID)
  id: string;

  /** The customer's segment from marketing's projection, when known. Internal: not a GraphQL field. */
  segmentId?: string;
}

export const customerRef = (id: string, segmentId?: string): Customer => Object.assign(new Customer(), { id, segmentId });
