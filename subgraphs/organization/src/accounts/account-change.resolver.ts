import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, pageComplexity, requireViewer } from '@group/shared';
import { AccountChangeRequest } from './account-change.entity';
import { Account } from './account.entity';
import { Employee } from '../employees/employee.entity';
import { Segment } from '../companies/company.entity';
import type { OrganizationContext } from '../context';
import { AccountChangeRequestConnection, AccountChangeRequestsArgs, SubmitAccountChangeInput, DecideAccountChangeInput } from './dto/account-change.inputs';
import { ImplementAccountChangePayload } from './dto/account-change.outputs';

@Resolver(() => AccountChangeRequest)
export class AccountChangeRequestResolver {
  @Authorized()
  @Query(() => AccountChangeRequestConnection, {
    complexity: pageComplexity,
    description: 'Account-change requests: segment admins and heads see their segments; the marketing department, executives and system admins all.',
  })
  accountChangeRequests(@Args() args: AccountChangeRequestsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<AccountChangeRequest>> {
    return ctx.services.accountLifecycle.list(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Mutation(() => AccountChangeRequest, { description: 'Flow A1: the segment admin (only) submits an account change for an employee of their segment.' })
  submitAccountChange(@Arg('input', () => SubmitAccountChangeInput) input: SubmitAccountChangeInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.accountLifecycle.submit(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => AccountChangeRequest, { description: "Flow A1: the leader (the segment's head or a group executive) approves." })
  approveAccountChange(@Arg('input', () => DecideAccountChangeInput) input: DecideAccountChangeInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.accountLifecycle.decide(requireViewer(ctx), input.id, input.expectedVersion, true, input.note ?? null);
  }

  @Authorized()
  @Mutation(() => AccountChangeRequest, { description: "Flow A1: the leader (the segment's head or a group executive) rejects." })
  rejectAccountChange(@Arg('input', () => DecideAccountChangeInput) input: DecideAccountChangeInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.accountLifecycle.decide(requireViewer(ctx), input.id, input.expectedVersion, false, input.note ?? null);
  }

  @Authorized()
  @Mutation(() => ImplementAccountChangePayload, { description: 'Flow A1: the group marketing department (or SYSTEM_ADMIN on its behalf) carries out an approved request.' })
  implementAccountChange(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: OrganizationContext) {
    return ctx.services.accountLifecycle.implement(requireViewer(ctx), id, expectedVersion);
  }

  @FieldResolver(() => Employee, { nullable: true })
  employee(@Root() r: AccountChangeRequest, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.employeeById.load(r.employeeId);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account concerned (for OPEN: once implemented).' })
  account(@Root() r: AccountChangeRequest, @Ctx() ctx: OrganizationContext) {
    return r.accountId ? ctx.loaders.accountById.load(r.accountId) : null;
  }

  @FieldResolver(() => Account, { nullable: true })
  submittedBy(@Root() r: AccountChangeRequest, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.accountById.load(r.submittedById);
  }

  @FieldResolver(() => Account, { nullable: true })
  decidedBy(@Root() r: AccountChangeRequest, @Ctx() ctx: OrganizationContext) {
    return r.decidedById ? ctx.loaders.accountById.load(r.decidedById) : null;
  }

  @FieldResolver(() => Account, { nullable: true })
  implementedBy(@Root() r: AccountChangeRequest, @Ctx() ctx: OrganizationContext) {
    return r.implementedById ? ctx.loaders.accountById.load(r.implementedById) : null;
  }

  @FieldResolver(() => [Segment], { description: 'OPEN / PERMISSION_CHANGE: the segments asked for.' })
  async requestedSegments(@Root() r: AccountChangeRequest, @Ctx() ctx: OrganizationContext) {
    const links = (await ctx.loaders.accountChangeSegmentsByRequestId.load(r.id)).filter((l) => l.requested);
    return (await ctx.loaders.segmentById.loadMany(links.map((l) => l.segmentId))).filter((s): s is Segment => s instanceof Segment);
  }
}
