import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Customer } from './customer';
import { Employee, employeeRef } from './employee';
import { Grid } from '../grids/grid.entity';
import { GroupCustomer } from '../group-customers/group-customer.entity';
import { ChurnEvent, CustomerTier } from '../tiers/churn-event.entity';
import type { MarketingContext } from '../context';

/**
 * Marketing's other contributions to the federated Customer (tags are in
 * customer-tags.resolver.ts). Every loader is scoped to the viewer's readable
 * segments through customer_profile / the denormalised segment_id
 * (§3.1.3 rule 6), so even a Customer reached without the reference resolver
 * shows nothing of another segment. One statement per field per request.
 */
@Resolver(() => Customer)
export class CustomerMarketingResolver {
  @FieldResolver(() => CustomerTier, { nullable: true, description: 'Value tier: the manual override if any, else the computed tier (null until tiered).' })
  async tier(@Root() c: Customer, @Ctx() ctx: MarketingContext): Promise<CustomerTier | null> {
    const p = await ctx.loaders.profileByCustomerId.load(c.id);
    return ((p?.tierOverride ?? p?.tier) as CustomerTier | null) ?? null;
  }

  @FieldResolver(() => Grid, { nullable: true, description: 'The grid (网格) the customer is placed in.' })
  async grid(@Root() c: Customer, @Ctx() ctx: MarketingContext) {
    const p = await ctx.loaders.profileByCustomerId.load(c.id);
    return p?.gridId ? ctx.loaders.gridById.load(p.gridId) : null;
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The customer manager responsible for the customer now.' })
  async customerManager(@Root() c: Customer, @Ctx() ctx: MarketingContext) {
    const a = await ctx.loaders.activeManagerByCustomerId.load(c.id);
    return a ? employeeRef(a.managerEmployeeId) : null;
  }

  @FieldResolver(() => GroupCustomer, { nullable: true, description: 'Marketing’s group-customer record (集团客户), for customers of kind GROUP.' })
  groupCustomer(@Root() c: Customer, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.groupCustomerByCustomerId.load(c.id);
  }

  @FieldResolver(() => [ChurnEvent], {
    // Contributed to another subgraph's entity: nullable, so that when this service is down the
    // gateway still returns the rest of the parent with an error for this field (partial data).
    nullable: true,
    description: 'Times the customer churned, oldest first.',
  })
  churnEvents(@Root() c: Customer, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.churnEventsByCustomerId.load(c.id);
  }
}
