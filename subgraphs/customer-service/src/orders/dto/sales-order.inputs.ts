import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IsOptional, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { SalesOrder } from '../sales-order.entity';
import { SalesOrderStatus } from '../../crm/crm-enums';

export const SalesOrderConnection = Connection(SalesOrder);

enum SalesOrderOrderField {
  SIGNED_AT = 'signedAt',
  AMOUNT = 'amount',
  CREATED_AT = 'createdAt',
}
registerEnumType(SalesOrderOrderField, { name: 'SalesOrderOrderField' });
const SalesOrderOrder = OrderByInput('SalesOrder', SalesOrderOrderField);

@InputType()
export class SalesOrderFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) segmentId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) customerId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) opportunityId?: string | null;
  @Field(() => SalesOrderStatus, { nullable: true }) status?: SalesOrderStatus | null;
}

@ArgsType()
export class SalesOrdersArgs extends PageArgs {
  @Field(() => SalesOrderFilter, { nullable: true })
  @ValidateNested()
  filter?: SalesOrderFilter | null;

  @Field(() => SalesOrderOrder, { nullable: true, description: 'Default: latest signed first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'signedAt', direction: 'DESC' });
  }
}

@InputType()
export class CreateSalesOrderInput {
  @Field(() => ID) @MaxLength(36) customerId: string;
  @Field(() => ID, { nullable: true, description: 'The open opportunity this contract wins (same customer).' }) @IsOptional() @MaxLength(36) opportunityId?: string | null;
  @Field() @Length(1, 64) contractNumber: string;
  @Field() signedAt: Date;
  @Field(() => Float, { description: 'Contract value in yuan.' }) amount: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) notes?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) idempotencyKey?: string | null;
}

@InputType()
export class UpdateSalesOrderInput {
  @Field(() => ID) @MaxLength(36) id: string;
  @Field(() => Int) @Min(1) expectedVersion: number;
  @Field(() => Float, { nullable: true }) amount?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) notes?: string | null;
  @Field(() => SalesOrderStatus, { nullable: true, description: 'CANCELLED only.' }) status?: SalesOrderStatus | null;
}
