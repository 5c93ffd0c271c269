import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, InputType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { ValidateNested } from 'class-validator';
import { Connection, ConnectionShape, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec, pageComplexity } from '@group/shared';
import { Department, DepartmentKind } from './department.entity';
import { Company } from '../companies/company.entity';
import { Employee } from '../employees/employee.entity';
import type { OrganizationContext } from '../context';
import { EmployeeConnection, EmployeesPageArgs } from '../employees/employee.resolver';

export const DepartmentConnection = Connection(Department);

enum DepartmentOrderField {
  CODE = 'code',
  NAME = 'name',
  CREATED_AT = 'createdAt',
}
registerEnumType(DepartmentOrderField, { name: 'DepartmentOrderField' });
const DepartmentOrder = OrderByInput('Department', DepartmentOrderField);

@InputType()
export class DepartmentFilter {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only direct children of this department.' })
  parentId?: string | null;

  @Field({ nullable: true, description: 'Only top-level departments.' })
  rootsOnly?: boolean;

  @Field(() => DepartmentKind, { nullable: true })
  kind?: DepartmentKind | null;
}

@ArgsType()
export class DepartmentsArgs extends PageArgs {
  @Field(() => DepartmentFilter, { nullable: true })
  @ValidateNested()
  filter?: DepartmentFilter | null;

  @Field(() => DepartmentOrder, { nullable: true })
  @ValidateNested()
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'code', direction: 'ASC' });
  }
}

@Resolver(() => Department)
export class DepartmentResolver {
  @Authorized()
  @Query(() => DepartmentConnection, { complexity: pageComplexity })
  departments(@Args() args: DepartmentsArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<Department>> {
    return ctx.services.departments.list(args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => Department, { nullable: true })
  department(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganizationContext): Promise<Department | null> {
    return ctx.loaders.departmentById.load(id);
  }

  @FieldResolver(() => Company)
  company(@Root() d: Department, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(d.companyId);
  }

  @FieldResolver(() => Department, { nullable: true })
  parent(@Root() d: Department, @Ctx() ctx: OrganizationContext) {
    return d.parentId ? ctx.loaders.departmentById.load(d.parentId) : null;
  }

  @FieldResolver(() => [Department], { description: 'Direct sub-departments.' })
  children(@Root() d: Department, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.departmentsByParentId.load(d.id);
  }

  @FieldResolver(() => EmployeeConnection, { complexity: pageComplexity })
  employees(@Root() d: Department, @Args() args: EmployeesPageArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<Employee>> {
    return ctx.loaders.employeePagesByDepartmentId.load(d.id, args);
  }
}
