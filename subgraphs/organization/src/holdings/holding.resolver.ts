import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { Company } from '../companies/company.entity';
import { Employee } from '../employees/employee.entity';
import { Shareholding } from './shareholding.entity';
import { HoldingType, holdingTypeOf } from './holding.service';
import type { OrganizationContext } from '../context';
import { requireViewer } from '@group/shared';
import { UpdateCompanyLegalDataInput, RecordShareholdingInput, HoldingTreeArgs } from './dto/holding.inputs';
import { HoldingTreeNode } from './dto/holding.outputs';

registerEnumType(HoldingType, { name: 'HoldingType', description: '独资 (wholly owned, 100%) / 控股 (controlled, more than 50%).' });

@Resolver(() => Company)
export class CompanyHoldingResolver {
  @FieldResolver(() => [Shareholding], { description: 'Who holds this company (company-scoped governance data).' })
  shareholders(@Root() c: Company, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.shareholdingsByCompanyId.load(c.id);
  }

  @FieldResolver(() => HoldingType, { nullable: true, description: "Derived from the parent company's direct share; null when under 50% or not visible." })
  async holdingType(@Root() c: Company, @Ctx() ctx: OrganizationContext) {
    if (!c.parentId) return null;
    const holders = await ctx.loaders.shareholdingsByCompanyId.load(c.id);
    return holdingTypeOf(holders.find((h) => h.holderCompanyId === c.parentId)?.basisPoints ?? null);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'Legal representative (法定代表人); for the group, the board chairman (ORG-R24).' })
  legalRepresentative(@Root() c: Company, @Ctx() ctx: OrganizationContext) {
    return c.legalRepresentativeId ? ctx.loaders.employeeById.load(c.legalRepresentativeId) : null;
  }
}

@Resolver(() => Shareholding)
export class ShareholdingResolver {
  @Authorized()
  @Query(() => [HoldingTreeNode], { description: "A company's whole holding tree: every company it holds directly or indirectly (company-scoped)." })
  async holdingTree(@Args() args: HoldingTreeArgs, @Ctx() ctx: OrganizationContext): Promise<HoldingTreeNode[]> {
    const nodes = await ctx.services.holdings.holdingTree(requireViewer(ctx), args.companyId, args.maxDepth);
    return nodes.map((n) => ({
      company: n.company,
      parentId: n.parentId,
      depth: n.depth,
      directPercentage: n.directBasisPoints / 100,
      effectivePercentage: n.effectiveBasisPoints / 100,
    }));
  }

  @Authorized()
  @Mutation(() => Company, { description: 'Changes legal data of a company (GROUP_EXECUTIVE only; logged).' })
  updateCompanyLegalData(@Arg('input') input: UpdateCompanyLegalDataInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.holdings.updateLegalData(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Shareholding, { description: 'Records a shareholding (GROUP_EXECUTIVE only; logged).' })
  recordShareholding(@Arg('input') input: RecordShareholdingInput, @Ctx() ctx: OrganizationContext) {
    return ctx.services.holdings.recordShareholding(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Shareholding, { description: 'Removes a shareholding (GROUP_EXECUTIVE only; logged).' })
  removeShareholding(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: OrganizationContext) {
    return ctx.services.holdings.removeShareholding(requireViewer(ctx), id, expectedVersion);
  }

  @FieldResolver(() => Company)
  company(@Root() h: Shareholding, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(h.companyId);
  }

  @FieldResolver(() => Company, { nullable: true, description: 'The holder, when it is a company of the group.' })
  holderCompany(@Root() h: Shareholding, @Ctx() ctx: OrganizationContext) {
    return h.holderCompanyId ? ctx.loaders.companyById.load(h.holderCompanyId) : null;
  }
}
