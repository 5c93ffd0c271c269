import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Customer } from '../federated/customer';
import { Tag } from '../tags/tag.entity';
import { TagAssignment } from './tag-assignment.entity';
import type { MarketingContext } from '../context';

/**
 * Marketing's contribution to the federated Customer. Both fields go through
 * per-request loaders scoped to the viewer's segments: for any number of
 * customers in a request, one statement for the assignments and one for
 * their distinct tags (the reference resolver reads the tag ids with the
 * customer's profile: see `customerById` in context.ts).
 */
@Resolver(() => Customer)
export class CustomerTagsResolver {
  @FieldResolver(() => [Tag], {
    // Contributed to another subgraph's entity: nullable, so that when this service is down the
    // gateway still returns the rest of the parent with an error for this field (partial data).
    nullable: true,
    description: 'Effective (assigned, not expired) tags of the customer, by code.',
  })
  async tags(@Root() c: Customer, @Ctx() ctx: MarketingContext): Promise<Tag[]> {
    const assignments = await ctx.loaders.tagIdsByCustomerId.load(c.id);
    const tags = await ctx.loaders.tagById.loadMany(assignments.map((a) => a.tagId));
    const failed = tags.find((t): t is Error => t instanceof Error);
    if (failed) throw failed;
    return tags.filter((t): t is Tag => t !== null).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  @FieldResolver(() => [TagAssignment], {
    // Contributed to another subgraph's entity: nullable, so that when this service is down the
    // gateway still returns the rest of the parent with an error for this field (partial data).
    nullable: true,
    description: 'Effective tag assignments of the customer, oldest first.',
  })
  tagAssignments(@Root() c: Customer, @Ctx() ctx: MarketingContext): Promise<TagAssignment[]> {
    return ctx.loaders.tagAssignmentsByCustomerId.load(c.id);
  }
}
