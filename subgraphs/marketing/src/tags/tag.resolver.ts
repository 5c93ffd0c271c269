import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { Tag } from './tag.entity';
import { CreateTagInput, TagConnection, TaggedCustomerConnection, TaggedCustomersArgs, TagsArgs, UpdateTagInput } from './dto/tags.args';
import { TagCategory } from '../tag-categories/tag-category.entity';
import { Customer, customerRef } from '../federated/customer';
import type { MarketingContext } from '../context';

@Resolver(() => Tag)
export class TagResolver {
  @Authorized()
  @Query(() => TagConnection, { description: 'The tag library; readable by every signed-in user.' })
  tags(@Args() args: TagsArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<Tag>> {
    return ctx.services.tags.list(args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => Tag, { nullable: true })
  tag(@Arg('id', () => ID) id: string, @Ctx() ctx: MarketingContext): Promise<Tag | null> {
    return ctx.loaders.tagById.load(id);
  }

  @Authorized()
  @Mutation(() => Tag, {
    description:
      'Adds a tag to the library (the group marketing department and group executives, MKT-R04/R23). ' +
      'Errors: FORBIDDEN TAG_LIBRARY_FORBIDDEN, NOT_FOUND TAGCATEGORY_NOT_FOUND, BAD_USER_INPUT TAG_CATEGORY_IS_THEME / TAG_VALIDITY_INVALID, CONFLICT TAG_CODE_TAKEN / IDEMPOTENCY_KEY_REUSED.',
  })
  createTag(@Arg('input', () => CreateTagInput) input: CreateTagInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.tags.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Tag, { description: 'Edits a tag; retire it by setting validTo. Errors: FORBIDDEN TAG_LIBRARY_FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, CONFLICT STALE_VERSION.' })
  updateTag(@Arg('input', () => UpdateTagInput) input: UpdateTagInput, @Ctx() ctx: MarketingContext) {
    return ctx.services.tags.update(requireViewer(ctx), input);
  }

  @FieldResolver(() => TagCategory)
  category(@Root() t: Tag, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.tagCategoryById.load(t.categoryId);
  }

  @FieldResolver(() => TaggedCustomerConnection, {
    description: 'Customers carrying this tag, by customer id; only customers of segments the viewer may read.',
  })
  async customers(@Root() t: Tag, @Args() args: TaggedCustomersArgs, @Ctx() ctx: MarketingContext): Promise<ConnectionShape<Customer>> {
    const page = await ctx.loaders.tagAssignmentPagesByTagId.load(t.id, args);
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: customerRef(e.node.customerId, e.node.segmentId) })),
    };
  }

  @FieldResolver(() => Int, { description: 'Number of effective assignments of this tag in the segments the viewer may read.' })
  async assignmentCount(@Root() t: Tag, @Ctx() ctx: MarketingContext): Promise<number> {
    return (await ctx.loaders.tagAssignmentCountByTagId.load(t.id))?.count ?? 0;
  }
}
