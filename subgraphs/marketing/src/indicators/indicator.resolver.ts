import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { CustomerIndicatorDefinition, IngestionResult, RecordCustomerIndicatorsInput, RecordCustomerSegmentsInput } from './dto/indicators.input';
import { INDICATORS } from './indicator-catalogue';
import type { MarketingContext } from '../context';

@Resolver()
export class IndicatorResolver {
  @Authorized()
  @Query(() => [CustomerIndicatorDefinition], { description: 'The indicators tag rules may use.' })
  customerIndicatorDefinitions(): CustomerIndicatorDefinition[] {
    return INDICATORS.map((i) => Object.assign(new CustomerIndicatorDefinition(), i));
  }

  @Authorized()
  @Mutation(() => IngestionResult, {
    description:
      'Records indicator observations produced by another subgraph (integration jobs only: SYSTEM_ADMIN with the SYSTEM_INTEGRATION capability; idempotent upsert by customer, code and asOf). ' +
      'Errors: FORBIDDEN INDICATOR_INGESTION_FORBIDDEN, BAD_USER_INPUT UNKNOWN_INDICATOR / INDICATOR_AS_OF_IN_FUTURE.',
  })
  async recordCustomerIndicators(@Arg('input', () => RecordCustomerIndicatorsInput) input: RecordCustomerIndicatorsInput, @Ctx() ctx: MarketingContext) {
    const written = await ctx.services.customerIndicators.record(requireViewer(ctx), input.source, input.observations);
    return Object.assign(new IngestionResult(), { written });
  }

  @Authorized()
  @Mutation(() => IngestionResult, {
    description:
      "Records customers' segments (from customer-service / organization) into marketing's projection; integration jobs only (SYSTEM_ADMIN with the SYSTEM_INTEGRATION capability).",
  })
  async recordCustomerSegments(@Arg('input', () => RecordCustomerSegmentsInput) input: RecordCustomerSegmentsInput, @Ctx() ctx: MarketingContext) {
    const written = await ctx.services.customerIndicators.recordSegments(requireViewer(ctx), input.customers);
    return Object.assign(new IngestionResult(), { written });
  }
}
