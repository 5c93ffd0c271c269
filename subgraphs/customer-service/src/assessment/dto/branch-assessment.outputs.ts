import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ServiceBranch } from '../../branches/service-branch.entity';
import { AssessmentIndicator } from '../assessment-weight.entity';

@ObjectType({ description: 'One measured indicator of a branch, with the figures behind its score.' })
export class AssessmentIndicatorScore {
  @Field(() => AssessmentIndicator)
  indicator: AssessmentIndicator;

  @Field(() => Int)
  weight: number;

  @Field(() => Float)
  numerator: number;

  @Field(() => Float)
  denominator: number;

  @Field(() => Float, { nullable: true, description: 'numerator / denominator; null without data.' })
  value: number | null;

  @Field(() => Float, { nullable: true, description: '0–100, higher is better; null (not counted) without data.' })
  score: number | null;
}

@ObjectType({ description: 'A branch in the comprehensive assessment ranking (综合考核评比) of a period.' })
export class BranchAssessment {
  @Field(() => ServiceBranch)
  branch: ServiceBranch;

  @Field(() => Int, { description: '1 = best; equal totals share a rank.' })
  rank: number;

  @Field(() => Float, { description: 'Weighted mean of the indicator scores, 0–100.' })
  totalScore: number;

  @Field(() => Int, { description: 'Complaints received in the period and attributed to the branch.' })
  complaints: number;

  @Field(() => [AssessmentIndicatorScore])
  indicators: AssessmentIndicatorScore[];
}
