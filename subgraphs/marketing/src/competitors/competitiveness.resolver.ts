import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { Competitor } from './competitor.entity';
import { CompetitivenessIndicator, CompetitivenessScore } from './competitiveness.entity';
import type { MarketingContext } from '../context';
import {
  CreateCompetitivenessIndicatorInput,
  RecordCompetitivenessScoreInput,
  UpdateCompetitivenessIndicatorInput,
  UpdateCompetitivenessScoreInput,
} from './dto/competitiveness.input';
import { CompetitivenessPeriod, CompetitivenessRank } from './dto/competitiveness.output';

/**
 * The competitiveness-evaluation indicator system (MKT-R05, MKT-M6). Every entry point goes through
 * CompetitivenessService, which applies the competitor-intelligence scope (COMPETITOR_INTELLIGENCE_FORBIDDEN).
 */
@Resolver(() => CompetitivenessIndicator)
export class CompetitivenessResolver {
  @Authorized()
  @Query(() => [CompetitivenessIndicator], { description: 'MKT-R05: the group-wide competitiveness-evaluation indicators, by code (retired ones with includeRetired).' })
  competitivenessIndicators(@Arg('includeRetired', () => Boolean, { nullable: true }) includeRetired: boolean | null, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitiveness.indicators(requireViewer(ctx), includeRetired ?? false);
  }

  @Authorized()
  @Query(() => [CompetitivenessRank], { description: 'MKT-M6: competitors scored in a quarter, most competitive first.' })
  async competitivenessRanking(@Arg('period') period: string, @Ctx() ctx: MarketingContext): Promise<CompetitivenessRank[]> {
    const points = await ctx.services.competitiveness.ranking(requireViewer(ctx), period);
    return points.map((p, i) => Object.assign(new CompetitivenessRank(), { ...p, rank: i + 1 }));
  }

  @Authorized()
  @Mutation(() => CompetitivenessIndicator, {
    description:
      'Adds an indicator (group executives and the marketing department). Errors: FORBIDDEN, BAD_USER_INPUT INDICATOR_CODE_INVALID / INDICATOR_WEIGHT_INVALID / INDICATOR_SCALE_INVALID, CONFLICT INDICATOR_CODE_TAKEN.',
  })
  createCompetitivenessIndicator(@Arg('input') input: CreateCompetitivenessIndicatorInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitiveness.createIndicator(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => CompetitivenessIndicator, { description: 'Renames or re-weights an indicator (its scale is fixed). Errors: FORBIDDEN, NOT_FOUND, CONFLICT STALE_VERSION.' })
  updateCompetitivenessIndicator(@Arg('input') input: UpdateCompetitivenessIndicatorInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitiveness.updateIndicator(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => CompetitivenessIndicator, { description: 'Retires an indicator: no new scores, past scores stay. Errors: FORBIDDEN, NOT_FOUND, CONFLICT STALE_VERSION.' })
  retireCompetitivenessIndicator(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitiveness.retireIndicator(requireViewer(ctx), id, expectedVersion);
  }

  @Authorized()
  @Mutation(() => CompetitivenessScore, {
    description:
      'Scores a competitor on an indicator for a quarter. Errors: FORBIDDEN, NOT_FOUND, BAD_USER_INPUT PERIOD_INVALID / SCORE_OUT_OF_SCALE / INDICATOR_RETIRED / COMPETITOR_ARCHIVED, CONFLICT SCORE_EXISTS.',
  })
  recordCompetitivenessScore(@Arg('input') input: RecordCompetitivenessScoreInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitiveness.recordScore(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => CompetitivenessScore, { description: 'Corrects a score or its note. Errors: FORBIDDEN, NOT_FOUND, BAD_USER_INPUT SCORE_OUT_OF_SCALE, CONFLICT STALE_VERSION.' })
  updateCompetitivenessScore(@Arg('input') input: UpdateCompetitivenessScoreInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitiveness.updateScore(requireViewer(ctx), input);
  }
}

@Resolver(() => CompetitivenessRank)
export class CompetitivenessRankResolver {
  @FieldResolver(() => Competitor, { nullable: true })
  competitor(@Root() r: CompetitivenessRank, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.competitorById.load(r.competitorId);
  }
}

@Resolver(() => CompetitivenessScore)
export class CompetitivenessScoreResolver {
  @FieldResolver(() => CompetitivenessIndicator, { nullable: true })
  indicator(@Root() s: CompetitivenessScore, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.competitivenessIndicatorById.load(s.indicatorId);
  }

  @FieldResolver(() => Competitor, { nullable: true })
  competitor(@Root() s: CompetitivenessScore, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.competitorById.load(s.competitorId);
  }
}

@Resolver(() => Competitor)
export class CompetitorCompetitivenessResolver {
  @FieldResolver(() => [CompetitivenessScore], { description: 'MKT-M6: scores per indicator, newest quarter first (one quarter with period).' })
  async competitivenessScores(@Root() c: Competitor, @Arg('period', () => String, { nullable: true }) period: string | null, @Ctx() ctx: MarketingContext) {
    const all = await ctx.loaders.competitivenessScoresByCompetitorId.load(c.id);
    return period ? all.filter((s) => s.period === period) : all;
  }

  @FieldResolver(() => [CompetitivenessPeriod], {
    description: 'MKT-M6: the weighted competitiveness score per quarter, oldest first, with the change against the previous quarter.',
  })
  competitivenessTrend(@Root() c: Competitor, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.competitivenessTrendByCompetitorId.load(c.id);
  }
}
