import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IsOptional, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { Lead } from '../lead.entity';
import { LeadSource, LeadStatus } from '../../crm/crm-enums';
import { CustomerKind } from '../../customers/customer.entity';

export const LeadConnection = Connection(Lead);

enum LeadOrderField {
  CREATED_AT = 'createdAt',
  NAME = 'name',
  LAST_ACTION_AT = 'lastActionAt',
}
registerEnumType(LeadOrderField, { name: 'LeadOrderField' });
const LeadOrder = OrderByInput('Lead', LeadOrderField);

@InputType({ description: 'All conditions must hold; segment isolation applies on top.' })
export class LeadFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) segmentId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) ownerId?: string | null;
  @Field(() => LeadStatus, { nullable: true }) status?: LeadStatus | null;
  @Field(() => LeadSource, { nullable: true }) source?: LeadSource | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(36) customerId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) nameContains?: string | null;
}

@ArgsType()
export class LeadsArgs extends PageArgs {
  @Field(() => LeadFilter, { nullable: true })
  @ValidateNested()
  filter?: LeadFilter | null;

  @Field(() => LeadOrder, { nullable: true, description: 'Default: newest first.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'createdAt', direction: 'DESC' });
  }
}

@InputType()
export class CreateLeadInput {
  @Field(() => ID, { description: 'One of your own segments.' }) @MaxLength(36) segmentId: string;
  @Field() @Length(1, 200) name: string;
  @Field(() => LeadSource) source: LeadSource;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) description?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 200) companyName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 100) contactName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 40) contactPhone?: string | null;
  @Field(() => ID, { nullable: true, description: 'An existing customer of the same segment.' }) @IsOptional() @MaxLength(36) customerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Default: you. Segment heads may name another owner.' }) @IsOptional() @MaxLength(36) ownerId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Retrying with the same key returns the first lead; the same key with a different body is refused (IDEMPOTENCY_KEY_REUSED).',
  })
  @IsOptional()
  @Length(1, 64)
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateLeadInput {
  @Field(() => ID) @MaxLength(36) id: string;
  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT/STALE_VERSION.' }) @Min(1) expectedVersion: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) name?: string | null;
  @Field(() => LeadSource, { nullable: true }) source?: LeadSource | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) description?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 200) companyName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 100) contactName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 40) contactPhone?: string | null;
  @Field(() => LeadStatus, { nullable: true, description: 'NEW, FOLLOWING_UP, INVALID or CLOSED (the last two need closeReason).' }) status?: LeadStatus | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 500) closeReason?: string | null;
  @Field(() => ID, { nullable: true, description: 'Segment heads only.' }) @IsOptional() @MaxLength(36) ownerId?: string | null;
}

@InputType()
export class NewCustomerInput {
  @Field() @Length(1, 200) name: string;
  @Field(() => CustomerKind) kind: CustomerKind;
}

@InputType()
export class ConversionOpportunityInput {
  @Field() @Length(1, 200) name: string;
  @Field(() => Float, { description: 'Expected contract value in yuan.' }) amount: number;
  @Field(() => Date, { nullable: true }) expectedCloseAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Default: the first stage.' }) @IsOptional() @MaxLength(32) stage?: string | null;
}

@InputType({ description: 'Converts an open lead: customer (existing or new) + opportunity, in one transaction.' })
export class ConvertLeadInput {
  @Field(() => ID) @MaxLength(36) leadId: string;
  @Field(() => Int) @Min(1) expectedVersion: number;
  @Field(() => ID, { nullable: true, description: "An existing customer of the lead's segment (default: the lead's customer)." }) @IsOptional() @MaxLength(36) customerId?:
    string | null;
  @Field(() => NewCustomerInput, { nullable: true, description: 'The customer to create when there is none.' })
  @IsOptional()
  @ValidateNested()
  newCustomer?: NewCustomerInput | null;
  @Field(() => ConversionOpportunityInput) @ValidateNested() opportunity: ConversionOpportunityInput;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 64) idempotencyKey?: string | null;
}
