import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { MaxLength, ValidateNested } from 'class-validator';
import { Connection, ConnectionShape, pageComplexity } from '@group/shared';
import { Employee, EmployeeStatus } from './employee.entity';
import { Company } from '../companies/company.entity';
import { Department } from '../departments/department.entity';
import type { OrganizationContext } from '../context';
import { EmployeesPageArgs } from './dto/employees-page.args';

export const EmployeeConnection = Connection(Employee);

@InputType()
class EmployeeFilter {
  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => EmployeeStatus, { nullable: true })
  status?: EmployeeStatus | null;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  nameContains?: string | null;
}

@ArgsType()
class EmployeesArgs extends EmployeesPageArgs {
  @Field(() => EmployeeFilter, { nullable: true })
  @ValidateNested()
  filter?: EmployeeFilter | null;
}

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

  @FieldResolver(() => Company)
  company(@Root() e: Employee, @Ctx() ctx: OrganizationContext) {
    return ctx.loaders.companyById.load(e.companyId);
  }

  @FieldResolver(() => Department, { nullable: true })
  department(@Root() e: Employee, @Ctx() ctx: OrganizationContext) {
    return e.departmentId ? ctx.loaders.departmentById.load(e.departmentId) : null;
  }
}
