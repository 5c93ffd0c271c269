import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * An employee, owned by the organization subgraph; here only its key.
 * Marketing contributes `grids` (grids.resolver.ts) and refers to employees as
 * customer managers. No description: the owner's is the one in the supergraph.
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Employee {
  @Field(() => ID)
  id: string;
}

export const employeeRef = (id: string): Employee => Object.assign(new Employee(), { id });
