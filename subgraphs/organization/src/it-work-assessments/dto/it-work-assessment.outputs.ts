import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ItWorkAssessment } from '../it-work-assessment.entity';

@ObjectType()
export class ItWorkAssessmentReportRow {
  departmentId: string;
  @Field(() => Int) assessments: number;
  @Field(() => ItWorkAssessment, { nullable: true, description: 'The latest result in the period.' }) latest: ItWorkAssessment | null;
  @Field(() => Float, { nullable: true, description: 'Average score in the period; null: not assessed.' }) averageScore: number | null;
  @Field(() => Int, { description: 'Results of the period whose required rectification is not done.' }) openRectifications: number;
  @Field(() => Int, { description: 'Open rectifications past their deadline.' }) overdueRectifications: number;
}

@ObjectType({ description: "ORG-M10: the technology department's IT work assessment results of a company for a period (its sub-periods included)." })
export class ItWorkAssessmentReport {
  @Field() period: string;
  @Field(() => Int) assessments: number;
  @Field(() => Float, { nullable: true }) averageScore: number | null;
  @Field(() => Int) openRectifications: number;
  @Field(() => Int) overdueRectifications: number;
  @Field(() => [ItWorkAssessmentReportRow], { description: 'Every department of the company, by code (assessments 0 and latest null: not assessed in the period).' })
  departments: ItWorkAssessmentReportRow[];
}
