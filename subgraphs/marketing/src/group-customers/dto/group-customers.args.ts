import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { MaxLength, Min, ValidateNested } from 'class-validator';
import { IdempotencyKeyField, Connection, OrderByInput, OrderShape, OrderDirection, PageArgs, sortOf, SortSpec } from '@group/shared';
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

  @Field(() => Boolean, { nullable: true, description: 'Also list retired group customers.' })
  includeRetired?: boolean | null;
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

  @Field(() => Boolean, { nullable: true, description: 'Also list members who left (history).' })
  includeFormer?: boolean | null;
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

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
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

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
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

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

const EXPECTED = { description: 'The version you read (CONFLICT STALE_VERSION if it changed since).' };

@InputType()
export class UpdateGroupCustomerInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int, EXPECTED)
  @Min(1)
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  industry?: string | null;

  @Field(() => Float, { nullable: true })
  @Min(0)
  revenue?: number | null;
}

@InputType()
export class UpdateGroupMemberInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int, EXPECTED)
  @Min(1)
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  name?: string | null;

  @Field(() => MemberRole, { nullable: true, description: 'KEY_PERSON makes the member a key person; MEMBER an ordinary member.' })
  role?: MemberRole | null;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  title?: string | null;

  @Field(() => ID, { nullable: true })
  @MaxLength(36)
  memberCustomerId?: string | null;

  @Field(() => Date, { nullable: true })
  joinedAt?: Date | null;
}

@InputType()
export class UpdateProductHoldingInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int, EXPECTED)
  @Min(1)
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  productName?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  category?: string | null;

  @Field(() => Date, { nullable: true })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the customer stopped holding the product (the holding is kept).' })
  until?: Date | null;
}
