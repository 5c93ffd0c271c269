import { ArgsType, Field, ID, Int } from 'type-graphql';
import { MaxLength, MinLength } from 'class-validator';
import { EmployeeStatus } from '../employee.entity';

@ArgsType()
export class SetEmployeeStatusArgs {
  @Field(() => ID)
  employeeId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => EmployeeStatus)
  status: EmployeeStatus;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  reason: string;
}
