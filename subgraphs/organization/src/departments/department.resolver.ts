import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, pageComplexity } from '@group/shared';
import { Department } from './department.entity';
import { Company } from '../companies/company.entity';
import { Employee } from '../employees/employee.entity';
import type { OrganizationContext } from '../context';
import { EmployeeConnection } from '../employees/dto/employees.args';
import { EmployeesPageArgs } from '../employees/dto/employees-page.args';
import { DepartmentsArgs, DepartmentConnection } from './dto/departments.args';

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
