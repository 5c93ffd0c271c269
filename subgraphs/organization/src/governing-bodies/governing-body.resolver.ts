import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { GoverningBody } from './governing-body.entity';
import { Company } from '../companies/company.entity';
import type { OrganizationContext } from '../context';

@Resolver(() => GoverningBody)
export class GoverningBodyResolver {
  @Authorized()
  @Query(() => GoverningBody, { nullable: true })
  governingBody(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodyById.load(id);
  }

  @FieldResolver(() => Company)
  company(@Root() b: GoverningBody, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(b.companyId);
  }
}

@Resolver(() => Company)
export class CompanyGovernanceResolver {
  @FieldResolver(() => [GoverningBody], { description: "The company's governing bodies (company-scoped: group roles see all companies')." })
  governingBodies(@Root() c: Company, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.governingBodiesByCompanyId.load(c.id);
  }
}
