import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, InputType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { ValidateNested } from 'class-validator';
import { Connection, ConnectionShape, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec, pageComplexity } from '@group/shared';
import { Company, CompanyKind, Segment } from './company.entity';
import type { OrganizationContext } from '../context';
import { Department } from '../departments/department.entity';
import { DepartmentConnection } from '../departments/department.resolver';
import { DepartmentsArgs } from '../departments/dto/departments.args';

export const CompanyConnection = Connection(Company);
export const SegmentConnection = Connection(Segment);

enum CompanyOrderField {
  CODE = 'code',
  NAME = 'name',
  CREATED_AT = 'createdAt',
}
registerEnumType(CompanyOrderField, { name: 'CompanyOrderField' });
const CompanyOrder = OrderByInput('Company', CompanyOrderField);

@InputType()
class CompanyFilter {
  @Field(() => CompanyKind, { nullable: true })
  kind?: CompanyKind | null;

  @Field(() => ID, { nullable: true, description: 'Only direct subsidiaries of this company.' })
  parentId?: string | null;
}

@ArgsType()
class CompaniesArgs extends PageArgs {
  @Field(() => CompanyFilter, { nullable: true })
  @ValidateNested()
  filter?: CompanyFilter | null;

  @Field(() => CompanyOrder, { nullable: true })
  @ValidateNested()
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'code', direction: 'ASC' });
  }
}

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

enum SegmentOrderField {
  CODE = 'code',
  NAME = 'name',
}
registerEnumType(SegmentOrderField, { name: 'SegmentOrderField' });
const SegmentOrder = OrderByInput('Segment', SegmentOrderField);

@ArgsType()
class SegmentsArgs extends PageArgs {
  @Field(() => SegmentOrder, { nullable: true })
  @ValidateNested()
  orderBy?: OrderShape | null;
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
