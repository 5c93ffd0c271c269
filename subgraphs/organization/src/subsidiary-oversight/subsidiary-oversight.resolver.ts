import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, pageComplexity, requireViewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { Resolution } from '../meetings/meeting.entity';
import { Plan } from '../plans/plan.entity';
import { SubsidiaryOversightItem } from './subsidiary-oversight.entity';
import type { OrganizationContext } from '../context';
import { SubsidiaryOversightItemConnection, SubmitSubsidiaryMatterInput, DecideSubsidiaryMatterInput, SubsidiaryMattersArgs } from './dto/subsidiary-oversight.inputs';
import { OversightRegisterRow } from './dto/subsidiary-oversight.outputs';

@Resolver(() => SubsidiaryOversightItem)
export class SubsidiaryOversightResolver {
  @Authorized()
  @Query(() => SubsidiaryOversightItemConnection, {
    complexity: pageComplexity,
    description: 'Subsidiary matters overseen by their parents (scoped by the subsidiary), newest first.',
  })
  subsidiaryOversightItems(@Args() args: SubsidiaryMattersArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<SubsidiaryOversightItem>> {
    return ctx.services.subsidiaryOversight.listMatters(requireViewer(ctx), args.filter ?? {}, args);
  }

  @Authorized()
  @Query(() => [OversightRegisterRow], { description: 'Report ORG-M9: open oversight items per subsidiary and matter (subsidiaries you may read).' })
  async subsidiaryOversightRegister(@Ctx() ctx: OrganizationContext): Promise<OversightRegisterRow[]> {
    return (await ctx.services.subsidiaryOversight.register(requireViewer(ctx))).map((r) => Object.assign(new OversightRegisterRow(), r));
  }

  @Authorized()
  @Mutation(() => SubsidiaryOversightItem, { description: 'Registers a subsidiary matter for its parent to approve or take on file (WF-ORG-10). GROUP_EXECUTIVE only.' })
  submitSubsidiaryMatter(@Arg('input') input: SubmitSubsidiaryMatterInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.subsidiaryOversight.submitMatter(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => SubsidiaryOversightItem, { description: "The parent approves (citing its body's resolution, ORG-R12), rejects or files a subsidiary matter." })
  decideSubsidiaryMatter(@Arg('input') input: DecideSubsidiaryMatterInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.subsidiaryOversight.decideMatter(requireViewer(ctx), input.id, input.expectedVersion, input.outcome, input.decision ?? null, input.resolutionId);
  }

  @FieldResolver(() => Plan, { nullable: true, description: 'ORG-R27: the strategic plan an investment matter sits within (null when not readable).' })
  strategicPlan(@Root() i: SubsidiaryOversightItem, @Ctx() ctx: OrganizationContext) {
    return i.strategicPlanId ? ctx.loaders.planById.load(i.strategicPlanId) : null;
  }

  @FieldResolver(() => Resolution, { nullable: true, description: "ORG-R12: the parent body's resolution that approved the matter." })
  resolution(@Root() i: SubsidiaryOversightItem, @Ctx() ctx: OrganizationContext) {
    return i.resolutionId ? ctx.loaders.resolutionById.load(i.resolutionId) : null;
  }

  @FieldResolver(() => Company, { nullable: true })
  subsidiary(@Root() i: SubsidiaryOversightItem, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(i.subsidiaryId);
  }

  @FieldResolver(() => Company, { nullable: true, description: 'The parent overseeing it as investor.' })
  parentCompany(@Root() i: SubsidiaryOversightItem, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(i.parentCompanyId);
  }
}

@Resolver(() => OversightRegisterRow)
export class OversightRegisterRowResolver {
  @FieldResolver(() => Company, { nullable: true })
  subsidiary(@Root() r: OversightRegisterRow, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(r.subsidiaryId);
  }
}
