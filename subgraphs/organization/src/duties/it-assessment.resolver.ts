import { Arg, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { MaxLength, MinLength } from 'class-validator';
import { requireViewer } from '@group/shared';
import { Department } from '../departments/department.entity';
import { IdempotentInput } from '../common/idempotency-key';
import type { OrganizationContext } from '../context';
import { ItWorkAssessment, ItWorkAssessmentKind } from './it-assessment.entity';

@InputType()
class RecordItWorkAssessmentInput extends IdempotentInput {
  @Field(() => ID, { description: 'The assessed department.' })
  departmentId: string;

  @Field(() => ID, { description: 'The technology department: holds the duty 「负责信息化工作的监督、检查与考核」, in the same company or one above.' })
  assessorDepartmentId: string;

  @Field({ description: 'A year (2025), a half (2025-H1), a quarter (2025-Q3) or a month (2025-07).' })
  @MaxLength(20)
  period: string;

  @Field(() => ItWorkAssessmentKind)
  kind: ItWorkAssessmentKind;

  @Field(() => Int, { description: '0–100.' })
  score: number;

  @Field()
  @MinLength(1)
  @MaxLength(5000)
  findings: string;

  @Field()
  rectificationRequired: boolean;

  @Field(() => Date, { nullable: true, description: 'Required with rectificationRequired, in the future.' })
  rectificationDue?: Date | null;
}

@InputType()
class RecordItRectificationInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field({ description: 'What was done.' })
  @MinLength(1)
  @MaxLength(5000)
  rectification: string;
}

@ObjectType()
class ItWorkAssessmentReportRow {
  departmentId: string;
  @Field(() => Int) assessments: number;
  @Field(() => ItWorkAssessment, { nullable: true, description: 'The latest result in the period.' }) latest: ItWorkAssessment | null;
  @Field(() => Float, { nullable: true, description: 'Average score in the period; null: not assessed.' }) averageScore: number | null;
  @Field(() => Int, { description: 'Results of the period whose required rectification is not done.' }) openRectifications: number;
  @Field(() => Int, { description: 'Open rectifications past their deadline.' }) overdueRectifications: number;
}

@ObjectType({ description: "ORG-M10: the technology department's IT work assessment results of a company for a period (its sub-periods included)." })
class ItWorkAssessmentReport {
  @Field() period: string;
  @Field(() => Int) assessments: number;
  @Field(() => Float, { nullable: true }) averageScore: number | null;
  @Field(() => Int) openRectifications: number;
  @Field(() => Int) overdueRectifications: number;
  @Field(() => [ItWorkAssessmentReportRow], { description: 'Every department of the company, by code (assessments 0 and latest null: not assessed in the period).' })
  departments: ItWorkAssessmentReportRow[];
}

@Resolver()
export class ItWorkAssessmentResolver {
  @Authorized()
  @Mutation(() => ItWorkAssessment, {
    description: "Records a result of the technology department's supervision, inspection or assessment of a department's IT work (ORG-M10). GROUP_EXECUTIVE only.",
  })
  recordItWorkAssessment(@Arg('input') input: RecordItWorkAssessmentInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.itAssessments.record(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => ItWorkAssessment, { description: 'Records the required rectification of a result as done (once).' })
  recordItRectification(@Arg('input') input: RecordItRectificationInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.itAssessments.recordRectification(requireViewer(ctx), input.id, input.expectedVersion, input.rectification);
  }

  @Authorized()
  @Query(() => ItWorkAssessmentReport, { nullable: true, description: 'Report ORG-M10: IT work assessment per department for a period (null: company not readable).' })
  itWorkAssessmentReport(@Arg('companyId', () => ID) companyId: string, @Arg('period') period: string, @Ctx() ctx: OrganizationContext) {
    return ctx.services.itAssessments.report(requireViewer(ctx), companyId, period);
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
