import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { ArrayMaxSize, IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Connection, ConnectionShape, OrderByInput, OrderShape, PageArgs, pageComplexity, requireViewer, Role, sortOf, SortSpec } from '@group/shared';
import { AccountChangeKind, AccountChangeRequest, AccountChangeState } from './account-change.entity';
import { Account } from './account.entity';
import { Employee } from '../employees/employee.entity';
import { Segment } from '../companies/company.entity';
import type { OrganizationContext } from '../context';
import { IdempotentInput } from '../common/idempotency-key';

export const AccountChangeRequestConnection = Connection(AccountChangeRequest);

enum AccountChangeOrderField {
  SUBMITTED_AT = 'submittedAt',
  STATE = 'state',
}
registerEnumType(AccountChangeOrderField, { name: 'AccountChangeRequestOrderField' });
const AccountChangeOrder = OrderByInput('AccountChangeRequest', AccountChangeOrderField);

@InputType()
class AccountChangeRequestFilter {
  @Field(() => AccountChangeState, { nullable: true })
  state?: AccountChangeState | null;

  @Field(() => AccountChangeKind, { nullable: true })
  kind?: AccountChangeKind | null;

  @Field(() => ID, { nullable: true })
  employeeId?: string | null;

  @Field(() => ID, { nullable: true })
  segmentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only requests submitted after (true) or within (false) the one-working-day deadline.' })
  isLate?: boolean | null;
}

@ArgsType()
class AccountChangeRequestsArgs extends PageArgs {
  @Field(() => AccountChangeRequestFilter, { nullable: true })
  @ValidateNested()
  filter?: AccountChangeRequestFilter | null;

  @Field(() => AccountChangeOrder, { nullable: true })
  @ValidateNested()
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'submittedAt', direction: 'DESC' });
  }
}

@InputType()
class SubmitAccountChangeInput extends IdempotentInput {
  @Field(() => AccountChangeKind)
  kind: AccountChangeKind;

  @Field(() => ID)
  employeeId: string;

  @Field({ description: 'Reference of the OA form 信息系统用户管理及权限变更审批表.' })
  @MinLength(1)
  @MaxLength(100)
  oaReference: string;

  @Field()
  @MinLength(1)
  @MaxLength(500)
  reason: string;

  @Field(() => Role, { nullable: true, description: 'OPEN / PERMISSION_CHANGE.' })
  requestedRole?: Role | null;

  @Field(() => [ID], { nullable: true, description: "OPEN / PERMISSION_CHANGE: segments asked for (within the admin's own)." })
  @IsOptional()
  @ArrayMaxSize(10)
  requestedSegmentIds?: string[] | null;
}

@InputType()
class DecideAccountChangeInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}

@ObjectType()
class ImplementAccountChangePayload {
  @Field(() => AccountChangeRequest)
  request: AccountChangeRequest;

  @Field(() => Account)
  account: Account;

  @Field(() => String, { nullable: true, description: 'OPEN only: the temporary password, shown once; to be changed at first sign-in.' })
  temporaryPassword: string | null;
}

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
