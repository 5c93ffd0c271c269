import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { MaxLength, ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { Customer, CustomerKind } from '../customer.entity';

export const CustomerConnection = Connection(Customer);

enum CustomerOrderField {
  NAME = 'name',
  CREATED_AT = 'createdAt',
}
registerEnumType(CustomerOrderField, { name: 'CustomerOrderField' });
const CustomerOrder = OrderByInput('Customer', CustomerOrderField);

@InputType({ description: 'All conditions must hold. Segment isolation applies on top of any filter.' })
export class CustomerFilter {
  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  segmentId?: string | null;

  @Field(() => CustomerKind, { nullable: true })
  kind?: CustomerKind | null;

  @Field(() => ID, { nullable: true, description: 'Employee owning the customer relationship.' })
  @MaxLength(36)
  ownerId?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  @MaxLength(100)
  nameContains?: string | null;
}

/** Arguments of every customer list (`customers`, `Segment.customers`, `Employee.customers`). */
@ArgsType()
export class CustomersArgs extends PageArgs {
  @Field(() => CustomerFilter, { nullable: true })
  @ValidateNested()
  filter?: CustomerFilter | null;

  @Field(() => CustomerOrder, { nullable: true, description: 'Default: name, ascending.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'name', direction: 'ASC' });
  }
}
