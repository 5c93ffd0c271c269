import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, pageComplexity, requireViewer } from '@group/shared';
import { Employee } from './employee.entity';
import { Company } from '../companies/company.entity';
import { Department } from '../departments/department.entity';
import type { OrganizationContext } from '../context';
import { EmployeeConnection, EmployeesArgs } from './dto/employees.args';
import { HireEmployeeInput } from './dto/employee-hire.inputs';

@Resolver(() => Employee)
export class EmployeeResolver {
  @Authorized()
  @Query(() => EmployeeConnection, { complexity: pageComplexity })
  employees(@Args() args: EmployeesArgs, @Ctx() ctx: OrganizationContext): Promise<ConnectionShape<Employee>> {
    return ctx.services.employees.list(args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => Employee, { nullable: true })
  employee(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganizationContext): Promise<Employee | null> {
    return ctx.loaders.employeeById.load(id);
  }

  @Authorized()
  @Mutation(() => Employee, {
    description:
      "Hires an employee into a company (and department), optionally staffing a position within its quota (a senior post by the board's resolution); an EmployeeCreated event in the same transaction puts them on customer-service's roster (GROUP_EXECUTIVE only; logged; idempotent with idempotencyKey).",
  })
  hireEmployee(@Arg('input') input: HireEmployeeInput, @Ctx() ctx: OrganizationContext): Promise<Employee> {
    return ctx.services.employeeHires.hire(requireViewer(ctx), input);
  }

  @FieldResolver(() => Company)
  company(@Root() e: Employee, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(e.companyId);
  }

  @FieldResolver(() => Department, { nullable: true })
  department(@Root() e: Employee, @Ctx() ctx: OrganizationContext) {
    return e.departmentId ? ctx.loaders.departmentById.load(e.departmentId) : null;
  }
}
