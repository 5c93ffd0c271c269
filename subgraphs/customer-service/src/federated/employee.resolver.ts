import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { ConnectionShape } from '@group/shared';
import { Employee } from './employee';
import { Customer } from '../customers/customer.entity';
import { Complaint } from '../complaints/complaint.entity';
import { CustomerConnection, CustomersArgs } from '../customers/dto/customers.args';
import { ComplaintConnection, ComplaintsArgs } from '../complaints/dto/complaints.args';
import { loadersOf, type CustomerServiceContext } from '../context';
import { Lead } from '../leads/lead.entity';
import { LeadConnection, LeadsArgs } from '../leads/dto/lead.inputs';
import { Opportunity } from '../opportunities/opportunity.entity';
import { OpportunitiesArgs, OpportunityConnection } from '../opportunities/dto/opportunity.inputs';

/** Fields this subgraph contributes to the organization's Employee. */
@Resolver(() => Employee)
export class EmployeeResolver {
  @FieldResolver(() => CustomerConnection, {
    // Contributed to another subgraph's entity: nullable, so that when this service is down the
    // gateway still returns the rest of the parent with an error for this field (partial data).
    nullable: true,
    description: 'Customers this employee owns, in the segments you can read.',
  })
  customers(@Root() e: Employee, @Args() args: CustomersArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<Customer>> {
    return loadersOf(ctx).customerPagesByOwnerId.load(e.id, args);
  }

  @FieldResolver(() => ComplaintConnection, {
    // Contributed to another subgraph's entity: nullable, so that when this service is down the
    // gateway still returns the rest of the parent with an error for this field (partial data).
    nullable: true,
    description: 'Complaints this employee handles, in the segments you can read.',
  })
  assignedComplaints(@Root() e: Employee, @Args() args: ComplaintsArgs, @Ctx() ctx: CustomerServiceContext, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Complaint>> {
    return loadersOf(ctx).complaintPagesByHandlerId.load(e.id, args, info);
  }

  @FieldResolver(() => LeadConnection, { nullable: true, description: 'Leads this employee owns, within what you can read.' })
  leads(@Root() e: Employee, @Args() args: LeadsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<Lead>> {
    return loadersOf(ctx).leadPagesByOwnerId.load(e.id, args);
  }

  @FieldResolver(() => OpportunityConnection, { nullable: true, description: 'Opportunities this employee owns, within what you can read.' })
  opportunities(@Root() e: Employee, @Args() args: OpportunitiesArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<Opportunity>> {
    return loadersOf(ctx).opportunityPagesByOwnerId.load(e.id, args);
  }
}
