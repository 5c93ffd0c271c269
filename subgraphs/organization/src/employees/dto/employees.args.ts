import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { MaxLength, ValidateNested } from 'class-validator';
import { Connection } from '@group/shared';
import { Employee, EmployeeStatus } from '../employee.entity';
import { EmployeesPageArgs } from './employees-page.args';

export const EmployeeConnection = Connection(Employee);

@InputType()
export class EmployeeFilter {
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
export class EmployeesArgs extends EmployeesPageArgs {
  @Field(() => EmployeeFilter, { nullable: true })
  @ValidateNested()
  filter?: EmployeeFilter | null;
}
