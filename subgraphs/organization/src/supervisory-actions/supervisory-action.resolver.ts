import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, pageComplexity, requireViewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { Employee } from '../employees/employee.entity';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { BodyMembership } from '../memberships/body-membership.entity';
import { SupervisoryAction } from './supervisory-action.entity';
import type { OrganizationContext } from '../context';
import { TakeSupervisoryActionInput, FollowUpSupervisoryActionInput, SupervisoryActionsArgs, SupervisoryActionConnection } from './dto/supervisory-action.inputs';

/** Actions of boards of supervisors and their follow-up. */
@Resolver(() => SupervisoryAction)
export class SupervisoryActionResolver {
  @Authorized()
  @Query(() => SupervisoryActionConnection, { complexity: pageComplexity, description: 'Actions of boards of supervisors, newest first (company-scoped).' })
  supervisoryActions(@Args() args: SupervisoryActionsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<SupervisoryAction>> {
    return ctx.services.supervisoryActions.listActions(requireViewer(ctx), args.filter ?? {}, args);
  }

  @Authorized()
  @Mutation(() => SupervisoryAction, {
    description: 'The board of supervisors proposes removal of, stops or corrects a director or senior manager (D08 第九条.2). GROUP_EXECUTIVE only.',
  })
  takeSupervisoryAction(@Arg('input') input: TakeSupervisoryActionInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.supervisoryActions.takeAction(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => SupervisoryAction, { description: 'Follow-up of a supervisory action: FOLLOWING_UP, then CLOSED with what was done.' })
  followUpSupervisoryAction(@Arg('input') input: FollowUpSupervisoryActionInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.supervisoryActions.followUpAction(requireViewer(ctx), input.id, input.expectedVersion, input.status, input.followUp ?? null);
  }

  @FieldResolver(() => Company, { nullable: true })
  company(@Root() a: SupervisoryAction, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(a.companyId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true, description: 'The board of supervisors that acted.' })
  body(@Root() a: SupervisoryAction, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodyById.load(a.bodyId);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The director or senior manager concerned.' })
  target(@Root() a: SupervisoryAction, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.employeeById.load(a.targetEmployeeId);
  }

  @FieldResolver(() => BodyMembership, { nullable: true, description: "The target's seat or office at the time." })
  targetSeat(@Root() a: SupervisoryAction, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.membershipById.load(a.targetMembershipId);
  }
}
