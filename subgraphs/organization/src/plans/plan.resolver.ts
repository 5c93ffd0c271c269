import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, pageComplexity, requireViewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { Resolution } from '../meetings/meeting.entity';
import { Plan, PlanTarget } from './plan.entity';
import type { OrganizationContext } from '../context';
import { PlanConnection, CreatePlanInput, ReportPlanResultsInput, PlansArgs } from './dto/plan.inputs';
import { PlanCompletionRow } from './dto/plan.outputs';

@Resolver(() => Plan)
export class PlanResolver {
  @Authorized()
  @Query(() => PlanConnection, { complexity: pageComplexity, description: 'Plans of companies (company-scoped), latest period first.' })
  plans(@Args() args: PlansArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<Plan>> {
    return ctx.services.plans.list(requireViewer(ctx), args.filter ?? {}, args);
  }

  @Authorized()
  @Query(() => Plan, { nullable: true })
  plan(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.planById.load(id);
  }

  @Authorized()
  @Mutation(() => Plan, { description: 'Drafts a plan with its targets (ORG-R27). GROUP_EXECUTIVE only.' })
  createPlan(@Arg('input') input: CreatePlanInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.plans.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Plan, { description: "Adopts a plan by the passed resolution that approved it; annual operating and investment plans need the company's board (A12)." })
  approvePlan(
    @Arg('planId', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('resolutionId', () => ID) resolutionId: string,
    @Ctx() ctx: OrganizationContext,
  ) {
    return ctx.services.plans.approve(requireViewer(ctx), id, expectedVersion, resolutionId);
  }

  @Authorized()
  @Mutation(() => Plan, { description: 'Reports results against the targets (WF-ORG-7); optionally closes the plan.' })
  reportPlanResults(@Arg('input') input: ReportPlanResultsInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.plans.reportResults(requireViewer(ctx), input.planId, input.expectedVersion, input.results, input.close);
  }

  @Authorized()
  @Query(() => [PlanCompletionRow], { nullable: true, description: 'Report ORG-M5: target completion per approved plan of a company (null: company not readable).' })
  async planCompletionReport(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('period', () => String, { nullable: true }) period: string | null,
    @Ctx() ctx: OrganizationContext,
  ): Promise<PlanCompletionRow[] | null> {
    const rows = await ctx.services.plans.completion(requireViewer(ctx), companyId, period);
    return rows?.map((r) => Object.assign(new PlanCompletionRow(), { ...r, completionRate: r.targets ? r.achieved / r.targets : 0 })) ?? null;
  }

  @FieldResolver(() => Company, { nullable: true })
  company(@Root() p: Plan, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(p.companyId);
  }

  @FieldResolver(() => [PlanTarget])
  targets(@Root() p: Plan, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.targetsByPlanId.load(p.id);
  }

  @FieldResolver(() => Plan, { nullable: true, description: 'ORG-R27: the strategic plan an investment or project plan sits within (null when none or not readable).' })
  strategicPlan(@Root() p: Plan, @Ctx() ctx: OrganizationContext) {
    return p.strategicPlanId ? ctx.loaders.planById.load(p.strategicPlanId) : null;
  }

  @FieldResolver(() => Resolution, { nullable: true, description: 'The resolution that adopted the plan.' })
  approvalResolution(@Root() p: Plan, @Ctx() ctx: OrganizationContext) {
    return p.approvalResolutionId ? ctx.loaders.resolutionById.load(p.approvalResolutionId) : null;
  }
}

@Resolver(() => PlanTarget)
export class PlanTargetResolver {
  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the result meets the target (null until reported).' })
  achieved(@Root() t: PlanTarget): boolean | null {
    if (t.actualValue === null) return null;
    return t.higherIsBetter ? t.actualValue >= t.targetValue : t.actualValue <= t.targetValue;
  }
}

@Resolver(() => PlanCompletionRow)
export class PlanCompletionRowResolver {
  @FieldResolver(() => Plan, { nullable: true })
  plan(@Root() r: PlanCompletionRow, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.planById.load(r.planId);
  }
}
