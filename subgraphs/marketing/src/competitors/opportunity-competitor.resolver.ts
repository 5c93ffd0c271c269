import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { OpportunityCompetitor } from './opportunity-competitor.entity';
import { Competitor } from './competitor.entity';
import { LinkOpportunityCompetitorInput, UpdateOpportunityCompetitorInput } from './dto/opportunity-competitors.input';
import { Opportunity, opportunityRef } from '../federated/opportunity';
import type { MarketingContext } from '../context';

/**
 * Competitors recorded against customer-service opportunities. Competitor
 * intelligence rules apply on every path (CompetitorService.check): others get
 * null and FORBIDDEN COMPETITOR_INTELLIGENCE_FORBIDDEN on
 * `Opportunity.competitors`; links take the opportunity's segment as
 * customer-service reports it to the writer, so another segment's links are invisible.
 */
@Resolver(() => OpportunityCompetitor)
export class OpportunityCompetitorResolver {
  @Authorized()
  @Mutation(() => OpportunityCompetitor, {
    description:
      'Records a competitor against a sales opportunity you can see (group executives, segment heads, the marketing department). ' +
      'Errors: FORBIDDEN COMPETITOR_INTELLIGENCE_FORBIDDEN, NOT_FOUND OPPORTUNITY_NOT_FOUND / COMPETITOR_NOT_FOUND, BAD_USER_INPUT COMPETITOR_ARCHIVED / OPPORTUNITY_SEGMENT_MISMATCH, UNAVAILABLE PARENT_CHECK_UNAVAILABLE, ' +
      'CONFLICT OPPORTUNITY_COMPETITOR_EXISTS / IDEMPOTENCY_KEY_REUSED.',
  })
  linkCompetitorToOpportunity(@Arg('input', () => LinkOpportunityCompetitorInput) input: LinkOpportunityCompetitorInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitors.linkToOpportunity(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => OpportunityCompetitor, { description: 'Changes the threat level or notes of a link. Errors: as linkCompetitorToOpportunity, CONFLICT STALE_VERSION.' })
  updateOpportunityCompetitor(@Arg('input', () => UpdateOpportunityCompetitorInput) input: UpdateOpportunityCompetitorInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitors.updateOpportunityLink(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => OpportunityCompetitor, {
    description: 'Removes a competitor from an opportunity; returns the removed link. Errors: NOT_FOUND OPPORTUNITYCOMPETITOR_NOT_FOUND, CONFLICT STALE_VERSION.',
  })
  unlinkCompetitorFromOpportunity(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: MarketingContext) {
    return ctx.services.competitors.unlinkFromOpportunity(requireViewer(ctx), id, expectedVersion);
  }

  @FieldResolver(() => Competitor, { nullable: true })
  competitor(@Root() l: OpportunityCompetitor, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.competitorById.load(l.competitorId);
  }

  @FieldResolver(() => Opportunity)
  opportunity(@Root() l: OpportunityCompetitor) {
    return opportunityRef(l.opportunityId);
  }
}

@Resolver(() => Opportunity)
export class OpportunityCompetitorsResolver {
  @FieldResolver(() => [OpportunityCompetitor], {
    // Contributed to another subgraph's entity: nullable (partial data when marketing is down, and
    // null with FORBIDDEN for viewers who may not see competitor intelligence).
    nullable: true,
    description: 'Competitors recorded against this opportunity, most threatening first (competitor intelligence: group executives, segment heads, the marketing department).',
  })
  competitors(@Root() o: Opportunity, @Ctx() ctx: MarketingContext) {
    const viewer = requireViewer(ctx);
    ctx.services.competitors.check(viewer);
    return ctx.loaders.opportunityCompetitorsByOpportunityId.load(o.id);
  }
}
