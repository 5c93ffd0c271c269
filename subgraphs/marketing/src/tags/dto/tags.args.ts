import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { MaxLength, ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
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
