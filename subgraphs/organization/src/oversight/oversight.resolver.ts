import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Connection, ConnectionShape, PageArgs, pageComplexity, requireViewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { Department } from '../departments/department.entity';
import { Employee } from '../employees/employee.entity';
import { GoverningBody } from '../governance/governing-body.entity';
import { BodyMembership } from '../governance/body-membership.entity';
import { Meeting, Resolution } from '../governance/meeting.entity';
import { PolicyDocumentType } from '../policies/policy.entity';
import {
  CheckpointResult,
  CheckpointReview,
  CheckpointStatus,
  FollowUpStatus,
  GovernanceCheckpoint,
  GovernanceReport,
  SupervisoryAction,
  SupervisoryActionType,
  SupervisoryFinding,
} from './oversight.entity';
import { OrgAssessment, OrgAssessmentFinding, OrgAssessmentOpinion, OrgAssessmentState, OrgFindingKind, StakeholderGroup } from './org-assessment.entity';
import type { OrganizationContext } from '../context';
import { IdempotentArgs, IdempotentInput } from '../common/idempotency-key';

export const GovernanceReportConnection = Connection(GovernanceReport);
export const SupervisoryActionConnection = Connection(SupervisoryAction);
export const CheckpointReviewConnection = Connection(CheckpointReview);
export const OrgAssessmentConnection = Connection(OrgAssessment);

// ---- inputs and args ------------------------------------------------------------------

@InputType()
class SubmitGovernanceReportInput extends IdempotentInput {
  @Field(() => ID, { description: 'The reporting body: board, board of supervisors or management.' })
  fromBodyId: string;

  @Field(() => ID, { description: "The body reported to: the shareholders' meeting (from board or supervisors) or the board (from management)." })
  toBodyId: string;

  @Field(() => ID, { nullable: true, description: 'The meeting of the receiving body at which it was heard.' })
  meetingId?: string | null;

  @Field({ description: '2025, 2025-H1, 2025-Q3 or 2025-07.' })
  @MaxLength(20)
  period: string;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field()
  @MinLength(1)
  @MaxLength(20000)
  content: string;
}

@InputType()
class GovernanceReportFilter {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => ID, { nullable: true })
  toBodyId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20)
  period?: string | null;
}

@ArgsType()
class GovernanceReportsArgs extends PageArgs {
  @Field(() => GovernanceReportFilter, { nullable: true })
  @ValidateNested()
  filter?: GovernanceReportFilter | null;
}

@InputType()
class TakeSupervisoryActionInput extends IdempotentInput {
  @Field(() => ID, { description: 'The board of supervisors acting.' })
  bodyId: string;

  @Field(() => ID, { description: 'An active director or senior manager of the same company.' })
  targetEmployeeId: string;

  @Field(() => SupervisoryFinding)
  finding: SupervisoryFinding;

  @Field(() => SupervisoryActionType)
  action: SupervisoryActionType;

  @Field()
  @MinLength(1)
  @MaxLength(5000)
  description: string;
}

@InputType()
class FollowUpSupervisoryActionInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => FollowUpStatus, { description: 'FOLLOWING_UP or CLOSED (closing needs the follow-up text).' })
  status: FollowUpStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  followUp?: string | null;
}

@InputType()
class StatusFilter {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;
}

@InputType()
class SupervisoryActionFilter extends StatusFilter {
  @Field(() => FollowUpStatus, { nullable: true })
  status?: FollowUpStatus | null;
}

@ArgsType()
class SupervisoryActionsArgs extends PageArgs {
  @Field(() => SupervisoryActionFilter, { nullable: true })
  @ValidateNested()
  filter?: SupervisoryActionFilter | null;
}

@InputType()
class RecordCheckpointReviewInput extends IdempotentInput {
  @Field(() => ID)
  companyId: string;

  @Field({ description: '2025, 2025-H1, 2025-Q3 or 2025-07.' })
  @MaxLength(20)
  period: string;

  @Field(() => GovernanceCheckpoint)
  checkpoint: GovernanceCheckpoint;

  @Field(() => CheckpointResult)
  result: CheckpointResult;

  @Field(() => String, { nullable: true, description: 'The problem found (required for ISSUE).' })
  @IsOptional()
  @MaxLength(5000)
  issue?: string | null;
}

@InputType()
class AdjustCheckpointReviewInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => CheckpointStatus, { description: 'ADJUSTING or CLOSED.' })
  status: CheckpointStatus;

  @Field(() => String, { nullable: true, description: 'The corrective adjustment (required, ORG-R09; kept if already given).' })
  @IsOptional()
  @MaxLength(5000)
  correctiveAdjustment?: string | null;
}

@InputType()
class CheckpointReviewFilter extends StatusFilter {
  @Field(() => CheckpointStatus, { nullable: true })
  status?: CheckpointStatus | null;
}

@ArgsType()
class CheckpointReviewsArgs extends PageArgs {
  @Field(() => CheckpointReviewFilter, { nullable: true })
  @ValidateNested()
  filter?: CheckpointReviewFilter | null;
}

@InputType()
class OrgAssessmentFilter extends StatusFilter {
  @Field(() => OrgAssessmentState, { nullable: true })
  state?: OrgAssessmentState | null;
}

@ArgsType()
class OrgAssessmentsArgs extends PageArgs {
  @Field(() => OrgAssessmentFilter, { nullable: true })
  @ValidateNested()
  filter?: OrgAssessmentFilter | null;
}

@InputType()
class RecordOrgFindingInput extends IdempotentInput {
  @Field(() => ID)
  assessmentId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => OrgFindingKind)
  kind: OrgFindingKind;

  @Field(() => ID, { nullable: true, description: 'The department concerned (of the assessed company).' })
  departmentId?: string | null;

  @Field()
  @MinLength(1)
  @MaxLength(5000)
  description: string;
}

@InputType()
class RecordStakeholderOpinionInput extends IdempotentInput {
  @Field(() => ID)
  assessmentId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => StakeholderGroup)
  group: StakeholderGroup;

  @Field(() => ID, { description: 'Who spoke: an active member of the board / supervisors / management, or an employee of the company.' })
  employeeId: string;

  @Field()
  @MinLength(1)
  @MaxLength(5000)
  opinion: string;
}

@InputType()
class DecideOrgAssessmentInput {
  @Field(() => ID)
  assessmentId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field()
  approve: boolean;

  @Field(() => ID, { nullable: true, description: "Approval: the passed ORG_RESTRUCTURING resolution of the company's board." })
  resolutionId?: string | null;
}

// ---- report rows ------------------------------------------------------------------------

@ObjectType({ description: 'ORG-M2: one of the eight checkpoints for a period; review null = not reviewed yet.' })
class CheckpointReportRow {
  @Field(() => GovernanceCheckpoint)
  checkpoint: GovernanceCheckpoint;

  @Field(() => CheckpointReview, { nullable: true })
  review: CheckpointReview | null;
}

@ObjectType({ description: "ORG-M3: shareholders' meetings held vs scheduled (按时: within 24 hours of the scheduled start), with the reports heard." })
class MeetingTimelinessReport {
  @Field(() => Int) scheduled: number;
  @Field(() => Int) held: number;
  @Field(() => Int) heldOnTime: number;
  @Field(() => Int) heldLate: number;
  @Field(() => Int, { description: 'Scheduled in the past, not held.' }) overdue: number;
  @Field(() => Int) upcoming: number;
  @Field(() => Int, { description: "Board reports heard at shareholders' meetings (checkpoint 1)." }) boardReportsHeard: number;
  @Field(() => Int, { description: "Board of supervisors reports heard at shareholders' meetings." }) supervisorReportsHeard: number;
}

@ObjectType({ description: 'ORG-M6: findings of organisational assessments per kind; resolved = in an implemented restructuring.' })
class OrgFindingsReportRow {
  @Field(() => OrgFindingKind) kind: OrgFindingKind;
  @Field(() => Int) total: number;
  @Field(() => Int) resolved: number;
}

@ObjectType({ description: "ORG-M8: a department's level in the tree (1 = top) and span of control." })
class SpanOfControlRow {
  departmentId: string;
  @Field(() => Int) level: number;
  @Field(() => Int, { description: 'Direct sub-units.' }) directSubunits: number;
  @Field(() => Int, { description: 'Direct employees not departed.' }) directEmployees: number;
}

@ObjectType({ description: 'ORG-M8 for a company: levels, spans and flatness (D02 扁平化).' })
class SpanOfControlReport {
  @Field(() => Int, { description: 'Management levels (depth of the department tree).' }) levels: number;
  @Field(() => Int) departments: number;
  @Field(() => [SpanOfControlRow]) rows: SpanOfControlRow[];
}

@ObjectType({ description: 'ORG-M13: a required document type (ORG-R07) of a company: present and current (a published version in force).' })
class DocumentAvailabilityRow {
  @Field(() => PolicyDocumentType) type: PolicyDocumentType;
  @Field(() => Int) documents: number;
  @Field(() => Int, { description: 'Documents with a published version in force.' }) current: number;
  @Field() available: boolean;
}

// ---- resolvers ----------------------------------------------------------------------------

/** Oversight of governing bodies: reports between bodies, supervisory actions, checkpoint reviews, assessments, reports ORG-M2/M3/M6/M8/M13. */
@Resolver()
export class OversightResolver {
  @Authorized()
  @Query(() => GovernanceReportConnection, { complexity: pageComplexity, description: 'Reports between governing bodies, newest first (company-scoped).' })
  governanceReports(@Args() args: GovernanceReportsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<GovernanceReport>> {
    return ctx.services.oversight.listReports(requireViewer(ctx), args.filter ?? {}, args);
  }

  @Authorized()
  @Mutation(() => GovernanceReport, {
    description: "Records a report: board or supervisors → shareholders' meeting, management → board (ORG-R18). GROUP_EXECUTIVE only; immutable once recorded.",
  })
  submitGovernanceReport(@Arg('input') input: SubmitGovernanceReportInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.oversight.submitReport(requireViewer(ctx), input);
  }

  @Authorized()
  @Query(() => SupervisoryActionConnection, { complexity: pageComplexity, description: 'Actions of boards of supervisors, newest first (company-scoped).' })
  supervisoryActions(@Args() args: SupervisoryActionsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<SupervisoryAction>> {
    return ctx.services.oversight.listActions(requireViewer(ctx), args.filter ?? {}, args);
  }

  @Authorized()
  @Mutation(() => SupervisoryAction, {
    description: 'The board of supervisors proposes removal of, stops or corrects a director or senior manager (D08 第九条.2). GROUP_EXECUTIVE only.',
  })
  takeSupervisoryAction(@Arg('input') input: TakeSupervisoryActionInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.oversight.takeAction(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => SupervisoryAction, { description: 'Follow-up of a supervisory action: FOLLOWING_UP, then CLOSED with what was done.' })
  followUpSupervisoryAction(@Arg('input') input: FollowUpSupervisoryActionInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.oversight.followUpAction(requireViewer(ctx), input.id, input.expectedVersion, input.status, input.followUp ?? null);
  }

  @Authorized()
  @Query(() => CheckpointReviewConnection, { complexity: pageComplexity, description: 'Checkpoint reviews (WF-ORG-5), newest first (company-scoped).' })
  checkpointReviews(@Args() args: CheckpointReviewsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<CheckpointReview>> {
    return ctx.services.oversight.listCheckpoints(requireViewer(ctx), args.filter ?? {}, args);
  }

  @Authorized()
  @Mutation(() => CheckpointReview, { description: 'Records the result of one of the eight governance checkpoints for a period (ORG-R08); an ISSUE opens a correction.' })
  recordCheckpointReview(@Arg('input') input: RecordCheckpointReviewInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.oversight.recordCheckpoint(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => CheckpointReview, { description: 'Corrects an issue (ORG-R09): ADJUSTING, then CLOSED, with the corrective adjustment.' })
  adjustCheckpointReview(@Arg('input') input: AdjustCheckpointReviewInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.oversight.adjustCheckpoint(requireViewer(ctx), input.id, input.expectedVersion, input.status, input.correctiveAdjustment ?? null);
  }

  @Authorized()
  @Query(() => [CheckpointReportRow], { nullable: true, description: 'Report ORG-M2: the eight checkpoints of a company for a period (null: company not readable).' })
  governanceCheckpointReport(@Arg('companyId', () => ID) companyId: string, @Arg('period') period: string, @Ctx() ctx: OrganizationContext) {
    return ctx.services.oversight.checkpointReport(requireViewer(ctx), companyId, period);
  }

  @Authorized()
  @Query(() => MeetingTimelinessReport, {
    nullable: true,
    description: "Report ORG-M3: the company's shareholders' meetings held on time vs scheduled (null: company not readable).",
  })
  shareholdersMeetingTimeliness(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext) {
    return ctx.services.governanceMetrics.meetingTimeliness(requireViewer(ctx), companyId);
  }

  @Authorized()
  @Query(() => SpanOfControlReport, { nullable: true, description: 'Report ORG-M8: management levels and span of control per department (null: company not readable).' })
  async spanOfControlReport(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext): Promise<SpanOfControlReport | null> {
    const rows = await ctx.services.governanceMetrics.spanOfControl(requireViewer(ctx), companyId);
    if (!rows) return null;
    return { levels: rows.reduce((max, r) => Math.max(max, r.level), 0), departments: rows.length, rows: rows.map((r) => Object.assign(new SpanOfControlRow(), r)) };
  }

  @Authorized()
  @Query(() => [DocumentAvailabilityRow], {
    nullable: true,
    description:
      'Report ORG-M13: required documents (org chart, processes, job descriptions, appraisal methods, authority guidelines) present and current (null: company not readable).',
  })
  async documentAvailabilityReport(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext): Promise<DocumentAvailabilityRow[] | null> {
    const rows = await ctx.services.governanceMetrics.documentAvailability(requireViewer(ctx), companyId);
    return rows?.map((r) => ({ ...r, available: r.current > 0 })) ?? null;
  }

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
}

@Resolver(() => SpanOfControlRow)
export class SpanOfControlRowResolver {
  @FieldResolver(() => Department, { nullable: true })
  department(@Root() r: SpanOfControlRow, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.departmentById.load(r.departmentId);
  }
}

@Resolver(() => GovernanceReport)
export class GovernanceReportResolver {
  @FieldResolver(() => Company, { nullable: true })
  company(@Root() r: GovernanceReport, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(r.companyId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true })
  fromBody(@Root() r: GovernanceReport, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodyById.load(r.fromBodyId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true })
  toBody(@Root() r: GovernanceReport, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodyById.load(r.toBodyId);
  }

  @FieldResolver(() => Meeting, { nullable: true, description: 'The meeting at which it was heard.' })
  meeting(@Root() r: GovernanceReport, @Ctx() ctx: OrganizationContext) {
    return r.meetingId ? ctx.loaders.meetingById.load(r.meetingId) : null;
  }
}

@Resolver(() => Meeting)
export class MeetingReportsResolver {
  @FieldResolver(() => [GovernanceReport], { description: 'Reports heard at this meeting (ORG-R18).' })
  reportsHeard(@Root() m: Meeting, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governanceReportsByMeetingId.load(m.id);
  }
}

@Resolver(() => SupervisoryAction)
export class SupervisoryActionResolver {
  @FieldResolver(() => Company, { nullable: true })
  company(@Root() a: SupervisoryAction, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(a.companyId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true, description: 'The board of supervisors that acted.' })
  body(@Root() a: SupervisoryAction, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodyById.load(a.bodyId);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The director or senior manager concerned.' })
  target(@Root() a: SupervisoryAction, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.employeeById.load(a.targetEmployeeId);
  }

  @FieldResolver(() => BodyMembership, { nullable: true, description: "The target's seat or office at the time." })
  targetSeat(@Root() a: SupervisoryAction, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.membershipById.load(a.targetMembershipId);
  }
}

@Resolver(() => CheckpointReview)
export class CheckpointReviewResolver {
  @FieldResolver(() => Company, { nullable: true })
  company(@Root() c: CheckpointReview, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(c.companyId);
  }
}

@Resolver(() => OrgAssessment)
export class OrgAssessmentResolver {
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
