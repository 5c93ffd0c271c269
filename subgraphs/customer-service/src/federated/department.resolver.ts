import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { ConnectionShape } from '@group/shared';
import { Department } from './department';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintConnection, ComplaintsArgs } from '../complaints/dto/complaints.args';
import { loadersOf, type CustomerServiceContext } from '../context';

/** Fields this subgraph contributes to the organization's Department. */
@Resolver(() => Department)
export class DepartmentResolver {
  @FieldResolver(() => ComplaintConnection, {
    // Contributed to another subgraph's entity: nullable, so that when this service is down the
    // gateway still returns the rest of the parent with an error for this field (partial data).
    nullable: true,
    description: 'Complaints this department is responsible for, in the segments you can read.',
  })
  complaints(@Root() d: Department, @Args() args: ComplaintsArgs, @Ctx() ctx: CustomerServiceContext, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Complaint>> {
    return loadersOf(ctx).complaintPagesByDepartmentId.load(d.id, args, info);
  }
}
