import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Info, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { Customer } from './customer.entity';
import { CustomerConnection, CustomersArgs } from './dto/customers.args';
import { CreateCustomerInput, UpdateCustomerInput } from './dto/create-customer.input';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintConnection, ComplaintsArgs } from '../complaints/dto/complaints.args';
import { Segment } from '../federated/segment';
import { Employee } from '../federated/employee';
import { stub } from '../federated/stub';
import { loadersOf, type CustomerServiceContext } from '../context';
import { Opportunity } from '../opportunities/opportunity.entity';
import { OpportunitiesArgs, OpportunityConnection } from '../opportunities/dto/opportunity.inputs';
import { SalesOrder } from '../orders/sales-order.entity';
import { SalesOrderConnection, SalesOrdersArgs } from '../orders/dto/sales-order.inputs';
import { GeneralAction } from '../actions/general-action.entity';
import { GeneralActionConnection, GeneralActionsArgs } from '../actions/dto/general-action.inputs';
import { CustomerContact } from './customer-contact.entity';

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized()
  @Query(() => CustomerConnection, { description: 'Customers of the segments you can read.' })
  customers(@Args() args: CustomersArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<Customer>> {
    return ctx.services.customers.list(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => Customer, { nullable: true, description: 'Null when missing or in a segment you cannot read.' })
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: CustomerServiceContext): Promise<Customer | null> {
    return loadersOf(ctx).customerById.load(id);
  }

  @Authorized()
  @Mutation(() => Customer, { description: 'Segment heads and business staff, in their own segments.' })
  createCustomer(@Arg('input', () => CreateCustomerInput) input: CreateCustomerInput, @Ctx() ctx: CustomerServiceContext): Promise<Customer> {
    return ctx.services.customers.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Customer, { description: 'Edits a customer of your segment (business staff: the ones they own).' })
  updateCustomer(@Arg('input', () => UpdateCustomerInput) input: UpdateCustomerInput, @Ctx() ctx: CustomerServiceContext): Promise<Customer> {
    return ctx.services.customers.update(requireViewer(ctx), input);
  }

  @FieldResolver(() => Segment)
  segment(@Root() c: Customer): Segment {
    return { id: c.segmentId };
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'Employee who owns the relationship.' })
  owner(@Root() c: Customer): Employee | null {
    return stub(c.ownerId);
  }

  @FieldResolver(() => ComplaintConnection)
  complaints(@Root() c: Customer, @Args() args: ComplaintsArgs, @Ctx() ctx: CustomerServiceContext, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Complaint>> {
    return loadersOf(ctx).complaintPagesByCustomerId.load(c.id, args, info);
  }

  @FieldResolver(() => OpportunityConnection, { description: 'Opportunities of this customer you can read.' })
  opportunities(@Root() c: Customer, @Args() args: OpportunitiesArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<Opportunity>> {
    return loadersOf(ctx).opportunityPagesByCustomerId.load(c.id, args);
  }

  @FieldResolver(() => SalesOrderConnection, { description: 'Sales orders of this customer you can read.' })
  orders(@Root() c: Customer, @Args() args: SalesOrdersArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<SalesOrder>> {
    return loadersOf(ctx).salesOrderPagesByCustomerId.load(c.id, args);
  }

  @FieldResolver(() => [CustomerContact], { description: 'Contact persons, primary first.' })
  contacts(@Root() c: Customer, @Ctx() ctx: CustomerServiceContext): Promise<CustomerContact[]> {
    return loadersOf(ctx).contactsByCustomerId.load(c.id);
  }

  @FieldResolver(() => GeneralActionConnection, { description: 'General actions about this customer (on it, its leads and its opportunities) you can read.' })
  generalActions(@Root() c: Customer, @Args() args: GeneralActionsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<GeneralAction>> {
    return loadersOf(ctx).generalActionPagesByCustomerId.load(c.id, args);
  }
}
