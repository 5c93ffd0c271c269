import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { SalesOrder } from './sales-order.entity';
import { CreateSalesOrderInput, SalesOrderConnection, SalesOrdersArgs, UpdateSalesOrderInput } from './dto/sales-order.inputs';
import { Customer } from '../customers/customer.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { Segment } from '../federated/segment';
import { Employee } from '../federated/employee';
import { stub } from '../federated/stub';
import { loadersOf, type CustomerServiceContext } from '../context';

@Resolver(() => SalesOrder)
export class SalesOrderResolver {
  @Authorized()
  @Query(() => SalesOrderConnection, { description: 'Sales orders you can read.' })
  salesOrders(@Args() args: SalesOrdersArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<SalesOrder>> {
    return ctx.services.salesOrders.list(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => SalesOrder, { nullable: true })
  salesOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: CustomerServiceContext): Promise<SalesOrder | null> {
    return loadersOf(ctx).salesOrderById.load(id);
  }

  @Authorized()
  @Mutation(() => SalesOrder, { description: 'Enters the sales order of a signed contract (segment heads and business staff of the customer segment).' })
  createSalesOrder(@Arg('input', () => CreateSalesOrderInput) input: CreateSalesOrderInput, @Ctx() ctx: CustomerServiceContext): Promise<SalesOrder> {
    return ctx.services.salesOrders.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => SalesOrder)
  updateSalesOrder(@Arg('input', () => UpdateSalesOrderInput) input: UpdateSalesOrderInput, @Ctx() ctx: CustomerServiceContext): Promise<SalesOrder> {
    return ctx.services.salesOrders.update(requireViewer(ctx), input);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() o: SalesOrder, @Ctx() ctx: CustomerServiceContext): Promise<Customer | null> {
    return loadersOf(ctx).customerById.load(o.customerId);
  }

  @FieldResolver(() => Opportunity, { nullable: true })
  opportunity(@Root() o: SalesOrder, @Ctx() ctx: CustomerServiceContext): Promise<Opportunity | null> | null {
    return o.opportunityId ? loadersOf(ctx).opportunityById.load(o.opportunityId) : null;
  }

  @FieldResolver(() => Segment)
  segment(@Root() o: SalesOrder): Segment {
    return { id: o.segmentId };
  }

  @FieldResolver(() => Employee, { nullable: true })
  owner(@Root() o: SalesOrder): Employee | null {
    return stub(o.ownerId);
  }
}
