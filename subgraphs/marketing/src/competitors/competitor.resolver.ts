import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { Competitor, CompetitorBranch, CompetitorBusiness, CompetitorPrice, CompetitorProduct, CompetitorRegion, CompetitorStrategy } from './competitor.entity';
import {
  AddCompetitorProductInput,
  AddCompetitorStrategyInput,
  CompetitorConnection,
  CompetitorsArgs,
  CreateCompetitorInput,
  UpdateCompetitorInput,
  UpdateCompetitorProductInput,
  UpdateCompetitorStrategyInput,
} from './dto/competitors.args';
import type { MarketingContext } from '../context';
import { competitorErrors } from './competitor.errors';

/**
 * Competitor intelligence (MKT-R05–R12). Every entry point checks the role
 * (CompetitorService.check); nested fields are only reachable from a
 * competitor the viewer was allowed to read. Competitor has no federation key:
 * it is not reachable through `_entities`. `Opportunity.competitors` is in
 * opportunity-competitor.resolver.ts.
 */
@Resolver(() => Competitor)
export class CompetitorResolver {
  @Authorized()
  @Query(() => CompetitorConnection, {
    description:
      'Competitors, archived ones only with includeArchived (group executives, segment heads and the group marketing department; FORBIDDEN COMPETITOR_INTELLIGENCE_FORBIDDEN otherwise).',
  })
  competitors(@Args() args: CompetitorsArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<Competitor>> {
    return ctx.services.competitors.list(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => Competitor, { nullable: true })
  competitor(@Arg('id', () => ID) id: string, @Ctx() ctx: MarketingContext) {
    ctx.services.competitors.check(requireViewer(ctx));
    return ctx.loaders.competitorById.load(id);
  }

  @Authorized()
  @Mutation(() => Competitor, { description: 'Records a competitor with branches, business types and operating regions. Errors: FORBIDDEN, CONFLICT COMPETITOR_EXISTS.' })
  createCompetitor(@Arg('input', () => CreateCompetitorInput) input: CreateCompetitorInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitors.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => CompetitorProduct, { description: 'Adds a competitor product with every attribute of the source and its pricing.' })
  addCompetitorProduct(@Arg('input', () => AddCompetitorProductInput) input: AddCompetitorProductInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitors.addProduct(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => CompetitorPrice, { description: 'Appends a price to a competitor product’s history; the latest becomes its priceLevel.' })
  recordCompetitorPrice(
    @Arg('productId', () => ID) productId: string,
    @Arg('price', () => Float) price: number,
    @Arg('effectiveAt') effectiveAt: Date,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Arg('idempotencyKey', () => String, { nullable: true, description: 'Optional: a retry with the same key returns the first price, never a duplicate.' })
    idempotencyKey: string | null,
    @Ctx() ctx: MarketingContext,
  ) {
    if (idempotencyKey && idempotencyKey.length > 64) throw competitorErrors.idempotencyKeyTooLong();
    return ctx.services.competitors.recordPrice(requireViewer(ctx), productId, price, effectiveAt, note ?? null, idempotencyKey);
  }

  @Authorized()
  @Mutation(() => CompetitorStrategy, { description: 'Records a competitor marketing strategy on one of the two lines.' })
  addCompetitorStrategy(@Arg('input', () => AddCompetitorStrategyInput) input: AddCompetitorStrategyInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitors.addStrategy(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Competitor, {
    description: 'Updates a competitor’s basic information; lists sent replace the old ones. Errors: FORBIDDEN, NOT_FOUND, CONFLICT STALE_VERSION / COMPETITOR_EXISTS.',
  })
  updateCompetitor(@Arg('input', () => UpdateCompetitorInput) input: UpdateCompetitorInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitors.update(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Competitor, { description: 'Archives a competitor (kept with its history, hidden from lists). Errors: FORBIDDEN, NOT_FOUND, CONFLICT STALE_VERSION.' })
  archiveCompetitor(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitors.archive(requireViewer(ctx), id, expectedVersion);
  }

  @Authorized()
  @Mutation(() => CompetitorProduct, {
    description: 'Updates a competitor product (prices: recordCompetitorPrice). Errors: FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, CONFLICT STALE_VERSION.',
  })
  updateCompetitorProduct(@Arg('input', () => UpdateCompetitorProductInput) input: UpdateCompetitorProductInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitors.updateProduct(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes a competitor product recorded by mistake, with its price history. Errors: FORBIDDEN, NOT_FOUND, CONFLICT STALE_VERSION.' })
  deleteCompetitorProduct(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitors.deleteProduct(requireViewer(ctx), id, expectedVersion);
  }

  @Authorized()
  @Mutation(() => CompetitorStrategy, { description: 'Updates a competitor marketing strategy. Errors: FORBIDDEN, NOT_FOUND, CONFLICT STALE_VERSION.' })
  updateCompetitorStrategy(@Arg('input', () => UpdateCompetitorStrategyInput) input: UpdateCompetitorStrategyInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitors.updateStrategy(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes a competitor marketing strategy. Errors: FORBIDDEN, NOT_FOUND, CONFLICT STALE_VERSION.' })
  deleteCompetitorStrategy(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitors.deleteStrategy(requireViewer(ctx), id, expectedVersion);
  }

  @FieldResolver(() => [CompetitorBranch], { description: '主要机构.' })
  branches(@Root() c: Competitor, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.competitorBranchesByCompetitorId.load(c.id);
  }

  @FieldResolver(() => [CompetitorBusiness], { description: '业务类型.' })
  businessTypes(@Root() c: Competitor, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.competitorBusinessesByCompetitorId.load(c.id);
  }

  @FieldResolver(() => [CompetitorRegion], { description: '经营地区范围.' })
  operatingRegions(@Root() c: Competitor, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.competitorRegionsByCompetitorId.load(c.id);
  }

  @FieldResolver(() => [CompetitorProduct], { description: '产品信息, by name.' })
  products(@Root() c: Competitor, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.competitorProductsByCompetitorId.load(c.id);
  }

  @FieldResolver(() => [CompetitorStrategy], { description: 'Marketing strategies on the two lines, newest first.' })
  strategies(@Root() c: Competitor, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.competitorStrategiesByCompetitorId.load(c.id);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'MKT-M7: average product update cycle in days (shorter = stronger competitor, MKT-R11).' })
  async averageUpdateCycleDays(@Root() c: Competitor, @Ctx() ctx: MarketingContext): Promise<number | null> {
    const cycles = (await ctx.loaders.competitorProductsByCompetitorId.load(c.id)).map((p) => p.updateCycleDays).filter((d): d is number => d !== null);
    return cycles.length ? cycles.reduce((a, b) => a + b, 0) / cycles.length : null;
  }
}

@Resolver(() => CompetitorProduct)
export class CompetitorProductResolver {
  @FieldResolver(() => [CompetitorPrice], { description: 'Price history, oldest first.' })
  priceHistory(@Root() p: CompetitorProduct, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.competitorPricesByProductId.load(p.id);
  }
}
