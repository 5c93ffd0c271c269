import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ConnectionShape } from '@group/shared';
import { Segment } from './segment';
import { Customer } from '../customers/customer.entity';
import { CustomerConnection, CustomersArgs } from '../customers/dto/customers.args';
import { loadersOf, type CustomerServiceContext } from '../context';

/** Fields this subgraph contributes to the organization's Segment. */
@Resolver(() => Segment)
export class SegmentResolver {
  @FieldResolver(() => CustomerConnection, { description: 'Customers of this segment (empty unless you can read it).' })
  customers(@Root() s: Segment, @Args() args: CustomersArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<Customer>> {
    return loadersOf(ctx).customerPagesBySegmentId.load(s.id, args);
  }
}
