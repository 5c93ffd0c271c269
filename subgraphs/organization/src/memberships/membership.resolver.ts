import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { BodyMembership, MembershipStatus } from './body-membership.entity';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { Company } from '../companies/company.entity';
import { Employee } from '../employees/employee.entity';
import { Shareholding } from '../holdings/shareholding.entity';
import type { OrganizationContext } from '../context';
import { NominateBodyMemberInput, DecideBodyNominationInput, DismissBodyMemberInput, SetSeatLimitInput, ExpiringTermsArgs } from './dto/membership.inputs';

@Resolver(() => BodyMembership)
export class BodyMembershipResolver {
  @Authorized()
  @Query(() => BodyMembership, { nullable: true })
  bodyMembership(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.membershipById.load(id);
  }

  @Authorized()
  @Query(() => [BodyMembership], { description: 'Report: active seats whose term ends within the given days (company-scoped).' })
  expiringTerms(@Args() args: ExpiringTermsArgs, @Ctx() ctx: OrganizationContext) {
    const until = new Date(ctx.services.clock().getTime() + args.withinDays * 86_400_000);
    return ctx.services.memberships.expiringTerms(requireViewer(ctx), until);
  }

  @Authorized()
  @Mutation(() => BodyMembership, { description: 'Proposes a candidate for a seat (A7–A11); for a sub-group the group board recommends. GROUP_EXECUTIVE only.' })
  nominateBodyMember(@Arg('input') input: NominateBodyMemberInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.memberships.nominate(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => BodyMembership, { description: 'The deciding body elects / appoints / dispatches or rejects a candidate. Seat limits apply (ORG-R03/R04).' })
  decideBodyNomination(@Arg('input') input: DecideBodyNominationInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.memberships.decide(requireViewer(ctx), input.membershipId, input.expectedVersion, input.approve, input.reason, input.resolutionId);
  }

  @Authorized()
  @Mutation(() => BodyMembership, { description: 'Dismisses an active member (by the body that decided the seat).' })
  dismissBodyMember(@Arg('input') input: DismissBodyMemberInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.memberships.dismiss(requireViewer(ctx), input.membershipId, input.expectedVersion, input.reason, input.resolutionId, input.proposalResolutionId);
  }

  @Authorized()
  @Mutation(() => GoverningBody, { description: "Sets a body's seat limit for its company (board of directors 7, supervisors 5 in the source)." })
  setGoverningBodySeatLimit(@Arg('input') input: SetSeatLimitInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.memberships.setSeatLimit(requireViewer(ctx), input.bodyId, input.expectedVersion, input.seatLimit ?? null);
  }

  @FieldResolver(() => Shareholding, { nullable: true, description: "A shareholder's seat: the shareholding whose voting rights the member exercises." })
  async shareholding(@Root() m: BodyMembership, @Ctx() ctx: OrganizationContext) {
    if (!m.shareholdingId) return null;
    return (await ctx.loaders.shareholdingsByCompanyId.load(m.companyId)).find((h) => h.id === m.shareholdingId) ?? null;
  }

  @FieldResolver(() => GoverningBody, { nullable: true })
  body(@Root() m: BodyMembership, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodyById.load(m.bodyId);
  }

  @FieldResolver(() => Company)
  company(@Root() m: BodyMembership, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(m.companyId);
  }

  @FieldResolver(() => Employee, { nullable: true })
  person(@Root() m: BodyMembership, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.employeeById.load(m.employeeId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true, description: 'The body that recommended the candidate (null when none; or not visible to the viewer).' })
  nominatedBy(@Root() m: BodyMembership, @Ctx() ctx: OrganizationContext) {
    return m.nominatedByBodyId ? ctx.loaders.governingBodyById.load(m.nominatedByBodyId) : null;
  }

  @FieldResolver(() => GoverningBody, { nullable: true, description: 'The body that elects, appoints or dispatches (null if not visible to the viewer).' })
  electedOrAppointedBy(@Root() m: BodyMembership, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodyById.load(m.decidingBodyId);
  }
}

@Resolver(() => GoverningBody)
export class GoverningBodyMembersResolver {
  @FieldResolver(() => [BodyMembership], { description: 'Members, optionally only those in one status.' })
  async members(@Root() b: GoverningBody, @Arg('status', () => MembershipStatus, { nullable: true }) status: MembershipStatus | null, @Ctx() ctx: OrganizationContext) {
    const rows = await ctx.loaders.membershipsByBodyId.load(b.id);
    return status ? rows.filter((r) => r.status === status) : rows;
  }

  @FieldResolver(() => Int, { description: 'Seats currently filled (active members).' })
  async activeSeats(@Root() b: GoverningBody, @Ctx() ctx: OrganizationContext) {
    return (await ctx.loaders.membershipsByBodyId.load(b.id)).filter((r) => r.status === MembershipStatus.ACTIVE).length;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Seats still to fill (seat limit minus active members); null without a limit. ORG-M1.' })
  async vacancies(@Root() b: GoverningBody, @Ctx() ctx: OrganizationContext) {
    if (b.seatLimit === null) return null;
    const active = (await ctx.loaders.membershipsByBodyId.load(b.id)).filter((r) => r.status === MembershipStatus.ACTIVE).length;
    return Math.max(0, b.seatLimit - active);
  }
}
