import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { ChurnEvent, CustomerTier } from './churn-event.entity';
import { TierRule } from './tier-rule.entity';
import { ChurnRate, ChurnReport, ChurnReportArgs, RecordChurnInput, SaveTierRuleInput, TierCount } from './dto/tiers.args';
import { Customer, customerRef } from '../federated/customer';
import type { MarketingContext } from '../context';

const rate = (managed: boolean, customersAtStart: number, churned: number) =>
  Object.assign(new ChurnRate(), { managed, customersAtStart, churned, rate: customersAtStart > 0 ? churned / customersAtStart : null });

@Resolver()
export class TierResolver {
  @Authorized()
  @Query(() => [TierRule], { description: 'The tier rules, by priority (G-23).' })
  tierRules(@Ctx() ctx: MarketingContext) {
    return ctx.services.tiers.rules();
  }

  @Authorized()
  @Mutation(() => TierRule, {
    description: 'Creates or replaces the rule of a tier (the group marketing department and group executives). Errors: FORBIDDEN TIER_RULE_FORBIDDEN, CONFLICT STALE_VERSION.',
  })
  saveTierRule(@Arg('input', () => SaveTierRuleInput) input: SaveTierRuleInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.tiers.saveRule(requireViewer(ctx), input.tier, input.priority, input.expression, input.expectedVersion);
  }

  @Authorized()
  @Mutation(() => [TierCount], {
    description: 'Recomputes every customer’s tier from the rules (one statement; the group marketing department, group executives and the scheduler).',
  })
  async runTierRules(@Ctx() ctx: MarketingContext) {
    const rows = await ctx.services.tiers.run(requireViewer(ctx));
    return rows.map((r) => Object.assign(new TierCount(), r));
  }

  @Authorized()
  @Mutation(() => Customer, {
    description: 'Sets (or with null clears) a manual tier for a customer of your segment (segment heads; the group marketing department in the segments it reads, G-23).',
  })
  async overrideCustomerTier(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('tier', () => CustomerTier, { nullable: true }) tier: CustomerTier | null,
    @Ctx() ctx: MarketingContext,
  ) {
    const p = await ctx.services.tiers.override(requireViewer(ctx), customerId, tier ?? null);
    return customerRef(p.customerId, p.segmentId);
  }

  @Authorized()
  @Mutation(() => ChurnEvent, { description: 'Records that a customer of your segment churned (segment heads and staff).' })
  recordChurn(@Arg('input', () => RecordChurnInput) input: RecordChurnInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.tiers.recordChurn(requireViewer(ctx), input.customerId, input.churnedAt, input.reason ?? null, input.idempotencyKey);
  }

  @Authorized()
  @Query(() => ChurnReport, { description: 'Churn rate over a period, managed vs not managed (MKT-M1, MKT-R17), over the segments you can read.' })
  async churnReport(@Args() args: ChurnReportArgs, @Ctx() ctx: MarketingContext): Promise<ChurnReport> {
    const rows = await ctx.services.tiers.churnReport(requireViewer(ctx), args.from, args.to, args.segmentId ?? null);
    const all = rows.reduce((a, r) => ({ s: a.s + r.customersAtStart, c: a.c + r.churned }), { s: 0, c: 0 });
    return Object.assign(new ChurnReport(), { byManagement: rows.map((r) => rate(r.managed, r.customersAtStart, r.churned)), total: rate(false, all.s, all.c) });
  }
}
