import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { BranchAssessment } from './dto/branch-assessment.outputs';
import { requireViewer } from '@group/shared';
import { AssessmentIndicator, AssessmentWeight } from './assessment-weight.entity';
import type { CustomerServiceContext } from '../context';

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
