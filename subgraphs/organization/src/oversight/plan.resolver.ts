import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Connection, ConnectionShape, PageArgs, pageComplexity, requireViewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { Resolution } from '../governance/meeting.entity';
import { OversightHandling, OversightStatus, Plan, PlanStatus, PlanTarget, PlanType, SubsidiaryOversightItem, SubsidiaryOversightMatter } from './plan.entity';
import type { OrganizationContext } from '../context';
import { IdempotentInput } from '../common/idempotency-key';

export const PlanConnection = Connection(Plan);
export const SubsidiaryOversightItemConnection = Connection(SubsidiaryOversightItem);

@InputType()
class PlanTargetInput {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => Float)
  @Min(-1e13)
  @Max(1e13)
  targetValue: number;

  @Field()
  @MinLength(1)
  @MaxLength(20)
  unit: string;

  @Field({ defaultValue: true, description: 'false when lower is better (costs, incidents).' })
  higherIsBetter: boolean;
}

@InputType()
class CreatePlanInput extends IdempotentInput {
  @Field(() => ID)
  companyId: string;

  @Field(() => PlanType)
  type: PlanType;

  @Field({ description: '2026 or 2026-2028.' })
  @MaxLength(20)
  period: string;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field(() => [PlanTargetInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  targets: PlanTargetInput[];

  @Field(() => ID, {
    nullable: true,
    description:
      'ORG-R27, required for INVESTMENT_PLAN and ANNUAL_IT_PROJECT_AND_FUNDING_PLAN: the adopted strategy / 3- or 5-year plan (of the company or a company above it) whose period covers this one.',
  })
  @IsOptional()
  strategicPlanId?: string | null;
}

@InputType()
class TargetResultInput {
  @Field(() => ID)
  targetId: string;

  @Field(() => Float)
  @Min(-1e13)
  @Max(1e13)
  actualValue: number;
}

@InputType()
class ReportPlanResultsInput {
  @Field(() => ID)
  planId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => [TargetResultInput])
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  results: TargetResultInput[];

  @Field({ defaultValue: false, description: 'Close the plan (its period is over).' })
  close: boolean;
}

@InputType()
class PlanFilter {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => PlanType, { nullable: true })
  type?: PlanType | null;

  @Field(() => PlanStatus, { nullable: true })
  status?: PlanStatus | null;
}

@ArgsType()
class PlansArgs extends PageArgs {
  @Field(() => PlanFilter, { nullable: true })
  @ValidateNested()
  filter?: PlanFilter | null;
}

@InputType()
class SubmitSubsidiaryMatterInput extends IdempotentInput {
  @Field(() => ID)
  subsidiaryId: string;

  @Field(() => SubsidiaryOversightMatter)
  matter: SubsidiaryOversightMatter;

  @Field(() => OversightHandling, { description: 'G-30: prior approval by the parent, or filing (报备).' })
  handling: OversightHandling;

  @Field()
  @MinLength(1)
  @MaxLength(5000)
  description: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(100_000_000)
  amountWan?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: 'ORG-R27, required for MAJOR_INVESTMENT_AND_FINANCING: the adopted, current strategic plan (of the subsidiary or a company above it) the investment sits within.',
  })
  @IsOptional()
  strategicPlanId?: string | null;
}

@InputType()
class DecideSubsidiaryMatterInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => OversightStatus, { description: 'APPROVED or REJECTED for an APPROVE matter; FILED for a FILE matter.' })
  outcome: OversightStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  decision?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "ORG-R12, required to approve: the adopted resolution on SUBSIDIARY_MATTER of a parent body holding the major-decision power for the amount (e.g. the group board by delegation), for at least the matter's amount; it then names this matter and decides nothing else.",
  })
  @IsOptional()
  resolutionId?: string | null;
}

@InputType()
class SubsidiaryMatterFilter {
  @Field(() => ID, { nullable: true })
  subsidiaryId?: string | null;

  @Field(() => OversightStatus, { nullable: true })
  status?: OversightStatus | null;

  @Field(() => SubsidiaryOversightMatter, { nullable: true })
  matter?: SubsidiaryOversightMatter | null;
}

@ArgsType()
class SubsidiaryMattersArgs extends PageArgs {
  @Field(() => SubsidiaryMatterFilter, { nullable: true })
  @ValidateNested()
  filter?: SubsidiaryMatterFilter | null;
}

@ObjectType({ description: 'ORG-M5: targets of an approved plan set, reported and achieved.' })
class PlanCompletionRow {
  planId: string;
  @Field(() => Int) targets: number;
  @Field(() => Int) reported: number;
  @Field(() => Int) achieved: number;
  @Field(() => Float, { description: 'achieved / targets.' }) completionRate: number;
}

@ObjectType({ description: 'ORG-M9: open oversight items of a subsidiary for one matter.' })
class OversightRegisterRow {
  subsidiaryId: string;
  @Field(() => SubsidiaryOversightMatter) matter: SubsidiaryOversightMatter;
  @Field(() => Int) open: number;
}

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

@Resolver(() => SubsidiaryOversightItem)
export class SubsidiaryOversightResolver {
  @Authorized()
  @Query(() => SubsidiaryOversightItemConnection, {
    complexity: pageComplexity,
    description: 'Subsidiary matters overseen by their parents (scoped by the subsidiary), newest first.',
  })
  subsidiaryOversightItems(@Args() args: SubsidiaryMattersArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<SubsidiaryOversightItem>> {
    return ctx.services.plans.listMatters(requireViewer(ctx), args.filter ?? {}, args);
  }

  @Authorized()
  @Query(() => [OversightRegisterRow], { description: 'Report ORG-M9: open oversight items per subsidiary and matter (subsidiaries you may read).' })
  async subsidiaryOversightRegister(@Ctx() ctx: OrganizationContext): Promise<OversightRegisterRow[]> {
    return (await ctx.services.plans.register(requireViewer(ctx))).map((r) => Object.assign(new OversightRegisterRow(), r));
  }

  @Authorized()
  @Mutation(() => SubsidiaryOversightItem, { description: 'Registers a subsidiary matter for its parent to approve or take on file (WF-ORG-10). GROUP_EXECUTIVE only.' })
  submitSubsidiaryMatter(@Arg('input') input: SubmitSubsidiaryMatterInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.plans.submitMatter(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => SubsidiaryOversightItem, { description: "The parent approves (citing its body's resolution, ORG-R12), rejects or files a subsidiary matter." })
  decideSubsidiaryMatter(@Arg('input') input: DecideSubsidiaryMatterInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.plans.decideMatter(requireViewer(ctx), input.id, input.expectedVersion, input.outcome, input.decision ?? null, input.resolutionId);
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
