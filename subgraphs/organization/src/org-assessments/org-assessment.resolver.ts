import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, pageComplexity, requireViewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { Department } from '../departments/department.entity';
import { Employee } from '../employees/employee.entity';
import { Resolution } from '../meetings/meeting.entity';
import { OrgAssessment, OrgAssessmentFinding, OrgAssessmentOpinion, StakeholderGroup } from './org-assessment.entity';
import type { OrganizationContext } from '../context';
import { IdempotentArgs } from '../common/idempotency-key';
import { OrgAssessmentsArgs, RecordOrgFindingInput, RecordStakeholderOpinionInput, DecideOrgAssessmentInput, OrgAssessmentConnection } from './dto/org-assessment.inputs';
import { OrgFindingsReportRow } from './dto/org-assessment.outputs';

/** Organisational assessments (WF-ORG-4, ORG-R11) and report ORG-M6. */
@Resolver(() => OrgAssessment)
export class OrgAssessmentResolver {
  @Authorized()
  @Query(() => [OrgFindingsReportRow], { nullable: true, description: 'Report ORG-M6: assessment findings per kind and their resolution (null: company not readable).' })
  orgAssessmentFindingsReport(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext) {
    return ctx.services.orgAssessments.findingsReport(requireViewer(ctx), companyId);
  }

  @Authorized()
  @Query(() => OrgAssessment, { nullable: true })
  orgAssessment(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.orgAssessmentById.load(id);
  }

  @Authorized()
  @Query(() => OrgAssessmentConnection, { complexity: pageComplexity, description: 'Organisational assessments (WF-ORG-4), newest first (company-scoped).' })
  orgAssessments(@Args() args: OrgAssessmentsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<OrgAssessment>> {
    return ctx.services.orgAssessments.list(requireViewer(ctx), args.filter ?? {}, args);
  }

  @Authorized()
  @Mutation(() => OrgAssessment, { description: 'Opens an (irregular) organisational assessment of a company (ORG-R11). GROUP_EXECUTIVE only.' })
  openOrgAssessment(@Arg('companyId', () => ID) companyId: string, @Arg('scope') scope: string, @Args() k: IdempotentArgs, @Ctx() ctx: OrganizationContext) {
    return ctx.services.orgAssessments.open(requireViewer(ctx), companyId, scope, k.idempotencyKey);
  }

  @Authorized()
  @Mutation(() => OrgAssessment, { description: 'Records a finding: a function that overlaps, is missing or is unclear.' })
  recordOrgFinding(@Arg('input') input: RecordOrgFindingInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.orgAssessments.recordFinding(
      requireViewer(ctx),
      input.assessmentId,
      input.expectedVersion,
      input.kind,
      input.description,
      input.departmentId,
      input.idempotencyKey,
    );
  }

  @Authorized()
  @Mutation(() => OrgAssessment, { description: 'Drafts the adjustment (restructuring) proposal, after at least one finding.' })
  draftRestructuringProposal(
    @Arg('assessmentId', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('proposal') proposal: string,
    @Ctx() ctx: OrganizationContext,
  ) {
    return ctx.services.orgAssessments.draftProposal(requireViewer(ctx), id, expectedVersion, proposal);
  }

  @Authorized()
  @Mutation(() => OrgAssessment, { description: 'Hears an opinion of a director, supervisor, senior manager or employee on the proposal (ORG-R11).' })
  recordStakeholderOpinion(@Arg('input') input: RecordStakeholderOpinionInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.orgAssessments.recordOpinion(
      requireViewer(ctx),
      input.assessmentId,
      input.expectedVersion,
      input.group,
      input.employeeId,
      input.opinion,
      input.idempotencyKey,
    );
  }

  @Authorized()
  @Mutation(() => OrgAssessment, { description: 'Submits the proposal to the board; every stakeholder group must have been heard (OPINIONS_MISSING).' })
  submitOrgAssessmentToBoard(@Arg('assessmentId', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: OrganizationContext) {
    return ctx.services.orgAssessments.submitToBoard(requireViewer(ctx), id, expectedVersion);
  }

  @Authorized()
  @Mutation(() => OrgAssessment, { description: 'The board approves (with its passed ORG_RESTRUCTURING resolution) or rejects the proposal.' })
  decideOrgAssessment(@Arg('input') input: DecideOrgAssessmentInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.orgAssessments.decide(requireViewer(ctx), input.assessmentId, input.expectedVersion, input.approve, input.resolutionId ?? null);
  }

  @Authorized()
  @Mutation(() => OrgAssessment, { description: 'Marks an approved restructuring as implemented (org chart, duties, positions updated).' })
  markOrgAssessmentImplemented(@Arg('assessmentId', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: OrganizationContext) {
    return ctx.services.orgAssessments.markImplemented(requireViewer(ctx), id, expectedVersion);
  }

  @FieldResolver(() => Company, { nullable: true })
  company(@Root() a: OrgAssessment, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(a.companyId);
  }

  @FieldResolver(() => [OrgAssessmentFinding])
  findings(@Root() a: OrgAssessment, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.findingsByAssessmentId.load(a.id);
  }

  @FieldResolver(() => [OrgAssessmentOpinion])
  opinions(@Root() a: OrgAssessment, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.opinionsByAssessmentId.load(a.id);
  }

  @FieldResolver(() => [StakeholderGroup], { description: 'Stakeholder groups not heard yet (ORG-R11).' })
  async missingOpinionGroups(@Root() a: OrgAssessment, @Ctx() ctx: OrganizationContext) {
    const heard = new Set((await ctx.loaders.opinionsByAssessmentId.load(a.id)).map((o) => o.stakeholderGroup));
    return Object.values(StakeholderGroup).filter((g) => !heard.has(g));
  }

  @FieldResolver(() => Resolution, { nullable: true, description: 'The board resolution that approved the restructuring.' })
  boardResolution(@Root() a: OrgAssessment, @Ctx() ctx: OrganizationContext) {
    return a.boardResolutionId ? ctx.loaders.resolutionById.load(a.boardResolutionId) : null;
  }
}

@Resolver(() => OrgAssessmentFinding)
export class OrgAssessmentFindingResolver {
  @FieldResolver(() => Department, { nullable: true })
  department(@Root() f: OrgAssessmentFinding, @Ctx() ctx: OrganizationContext) {
    return f.departmentId ? ctx.loaders.departmentById.load(f.departmentId) : null;
  }
}

@Resolver(() => OrgAssessmentOpinion)
export class OrgAssessmentOpinionResolver {
  @FieldResolver(() => Employee, { nullable: true })
  employee(@Root() o: OrgAssessmentOpinion, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.employeeById.load(o.employeeId);
  }
}
