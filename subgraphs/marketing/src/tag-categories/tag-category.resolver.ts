import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { ConnectionShape } from '@group/shared';
import { TagCategory } from './tag-category.entity';
import { TagCategoriesArgs, TagCategoryConnection } from './dto/tag-categories.args';
import { TagConnection, TagsPageArgs } from '../tags/dto/tags.args';
import type { Tag } from '../tags/tag.entity';
import type { MarketingContext } from '../context';

@Resolver(() => TagCategory)
export class TagCategoryResolver {
  @Authorized()
  @Query(() => TagCategoryConnection, { description: 'Categories of the tag library; `filter: { rootsOnly: true }` gives the level-0 themes.' })
  tagCategories(@Args() args: TagCategoriesArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<TagCategory>> {
    return ctx.services.tagCategories.list(args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => TagCategory, { nullable: true })
  tagCategory(@Arg('id', () => ID) id: string, @Ctx() ctx: MarketingContext): Promise<TagCategory | null> {
    return ctx.loaders.tagCategoryById.load(id);
  }

  @FieldResolver(() => TagCategory, { nullable: true, description: 'The parent node (null for a level-0 theme).' })
  parent(@Root() c: TagCategory, @Ctx() ctx: MarketingContext) {
    return c.parentId ? ctx.loaders.tagCategoryById.load(c.parentId) : null;
  }

  @FieldResolver(() => [TagCategory], { description: 'Direct sub-categories, by code.' })
  children(@Root() c: TagCategory, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.tagCategoriesByParentId.load(c.id);
  }

  @FieldResolver(() => TagConnection, { description: 'Tags directly in this category.' })
  tags(@Root() c: TagCategory, @Args() args: TagsPageArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<Tag>> {
    return ctx.loaders.tagPagesByCategoryId.load(c.id, args);
  }
}
