import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { Customer } from './customer.entity';
import { CustomerConnection, CustomersArgs } from './dto/customers.args';
import { CreateCustomerInput } from './dto/create-customer.input';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintConnection, ComplaintsArgs } from '../complaints/dto/complaints.args';
import { Segment } from '../federated/segment';
import { Employee } from '../federated/employee';
import { stub } from '../federated/stub';
import { loadersOf, type CustomerServiceContext } from '../context';

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

  @FieldResolver(() => Segment)
  segment(@Root() c: Customer): Segment {
    return { id: c.segmentId };
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'Employee who owns the relationship.' })
  owner(@Root() c: Customer): Employee | null {
    return stub(c.ownerId);
  }

  @FieldResolver(() => ComplaintConnection)
  complaints(@Root() c: Customer, @Args() args: ComplaintsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<Complaint>> {
    return loadersOf(ctx).complaintPagesByCustomerId.load(c.id, args);
  }
}
