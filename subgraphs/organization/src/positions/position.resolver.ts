import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { AssignmentStatus, HeadcountChange, Position, PositionAssignment, PositionRank, PositionTarget } from './position.entity';
import { Department } from '../departments/department.entity';
import { Company, Segment } from '../companies/company.entity';
import { Employee } from '../employees/employee.entity';
import type { OrganizationContext } from '../context';
import { IdempotentArgs } from '../common/idempotency-key';
import { CreatePositionInput, RequestHeadcountChangeInput, OrgChartArgs } from './dto/position.inputs';
import { StaffingReport, OrgChartEntry } from './dto/position.outputs';

@Resolver(() => Position)
export class PositionResolver {
  @Authorized()
  @Query(() => Position, { nullable: true })
  position(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.positionById.load(id);
  }

  @Authorized()
  @Query(() => StaffingReport, { nullable: true, description: 'Report: headcount vs staffing per department and for the company; vacancies (company-scoped).' })
  async staffingReport(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext): Promise<StaffingReport | null> {
    const viewer = requireViewer(ctx);
    if ((await ctx.services.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return null;
    const rows = await ctx.services.positions.staffingByDepartment(viewer, companyId);
    const departments = await Promise.all(
      rows.map(async (r) => ({
        department: await ctx.loaders.departmentById.load(r.departmentId),
        headcountQuota: r.headcountQuota,
        staffed: r.staffed,
        vacancies: Math.max(0, r.headcountQuota - r.staffed),
      })),
    );
    const sum = (k: 'headcountQuota' | 'staffed' | 'vacancies') => departments.reduce((s, d) => s + d[k], 0);
    return { company: await ctx.loaders.companyById.load(companyId), headcountQuota: sum('headcountQuota'), staffed: sum('staffed'), vacancies: sum('vacancies'), departments };
  }

  @Authorized()
  @Query(() => [OrgChartEntry], {
    description: 'The org chart of a company: departments depth-first to maxDepth; ask each for positions { holders } to reach the people (company-scoped).',
  })
  async orgChart(@Args() args: OrgChartArgs, @Ctx() ctx: OrganizationContext): Promise<OrgChartEntry[]> {
    const viewer = requireViewer(ctx);
    if ((await ctx.services.governance.visibleCompanyIds(viewer, [args.companyId])).length === 0) return [];
    const all = await ctx.services.departments.ofCompany(args.companyId);
    const children = new Map<string | null, Department[]>();
    for (const d of all) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d]);
    const out: OrgChartEntry[] = [];
    const walk = (parentId: string | null, depth: number) => {
      if (depth > args.maxDepth) return;
      for (const d of children.get(parentId) ?? []) {
        out.push({ department: d, depth, parentId });
        walk(d.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }

  @Authorized()
  @Mutation(() => Position, { description: 'Creates a position with its five determinations (GROUP_EXECUTIVE only; logged).' })
  createPosition(@Arg('input') input: CreatePositionInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.positions.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => PositionAssignment, {
    description:
      "定人员: assigns an employee; refused beyond the headcount quota (HEADCOUNT_EXCEEDED). A GROUP_VP_AND_ABOVE post is an appointment of senior management (A7): it cites the board's adopted resolution on APPOINT_SENIOR_MANAGEMENT (`resolutionId`), which then names the assignment.",
  })
  assignToPosition(
    @Arg('positionId', () => ID) positionId: string,
    @Arg('employeeId', () => ID) employeeId: string,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Args() k: IdempotentArgs,
    @Ctx() ctx: OrganizationContext,
    @Arg('resolutionId', () => ID, { nullable: true }) resolutionId?: string | null,
  ) {
    return ctx.services.positions.assign(requireViewer(ctx), positionId, employeeId, from, k.idempotencyKey, resolutionId);
  }

  @Authorized()
  @Mutation(() => PositionAssignment)
  endPositionAssignment(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: OrganizationContext) {
    return ctx.services.positions.endAssignment(requireViewer(ctx), id, expectedVersion);
  }

  @Authorized()
  @Mutation(() => HeadcountChange, { description: "Requests a new headcount quota; the company's board decides." })
  requestHeadcountChange(@Arg('input') input: RequestHeadcountChangeInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.positions.requestHeadcountChange(requireViewer(ctx), input.positionId, input.newQuota, input.reason, input.idempotencyKey);
  }

  @Authorized()
  @Mutation(() => HeadcountChange, {
    description:
      "The board approves (the quota changes) or rejects a headcount change. Approval cites the board's adopted resolution on HEADCOUNT_CHANGE (ORG-R26), which then names this change.",
  })
  decideHeadcountChange(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('approve') approve: boolean,
    @Ctx() ctx: OrganizationContext,
    @Arg('resolutionId', () => ID, { nullable: true, description: "The board's adopted resolution on HEADCOUNT_CHANGE; required to approve." }) resolutionId?: string | null,
  ) {
    return ctx.services.positions.decideHeadcountChange(requireViewer(ctx), id, expectedVersion, approve, resolutionId);
  }

  @Authorized()
  @Mutation(() => Position, {
    description:
      'Sets the rank of a position (and the segment a SEGMENT_HEAD / SEGMENT_ADMINISTRATOR post serves); the CRM roles its holders may be granted follow from it (GROUP_EXECUTIVE only; logged).',
  })
  setPositionRank(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('rank', () => PositionRank) rank: PositionRank,
    @Arg('segmentId', () => ID, { nullable: true }) segmentId: string | null,
    @Ctx() ctx: OrganizationContext,
  ) {
    return ctx.services.positions.setRank(requireViewer(ctx), id, expectedVersion, rank, segmentId ?? null);
  }

  @FieldResolver(() => Department, { nullable: true })
  department(@Root() p: Position, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.departmentById.load(p.departmentId);
  }

  @FieldResolver(() => Company)
  company(@Root() p: Position, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(p.companyId);
  }

  @FieldResolver(() => Segment, { nullable: true, description: 'The segment a SEGMENT_HEAD / SEGMENT_ADMINISTRATOR position serves.' })
  segment(@Root() p: Position, @Ctx() ctx: OrganizationContext) {
    return p.segmentId ? ctx.loaders.segmentById.load(p.segmentId) : null;
  }

  @FieldResolver(() => [PositionAssignment], { description: '定人员: assignments, optionally only active or ended ones.' })
  async assignments(@Root() p: Position, @Arg('status', () => AssignmentStatus, { nullable: true }) status: AssignmentStatus | null, @Ctx() ctx: OrganizationContext) {
    const rows = await ctx.loaders.assignmentsByPositionId.load(p.id);
    return status ? rows.filter((r) => r.status === status) : rows;
  }

  @FieldResolver(() => [Employee], { description: 'The people currently holding the position.' })
  async holders(@Root() p: Position, @Ctx() ctx: OrganizationContext) {
    const rows = (await ctx.loaders.assignmentsByPositionId.load(p.id)).filter((r) => r.status === AssignmentStatus.ACTIVE);
    const people = await ctx.loaders.employeeById.loadMany(rows.map((r) => r.employeeId));
    return people.filter((x): x is Employee => !!x && !(x instanceof Error));
  }

  @FieldResolver(() => Int, { description: 'Active assignments.' })
  async staffed(@Root() p: Position, @Ctx() ctx: OrganizationContext) {
    return (await ctx.loaders.assignmentsByPositionId.load(p.id)).filter((r) => r.status === AssignmentStatus.ACTIVE).length;
  }

  @FieldResolver(() => Int, { description: 'Unfilled quota.' })
  async vacancies(@Root() p: Position, @Ctx() ctx: OrganizationContext) {
    const staffed = (await ctx.loaders.assignmentsByPositionId.load(p.id)).filter((r) => r.status === AssignmentStatus.ACTIVE).length;
    return Math.max(0, p.headcountQuota - staffed);
  }

  @FieldResolver(() => [PositionTarget], { description: '定指标: KPIs with period and target value.' })
  targets(@Root() p: Position, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.targetsByPositionId.load(p.id);
  }

  @FieldResolver(() => [HeadcountChange])
  headcountChanges(@Root() p: Position, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.headcountChangesByPositionId.load(p.id);
  }
}

@Resolver(() => PositionAssignment)
export class PositionAssignmentResolver {
  @FieldResolver(() => Position, { nullable: true })
  position(@Root() a: PositionAssignment, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.positionById.load(a.positionId);
  }

  @FieldResolver(() => Employee, { nullable: true })
  employee(@Root() a: PositionAssignment, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.employeeById.load(a.employeeId);
  }
}

@Resolver(() => Department)
export class DepartmentPositionsResolver {
  @FieldResolver(() => [Position], { description: 'Positions of the department (company-scoped).' })
  positions(@Root() d: Department, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.positionsByDepartmentId.load(d.id);
  }
}

@Resolver(() => Employee)
export class EmployeePositionsResolver {
  @FieldResolver(() => [PositionAssignment], { description: 'Positions the employee currently holds (company-scoped).' })
  positions(@Root() e: Employee, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.activeAssignmentsByEmployeeId.load(e.id);
  }
}
