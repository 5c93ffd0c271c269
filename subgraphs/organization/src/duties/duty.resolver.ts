import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { Department } from '../departments/department.entity';
import { Employee } from '../employees/employee.entity';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { Meeting, Resolution } from '../meetings/meeting.entity';
import { PolicyDocument } from '../policies/policy.entity';
import { Duty, ItLiaison, PerformanceEvaluation } from './duty.entity';
import type { OrganizationContext } from '../context';
import { SetDutiesInput, AssignItLiaisonInput, EvaluateBodyPerformanceInput } from './dto/duty.inputs';
import { ItLiaisonCoverage, DutyCatalogueSection } from './dto/duty.outputs';

@Resolver()
export class DutyResolver {
  @Authorized()
  @Query(() => [DutyCatalogueSection], {
    nullable: true,
    description:
      "The duty catalogue a policy document lays down, holder by holder in source order (ORG-R40: the group IT management policy's 27 duties). Null: the document's company is not readable.",
  })
  dutyCatalogue(@Arg('sourceDocumentId', () => ID) sourceDocumentId: string, @Ctx() ctx: OrganizationContext) {
    return ctx.services.duties.catalogue(requireViewer(ctx), sourceDocumentId);
  }

  @Authorized()
  @Mutation(() => [Duty], {
    description:
      "Replaces the duty list of a department (needs the board's DEPARTMENT_SETUP resolution, ORG-R06) or a governing body / committee (e.g. the IT leading group, ORG-R40). GROUP_EXECUTIVE only.",
  })
  setDuties(@Arg('input') input: SetDutiesInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.duties.setDuties(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => ItLiaison, { description: "Appoints a department's IT liaison (ORG-R41), full- or part-time." })
  assignItLiaison(@Arg('input') input: AssignItLiaisonInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.duties.assignItLiaison(requireViewer(ctx), input.departmentId, input.employeeId, input.engagement, input.expectedVersion ?? null, input.idempotencyKey);
  }

  @Authorized()
  @Query(() => ItLiaisonCoverage, { nullable: true, description: "Report ORG-M11: IT liaison coverage of a company's departments (null: company not readable)." })
  async itLiaisonCoverage(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext): Promise<ItLiaisonCoverage | null> {
    const r = await ctx.services.duties.liaisonCoverage(requireViewer(ctx), companyId);
    return r ? Object.assign(new ItLiaisonCoverage(), { ...r, coverageRate: r.departments ? r.covered / r.departments : 0 }) : null;
  }

  @Authorized()
  @Mutation(() => PerformanceEvaluation, { description: "The shareholders' meeting evaluates the board's or the supervisors' performance (ORG-R18). Immutable once recorded." })
  evaluateBodyPerformance(@Arg('input') input: EvaluateBodyPerformanceInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.duties.evaluate(requireViewer(ctx), input);
  }

  @Authorized()
  @Query(() => [PerformanceEvaluation], { nullable: true, description: "Report ORG-M12: evaluations recorded by a company's shareholders' meeting (null: company not readable)." })
  performanceEvaluations(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext) {
    return ctx.services.duties.evaluations(requireViewer(ctx), companyId);
  }
}

@Resolver(() => ItLiaisonCoverage)
export class ItLiaisonCoverageResolver {
  @FieldResolver(() => [Department], { description: 'Departments without a liaison.' })
  async uncovered(@Root() r: ItLiaisonCoverage, @Ctx() ctx: OrganizationContext) {
    return (await ctx.loaders.departmentById.loadMany(r.uncoveredIds)).filter((d): d is Department => d instanceof Department);
  }
}

@Resolver(() => Duty)
export class DutyFieldsResolver {
  @FieldResolver(() => PolicyDocument, { nullable: true, description: 'Source document (if visible to you).' })
  sourceDocument(@Root() d: Duty, @Ctx() ctx: OrganizationContext) {
    return d.sourceDocumentId ? ctx.loaders.policyDocumentById.load(d.sourceDocumentId) : null;
  }

  @FieldResolver(() => Resolution, { nullable: true, description: "The board resolution that determined a department's duties (ORG-R06)." })
  resolution(@Root() d: Duty, @Ctx() ctx: OrganizationContext) {
    return d.resolutionId ? ctx.loaders.resolutionById.load(d.resolutionId) : null;
  }
}

@Resolver(() => Department)
export class DepartmentDutiesResolver {
  @FieldResolver(() => [Duty], { description: 'Duties determined by the board (ORG-R06), in order.' })
  duties(@Root() d: Department, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.dutiesByDepartmentId.load(d.id);
  }

  @FieldResolver(() => ItLiaison, { nullable: true, description: 'The IT liaison (信息化专员, ORG-R41).' })
  itLiaison(@Root() d: Department, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.itLiaisonByDepartmentId.load(d.id);
  }
}

@Resolver(() => GoverningBody)
export class GoverningBodyDutiesResolver {
  @FieldResolver(() => [Duty], { description: 'Duties of the body or committee (e.g. the IT leading group, ORG-R40), in order.' })
  duties(@Root() b: GoverningBody, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.dutiesByBodyId.load(b.id);
  }
}

@Resolver(() => ItLiaison)
export class ItLiaisonResolver {
  @FieldResolver(() => Employee, { nullable: true })
  employee(@Root() l: ItLiaison, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.employeeById.load(l.employeeId);
  }

  @FieldResolver(() => Department, { nullable: true })
  department(@Root() l: ItLiaison, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.departmentById.load(l.departmentId);
  }
}

@Resolver(() => PerformanceEvaluation)
export class PerformanceEvaluationResolver {
  @FieldResolver(() => Meeting, { nullable: true })
  meeting(@Root() e: PerformanceEvaluation, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.meetingById.load(e.meetingId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true })
  evaluatedBody(@Root() e: PerformanceEvaluation, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodyById.load(e.evaluatedBodyId);
  }
}
