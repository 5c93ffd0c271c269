import { ArgsType, Field, Float, ID, InputType, registerEnumType } from 'type-graphql';
import { MaxLength, Min, ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, OrderDirection, PageArgs, sortOf, SortSpec } from '@group/shared';
import { GroupCustomer, GroupMember, MemberRole, ProductHolding } from '../group-customer.entity';

export const GroupCustomerConnection = Connection(GroupCustomer);
export const GroupMemberConnection = Connection(GroupMember);
export const ProductHoldingConnection = Connection(ProductHolding);

enum GroupCustomerOrderField {
  CREATED_AT = 'createdAt',
  INDUSTRY = 'industry',
}
registerEnumType(GroupCustomerOrderField, { name: 'GroupCustomerOrderField' });
const GroupCustomerOrder = OrderByInput('GroupCustomer', GroupCustomerOrderField);

@InputType()
export class GroupCustomerFilter {
  @Field(() => String, { nullable: true })
  @MaxLength(100)
  industryContains?: string | null;
}

@ArgsType()
export class GroupCustomersArgs extends PageArgs {
  @Field(() => GroupCustomerFilter, { nullable: true })
  @ValidateNested()
  filter?: GroupCustomerFilter | null;

  @Field(() => GroupCustomerOrder, { nullable: true, description: 'Default: newest first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'createdAt', direction: OrderDirection.DESC });
  }
}

@ArgsType()
export class GroupMembersArgs extends PageArgs {
  @Field(() => MemberRole, { nullable: true, description: 'KEY_PERSON lists the key people.' })
  role?: MemberRole | null;
}

@ArgsType()
export class ProductHoldingsArgs extends PageArgs {}

@InputType()
export class CreateGroupCustomerInput {
  @Field(() => ID)
  @MaxLength(36)
  customerId: string;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  industry?: string | null;

  @Field(() => Float, { nullable: true })
  @Min(0)
  revenue?: number | null;
}

@InputType()
export class AddGroupMemberInput {
  @Field(() => ID)
  @MaxLength(36)
  groupCustomerId: string;

  @Field()
  @MaxLength(100)
  name: string;

  @Field(() => MemberRole)
  role: MemberRole;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  title?: string | null;

  @Field(() => ID, { nullable: true, description: 'The member as an INDIVIDUAL customer, when it is one.' })
  @MaxLength(36)
  memberCustomerId?: string | null;

  @Field(() => Date, { nullable: true })
  joinedAt?: Date | null;
}

@InputType()
export class AddProductHoldingInput {
  @Field(() => ID)
  @MaxLength(36)
  groupCustomerId: string;

  @Field()
  @MaxLength(100)
  productName: string;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  category?: string | null;

  @Field()
  since: Date;
}
