import { Arg, Authorized, Ctx, Field, Float, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { ServiceBranch } from '../branches/service-branch.entity';
import { AssessmentIndicator, AssessmentWeight } from './assessment-weight.entity';
import type { CustomerServiceContext } from '../context';

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

@Resolver()
export class BranchAssessmentResolver {
  @Authorized()
  @Query(() => [BranchAssessment], {
    description:
      'Ranks the service branches on the complaints received in [from, to) that you can see (executives and the group centre see all). A whole ranking, one row per branch with complaints: not paginated.',
  })
  branchAssessment(@Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Ctx() ctx: CustomerServiceContext): Promise<BranchAssessment[]> {
    return ctx.services.assessment.rank(requireViewer(ctx), from, to);
  }

  @Authorized()
  @Mutation(() => [BranchAssessment], {
    description:
      'Closes a month (YYYY-MM, local time) and publishes its branch ranking over all complaints, with the figures and weights used; afterwards the published ranking never changes. Group executives only. Errors: BAD_USER_INPUT ASSESSMENT_PERIOD_INVALID / ASSESSMENT_PERIOD_NOT_OVER, CONFLICT ASSESSMENT_PERIOD_CLOSED.',
  })
  closeAssessmentPeriod(@Arg('period') period: string, @Ctx() ctx: CustomerServiceContext): Promise<BranchAssessment[]> {
    return ctx.services.assessment.closePeriod(requireViewer(ctx), period);
  }

  @Authorized()
  @Query(() => [BranchAssessment], { description: 'The published ranking of a closed month (YYYY-MM); empty when the month is not closed. Readable by every signed-in viewer.' })
  publishedBranchAssessment(@Arg('period') period: string, @Ctx() ctx: CustomerServiceContext): Promise<BranchAssessment[]> {
    requireViewer(ctx);
    return ctx.services.assessment.closedPeriod(period);
  }

  @Authorized()
  @Query(() => [String], { description: 'Closed assessment months, newest first.' })
  closedAssessmentPeriods(@Ctx() ctx: CustomerServiceContext): Promise<string[]> {
    requireViewer(ctx);
    return ctx.services.assessment.closedPeriods();
  }

  @Authorized()
  @Query(() => [AssessmentWeight], { description: 'Weights of the assessment indicators (one row per indicator).' })
  assessmentWeights(@Ctx() ctx: CustomerServiceContext): Promise<AssessmentWeight[]> {
    return ctx.services.assessment.weights();
  }

  @Authorized()
  @Mutation(() => AssessmentWeight, {
    description:
      'Changes the weight (0–100) of one indicator; group executives only. Errors: FORBIDDEN ROLE_FORBIDDEN, BAD_USER_INPUT ASSESSMENT_WEIGHT_INVALID, CONFLICT STALE_VERSION.',
  })
  setAssessmentWeight(
    @Arg('indicator', () => AssessmentIndicator) indicator: AssessmentIndicator,
    @Arg('weight', () => Int) weight: number,
    @Arg('expectedVersion', () => Int, { description: 'The version of the weight you read (AssessmentWeight.version).' }) expectedVersion: number,
    @Ctx() ctx: CustomerServiceContext,
  ): Promise<AssessmentWeight> {
    return ctx.services.assessment.setWeight(requireViewer(ctx), indicator, weight, expectedVersion);
  }
}
