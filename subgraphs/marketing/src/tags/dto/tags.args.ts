import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { IdempotencyKeyField, Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { Tag, TagKind } from '../tag.entity';
import { Customer } from '../../federated/customer';

export const TagConnection = Connection(Tag);
/** `Tag.customers`: named apart from customer-service's own customer lists. */
export const TaggedCustomerConnection = Connection(Customer, 'TaggedCustomer');

enum TagOrderField {
  CODE = 'code',
  NAME = 'name',
}
registerEnumType(TagOrderField, { name: 'TagOrderField' });
const TagOrder = OrderByInput('Tag', TagOrderField);

@InputType()
export class TagFilter {
  @Field(() => ID, { nullable: true, description: 'Only tags directly in this category.' })
  categoryId?: string | null;

  @Field(() => TagKind, { nullable: true })
  kind?: TagKind | null;

  @Field(() => String, { nullable: true, description: 'Codes starting with this (case-insensitive).' })
  @MaxLength(64)
  codePrefix?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  @MaxLength(100)
  nameContains?: string | null;
}

@ArgsType()
export class TagsPageArgs extends PageArgs {
  @Field(() => TagOrder, { nullable: true, description: 'Default: code ascending.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'code', direction: 'ASC' });
  }
}

@ArgsType()
export class TagsArgs extends TagsPageArgs {
  @Field(() => TagFilter, { nullable: true })
  @ValidateNested()
  filter?: TagFilter | null;
}

@ArgsType()
export class TaggedCustomersArgs extends PageArgs {}

@InputType()
export class CreateTagInput {
  @Field({ description: 'Unique stable code: capitals, digits and underscores, e.g. HIGH_VALUE.' })
  @MaxLength(64)
  @Matches(/^[A-Z][A-Z0-9_]*$/)
  code: string;

  @Field()
  @MaxLength(100)
  name: string;

  @Field({ description: 'What the tag means and how it is determined (标签指标维度).' })
  @MaxLength(2000)
  definition: string;

  @Field(() => TagKind)
  kind: TagKind;

  @Field(() => ID, { description: 'A category of level 1 or deeper.' })
  @MaxLength(36)
  categoryId: string;

  @Field(() => Date, { nullable: true })
  validFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  validTo?: Date | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  indicatorDimension?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Code, kind and category are fixed once a tag exists; retire a tag by setting validTo.' })
export class UpdateTagInput {
  @Field(() => ID)
  @MaxLength(36)
  id: string;

  @Field(() => Int, { description: 'The version you read (CONFLICT STALE_VERSION if it changed since).' })
  @Min(1)
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  definition?: string | null;

  @Field(() => Date, { nullable: true })
  validFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  validTo?: Date | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  indicatorDimension?: string | null;
}
