import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { Department } from '../departments/department.entity';
import type { OrganizationContext } from '../context';
import { ItWorkAssessment } from './it-work-assessment.entity';
import { RecordItWorkAssessmentInput, RecordItRectificationInput } from './dto/it-work-assessment.inputs';
import { ItWorkAssessmentReportRow, ItWorkAssessmentReport } from './dto/it-work-assessment.outputs';

@Resolver()
export class ItWorkAssessmentResolver {
  @Authorized()
  @Mutation(() => ItWorkAssessment, {
    description: "Records a result of the technology department's supervision, inspection or assessment of a department's IT work (ORG-M10). GROUP_EXECUTIVE only.",
  })
  recordItWorkAssessment(@Arg('input') input: RecordItWorkAssessmentInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.itWorkAssessments.record(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => ItWorkAssessment, { description: 'Records the required rectification of a result as done (once).' })
  recordItRectification(@Arg('input') input: RecordItRectificationInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.itWorkAssessments.recordRectification(requireViewer(ctx), input.id, input.expectedVersion, input.rectification);
  }

  @Authorized()
  @Query(() => ItWorkAssessmentReport, { nullable: true, description: 'Report ORG-M10: IT work assessment per department for a period (null: company not readable).' })
  itWorkAssessmentReport(@Arg('companyId', () => ID) companyId: string, @Arg('period') period: string, @Ctx() ctx: OrganizationContext) {
    return ctx.services.itWorkAssessments.report(requireViewer(ctx), companyId, period);
  }
}

@Resolver(() => ItWorkAssessmentReportRow)
export class ItWorkAssessmentReportRowResolver {
  @FieldResolver(() => Department, { nullable: true })
  department(@Root() r: ItWorkAssessmentReportRow, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.departmentById.load(r.departmentId);
  }
}

@Resolver(() => ItWorkAssessment)
export class ItWorkAssessmentFieldsResolver {
  @FieldResolver(() => Department, { nullable: true, description: 'The assessed department.' })
  department(@Root() a: ItWorkAssessment, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.departmentById.load(a.departmentId);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The technology department that assessed.' })
  assessedBy(@Root() a: ItWorkAssessment, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.departmentById.load(a.assessorDepartmentId);
  }

  @FieldResolver(() => Boolean, { description: 'Rectification required and not yet done.' })
  rectificationOpen(@Root() a: ItWorkAssessment) {
    return a.rectificationRequired && !a.rectifiedAt;
  }
}

@Resolver(() => Department)
export class DepartmentItWorkAssessmentsResolver {
  @FieldResolver(() => [ItWorkAssessment], { description: "The technology department's IT work results for this department, newest first (ORG-M10; company-scoped)." })
  itWorkAssessments(@Root() d: Department, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.itWorkAssessmentsByDepartmentId.load(d.id);
  }
}
