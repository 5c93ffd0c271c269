import { ArgsType, Field, registerEnumType } from 'type-graphql';
import { ValidateNested } from 'class-validator';
import { OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';

enum EmployeeOrderField {
  NAME = 'name',
  CREATED_AT = 'createdAt',
}
registerEnumType(EmployeeOrderField, { name: 'EmployeeOrderField' });
const EmployeeOrder = OrderByInput('Employee', EmployeeOrderField);

@ArgsType()
export class EmployeesPageArgs extends PageArgs {
  @Field(() => EmployeeOrder, { nullable: true })
  @ValidateNested()
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'name', direction: 'ASC' });
  }
}
