import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Max, Min, ValidateNested } from 'class-validator';
import { Connection, OrderByInput, OrderShape, PageArgs, sortOf, SortSpec } from '@group/shared';
import { TagCategory } from '../tag-category.entity';

export const TagCategoryConnection = Connection(TagCategory);

enum TagCategoryOrderField {
  CODE = 'code',
  NAME = 'name',
}
registerEnumType(TagCategoryOrderField, { name: 'TagCategoryOrderField' });
const TagCategoryOrder = OrderByInput('TagCategory', TagCategoryOrderField);

@InputType()
export class TagCategoryFilter {
  @Field(() => Int, { nullable: true, description: '0 = themes, 1 = level-1 categories, 2 = sub-categories.' })
  @Min(0)
  @Max(10)
  level?: number | null;

  @Field(() => ID, { nullable: true, description: 'Only direct children of this category.' })
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only the roots of the tree (the level-0 themes).' })
  rootsOnly?: boolean | null;
}

@ArgsType()
export class TagCategoriesArgs extends PageArgs {
  @Field(() => TagCategoryFilter, { nullable: true })
  @ValidateNested()
  filter?: TagCategoryFilter | null;

  @Field(() => TagCategoryOrder, { nullable: true, description: 'Default: code ascending.' })
  orderBy?: OrderShape | null;

  sort(): SortSpec {
    return sortOf(this.orderBy, { property: 'code', direction: 'ASC' });
  }
}
