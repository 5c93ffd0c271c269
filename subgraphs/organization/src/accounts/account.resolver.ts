import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer, pageComplexity } from '@group/shared';
import { Account } from './account.entity';
import { Employee } from '../employees/employee.entity';
import { Segment } from '../companies/company.entity';
import type { OrganizationContext } from '../context';
import { AccountConnection, LoginInput, AccountsArgs, ChangePasswordInput, ResetPasswordInput } from './dto/account.inputs';
import { LoginPayload } from './dto/account.outputs';

@Resolver(() => Account)
export class AccountResolver {
  @Mutation(() => LoginPayload, { description: 'Signs in with email and password; the only operation that needs no token.' })
  login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: OrganizationContext): Promise<LoginPayload> {
    return ctx.services.auth.login(input.email, input.password, input.newPassword);
  }

  @Authorized()
  @Mutation(() => LoginPayload, {
    description: "Changes the signed-in account's password (PASSWORD_TOO_WEAK lists the failed rules); earlier tokens stop working, a new one is returned.",
  })
  changePassword(@Arg('input', () => ChangePasswordInput) input: ChangePasswordInput, @Ctx() ctx: OrganizationContext): Promise<LoginPayload> {
    return ctx.services.auth.changePassword(requireViewer(ctx), input.currentPassword, input.newPassword);
  }

  @Authorized()
  @Mutation(() => Account, {
    description: 'SYSTEM_ADMIN sets a temporary password for a local account (its tokens are revoked, a lockout lifted); the holder must replace it at the next sign-in.',
  })
  resetPassword(@Arg('input', () => ResetPasswordInput) input: ResetPasswordInput, @Ctx() ctx: OrganizationContext): Promise<Account> {
    return ctx.services.auth.resetPassword(requireViewer(ctx), input.accountId, input.expectedVersion, input.newPassword);
  }

  @Authorized()
  @Mutation(() => Account, {
    description: 'Flow A2: pre-emptive freeze of an account (group marketing department, or SYSTEM_ADMIN on its behalf). Its tokens stop working at once.',
  })
  freezeAccount(@Arg('accountId', () => ID) accountId: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: OrganizationContext): Promise<Account> {
    return ctx.services.accountLifecycle.freeze(requireViewer(ctx), accountId, expectedVersion);
  }

  @Authorized()
  @Query(() => Account, { nullable: true, description: 'The signed-in account.' })
  me(@Ctx() ctx: OrganizationContext) {
    return ctx.loaders.accountById.load(requireViewer(ctx).accountId);
  }

  @Authorized()
  @Query(() => AccountConnection, { complexity: pageComplexity, description: 'Accounts: administrators and executives see all, segment admins their segments.' })
  accounts(@Args() args: AccountsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<Account>> {
    return ctx.services.accounts.list(requireViewer(ctx), args, { property: 'email', direction: 'ASC' });
  }

  @FieldResolver(() => Boolean, { description: 'The account has a temporary password (opened or reset by an administrator) and gets no token until the holder sets their own.' })
  mustChangePassword(@Root() a: Account): boolean {
    return !!a.mustChangePassword;
  }

  @FieldResolver(() => Employee, { nullable: true })
  employee(@Root() a: Account, @Ctx() ctx: OrganizationContext) {
    return a.employeeId ? ctx.loaders.employeeById.load(a.employeeId) : null;
  }

  @FieldResolver(() => [Segment])
  async segments(@Root() a: Account, @Ctx() ctx: OrganizationContext) {
    const links = await ctx.loaders.accountSegmentsByAccountId.load(a.id);
    return (await ctx.loaders.segmentById.loadMany(links.map((l) => l.segmentId))).filter((s): s is Segment => s instanceof Segment);
  }
}
