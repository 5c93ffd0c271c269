import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { Meeting } from '../meetings/meeting.entity';
import { PerformanceEvaluation } from './performance-evaluation.entity';
import type { OrganizationContext } from '../context';
import { EvaluateBodyPerformanceInput } from './dto/performance-evaluation.inputs';

@Resolver()
export class PerformanceEvaluationResolver {
  @Authorized()
  @Mutation(() => PerformanceEvaluation, { description: "The shareholders' meeting evaluates the board's or the supervisors' performance (ORG-R18). Immutable once recorded." })
  evaluateBodyPerformance(@Arg('input') input: EvaluateBodyPerformanceInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.performanceEvaluations.evaluate(requireViewer(ctx), input);
  }

  @Authorized()
  @Query(() => [PerformanceEvaluation], { nullable: true, description: "Report ORG-M12: evaluations recorded by a company's shareholders' meeting (null: company not readable)." })
  performanceEvaluations(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: OrganizationContext) {
    return ctx.services.performanceEvaluations.evaluations(requireViewer(ctx), companyId);
  }
}

@Resolver(() => PerformanceEvaluation)
export class PerformanceEvaluationFieldsResolver {
  @FieldResolver(() => Meeting, { nullable: true })
  meeting(@Root() e: PerformanceEvaluation, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.meetingById.load(e.meetingId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true })
  evaluatedBody(@Root() e: PerformanceEvaluation, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodyById.load(e.evaluatedBodyId);
  }
}
