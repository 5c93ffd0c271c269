import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { Delegation } from './delegation.entity';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { Company } from '../companies/company.entity';
import { Employee } from '../employees/employee.entity';
import { Department } from '../departments/department.entity';
import type { Authority } from './delegation.service';
import type { OrganizationContext } from '../context';
import { WhoMayDecideArgs, GrantDelegationInput } from './dto/delegation.inputs';
import { AuthorityHolderKind, DecisionAuthority } from './dto/delegation.outputs';

@Resolver(() => Delegation)
export class DelegationResolver {
  @Authorized()
  @Query(() => [DecisionAuthority], { description: 'Who may decide a matter in a company (up to an amount), and by which chain of delegations (company-scoped).' })
  async whoMayDecide(@Args() args: WhoMayDecideArgs, @Ctx() ctx: OrganizationContext): Promise<DecisionAuthority[]> {
    const found = await ctx.services.delegations.whoMayDecide(requireViewer(ctx), args.companyId, args.matter, args.amountWan ?? null);
    return Promise.all(found.map((a) => toAuthority(a, ctx)));
  }

  @Authorized()
  @Mutation(() => Delegation, { description: 'Delegates a power (GROUP_EXECUTIVE only; the grantor must hold it; separation of powers enforced; logged).' })
  grantDelegation(@Arg('input') input: GrantDelegationInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.delegations.grant(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Delegation, { description: 'Revokes a delegation; onward delegations lapse with it.' })
  revokeDelegation(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: OrganizationContext) {
    return ctx.services.delegations.revoke(requireViewer(ctx), id, expectedVersion);
  }

  @FieldResolver(() => Company)
  company(@Root() d: Delegation, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(d.companyId);
  }

  @FieldResolver(() => GoverningBody, { nullable: true })
  grantorBody(@Root() d: Delegation, @Ctx() ctx: OrganizationContext) {
    return d.grantorBodyId ? ctx.loaders.governingBodyById.load(d.grantorBodyId) : null;
  }

  @FieldResolver(() => Employee, { nullable: true })
  grantorPerson(@Root() d: Delegation, @Ctx() ctx: OrganizationContext) {
    return d.grantorEmployeeId ? ctx.loaders.employeeById.load(d.grantorEmployeeId) : null;
  }

  @FieldResolver(() => GoverningBody, { nullable: true })
  granteeBody(@Root() d: Delegation, @Ctx() ctx: OrganizationContext) {
    return d.granteeBodyId ? ctx.loaders.governingBodyById.load(d.granteeBodyId) : null;
  }

  @FieldResolver(() => Employee, { nullable: true })
  granteePerson(@Root() d: Delegation, @Ctx() ctx: OrganizationContext) {
    return d.granteeEmployeeId ? ctx.loaders.employeeById.load(d.granteeEmployeeId) : null;
  }

  @FieldResolver(() => Department, { nullable: true })
  granteeDepartment(@Root() d: Delegation, @Ctx() ctx: OrganizationContext) {
    return d.granteeDepartmentId ? ctx.loaders.departmentById.load(d.granteeDepartmentId) : null;
  }
}

async function toAuthority(a: Authority, ctx: OrganizationContext): Promise<DecisionAuthority> {
  const [kind, id] = a.holder.split(':');
  return {
    holderKind: kind === 'body' ? AuthorityHolderKind.BODY : kind === 'employee' ? AuthorityHolderKind.PERSON : AuthorityHolderKind.DEPARTMENT,
    body: kind === 'body' ? await ctx.loaders.governingBodyById.load(id) : null,
    person: kind === 'employee' ? await ctx.loaders.employeeById.load(id) : null,
    department: kind === 'department' ? await ctx.loaders.departmentById.load(id) : null,
    byCharter: a.byCharter,
    amountLimitWan: a.limitWan,
    chain: a.chain,
  };
}

@Resolver(() => Company)
export class CompanyDelegationResolver {
  @FieldResolver(() => [Delegation], { description: "The company's delegations of authority (company-scoped)." })
  delegations(@Root() c: Company, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.delegationsByCompanyId.load(c.id);
  }
}
