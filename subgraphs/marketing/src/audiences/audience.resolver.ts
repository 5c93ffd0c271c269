import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { Audience, Campaign } from './audience.entity';
import {
  AudienceConnection,
  AudienceMemberConnection,
  AudienceMembersArgs,
  AudiencesArgs,
  CampaignConnection,
  CampaignResultsInput,
  CampaignsArgs,
  CreateAudienceInput,
  CreateCampaignInput,
} from './dto/audiences.args';
import { customerRef } from '../federated/customer';
import type { MarketingContext } from '../context';

@Resolver(() => Audience)
export class AudienceResolver {
  @Authorized()
  @Query(() => AudienceConnection, { description: 'Audiences of the segments you can read.' })
  audiences(@Args() args: AudiencesArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<Audience>> {
    return ctx.services.audiences.list(requireViewer(ctx), args, args.sort());
  }

  @Authorized()
  @Query(() => AudienceMemberConnection, { description: 'Members of an audience (NOT_FOUND if you cannot read its segment).' })
  async audienceMembers(@Args() args: AudienceMembersArgs, @Ctx() ctx: MarketingContext): Promise<AudienceMemberConnection> {
    const page = await ctx.services.audiences.members(requireViewer(ctx), args.audienceId, args);
    const edges = page.ids.map((id) => ({ cursor: ctx.services.audiences.cursorOf(id), node: customerRef(id, page.audience.segmentId) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
  }

  @Authorized()
  @Mutation(() => Audience, {
    description:
      'Creates an audience of your segment from a tag expression; SNAPSHOT freezes the members now. Errors: FORBIDDEN, BAD_USER_INPUT AUDIENCE_EXPRESSION_INVALID / TAG_NOT_FOUND.',
  })
  createAudience(@Arg('input', () => CreateAudienceInput) input: CreateAudienceInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.audiences.create(requireViewer(ctx), input);
  }

  @FieldResolver(() => Int, { description: 'Number of members (dynamic: now); one statement for all audiences of a page.' })
  async size(@Root() a: Audience, @Ctx() ctx: MarketingContext): Promise<number> {
    return (await ctx.loaders.audienceSizeByAudience.load(a))?.size ?? 0;
  }
}

@Resolver(() => Campaign)
export class CampaignResolver {
  @Authorized()
  @Query(() => CampaignConnection, { description: 'Campaigns of the segments you can read.' })
  campaigns(@Args() args: CampaignsArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<Campaign>> {
    return ctx.services.audiences.listCampaigns(requireViewer(ctx), args.filter?.audienceId ?? null, args, args.sort());
  }

  @Authorized()
  @Mutation(() => Campaign, { description: 'Creates a campaign targeting an audience of your segment.' })
  createCampaign(@Arg('input', () => CreateCampaignInput) input: CreateCampaignInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.audiences.createCampaign(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Campaign, { description: 'Records a campaign’s results. Errors: CONFLICT STALE_VERSION.' })
  recordCampaignResults(@Arg('input', () => CampaignResultsInput) input: CampaignResultsInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.audiences.recordResults(requireViewer(ctx), input.campaignId, input.expectedVersion, input);
  }

  @FieldResolver(() => Audience, { nullable: true })
  audience(@Root() c: Campaign, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.audienceById.load(c.audienceId);
  }
}
