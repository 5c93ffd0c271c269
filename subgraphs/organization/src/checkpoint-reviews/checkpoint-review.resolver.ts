import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, pageComplexity, requireViewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { CheckpointReview } from './checkpoint-review.entity';
import type { OrganizationContext } from '../context';
import { RecordCheckpointReviewInput, AdjustCheckpointReviewInput, CheckpointReviewsArgs, CheckpointReviewConnection } from './dto/checkpoint-review.inputs';
import { CheckpointReportRow } from './dto/checkpoint-review.outputs';

/** The eight governance checkpoints (ORG-R08/R09) and report ORG-M2. */
@Resolver(() => CheckpointReview)
export class CheckpointReviewResolver {
  @Authorized()
  @Query(() => CheckpointReviewConnection, { complexity: pageComplexity, description: 'Checkpoint reviews (WF-ORG-5), newest first (company-scoped).' })
  checkpointReviews(@Args() args: CheckpointReviewsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<CheckpointReview>> {
    return ctx.services.checkpointReviews.listCheckpoints(requireViewer(ctx), args.filter ?? {}, args);
  }

  @Authorized()
  @Mutation(() => CheckpointReview, { description: 'Records the result of one of the eight governance checkpoints for a period (ORG-R08); an ISSUE opens a correction.' })
  recordCheckpointReview(@Arg('input') input: RecordCheckpointReviewInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.checkpointReviews.recordCheckpoint(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => CheckpointReview, { description: 'Corrects an issue (ORG-R09): ADJUSTING, then CLOSED, with the corrective adjustment.' })
  adjustCheckpointReview(@Arg('input') input: AdjustCheckpointReviewInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.checkpointReviews.adjustCheckpoint(requireViewer(ctx), input.id, input.expectedVersion, input.status, input.correctiveAdjustment ?? null);
  }

  @Authorized()
  @Query(() => [CheckpointReportRow], { nullable: true, description: 'Report ORG-M2: the eight checkpoints of a company for a period (null: company not readable).' })
  governanceCheckpointReport(@Arg('companyId', () => ID) companyId: string, @Arg('period') period: string, @Ctx() ctx: OrganizationContext) {
    return ctx.services.checkpointReviews.checkpointReport(requireViewer(ctx), companyId, period);
  }

  @FieldResolver(() => Company, { nullable: true })
  company(@Root() c: CheckpointReview, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(c.companyId);
  }
}
