import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, sortOf, pageComplexity } from '@group/shared';
import { Company, Segment } from './company.entity';
import type { OrganizationContext } from '../context';
import { Department } from '../departments/department.entity';
import { DepartmentConnection, DepartmentsArgs } from '../departments/dto/departments.args';
import { CompanyConnection, SegmentConnection, CompaniesArgs, SegmentsArgs } from './dto/company.inputs';

@Resolver(() => Company)
export class CompanyResolver {
  @Authorized()
  @Query(() => CompanyConnection, { complexity: pageComplexity, description: 'Companies of the group.' })
  companies(@Args() args: CompaniesArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<Company>> {
    return ctx.services.companies.listCompanies(args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => Company, { nullable: true })
  company(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganizationContext): Promise<Company | null> {
    return ctx.loaders.companyById.load(id);
  }

  @FieldResolver(() => Company, { nullable: true, description: 'The parent company (null for the group).' })
  parent(@Root() c: Company, @Ctx() ctx: OrganizationContext) {
    return c.parentId ? ctx.loaders.companyById.load(c.parentId) : null;
  }

  @FieldResolver(() => [Company], { description: 'Direct subsidiaries and affiliated sub-groups.' })
  subsidiaries(@Root() c: Company, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companiesByParentId.load(c.id);
  }

  @FieldResolver(() => [Segment], { description: 'Business segments (版块) of this company.' })
  segments(@Root() c: Company, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.segmentsByCompanyId.load(c.id);
  }

  @FieldResolver(() => DepartmentConnection, { complexity: pageComplexity })
  departments(@Root() c: Company, @Args() args: DepartmentsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<Department>> {
    return ctx.loaders.departmentPagesByCompanyId.load(c.id, args);
  }
}

@Resolver(() => Segment)
export class SegmentResolver {
  @Authorized()
  @Query(() => SegmentConnection, { complexity: pageComplexity, description: 'The CRM business segments (版块).' })
  segments(@Args() args: SegmentsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<Segment>> {
    return ctx.services.companies.listSegments(args, sortOf(args.orderBy, { property: 'code', direction: 'ASC' }));
  }

  @Authorized()
  @Query(() => Segment, { nullable: true })
  segment(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganizationContext): Promise<Segment | null> {
    return ctx.loaders.segmentById.load(id);
  }

  @FieldResolver(() => Company, { description: 'The company whose business this segment is.' })
  company(@Root() s: Segment, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(s.companyId);
  }
}
