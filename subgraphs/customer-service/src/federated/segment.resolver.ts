import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ConnectionShape } from '@group/shared';
import { Segment } from './segment';
import { Customer } from '../customers/customer.entity';
import { CustomerConnection, CustomersArgs } from '../customers/dto/customers.args';
import { loadersOf, type CustomerServiceContext } from '../context';
import { PipelineStage } from '../opportunities/dto/opportunity.inputs';

/** Fields this subgraph contributes to the organization's Segment. */
@Resolver(() => Segment)
export class SegmentResolver {
  @FieldResolver(() => CustomerConnection, {
    // Contributed to another subgraph's entity: nullable, so that when this service is down the
    // gateway still returns the rest of the parent with an error for this field (partial data).
    nullable: true,
    description: 'Customers of this segment (empty unless you can read it).',
  })
  customers(@Root() s: Segment, @Args() args: CustomersArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<Customer>> {
    return loadersOf(ctx).customerPagesBySegmentId.load(s.id, args);
  }

  @FieldResolver(() => [PipelineStage], {
    nullable: true,
    description:
      'Open opportunities of this segment per stage of its stage list: count, amount, weighted amount (empty unless you can read the segment; business staff: their own).',
  })
  async pipeline(@Root() s: Segment, @Ctx() ctx: CustomerServiceContext): Promise<PipelineStage[]> {
    const rows = await loadersOf(ctx).pipelineBySegmentId.load(s.id);
    return rows.map((r) => ({
      stage: r.stage.code,
      stageName: r.stage.name,
      position: r.stage.position,
      probability: r.stage.probability,
      count: r.count,
      amount: r.amount,
      weightedAmount: r.weightedAmount,
    }));
  }
}
