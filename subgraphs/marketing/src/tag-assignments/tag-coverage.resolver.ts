import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { CategoryCoverage, TagCoverage, tagCoverage } from './tag-coverage';
import { TagCategory } from '../tag-categories/tag-category.entity';
import type { MarketingContext } from '../context';

@Resolver(() => TagCoverage)
export class TagCoverageResolver {
  @Authorized()
  @Query(() => TagCoverage, { description: 'MKT-M3: tag coverage per level-1 category over the customers you can read.' })
  async tagCoverage(@Ctx() ctx: MarketingContext): Promise<TagCoverage> {
    const viewer = requireViewer(ctx);
    const level1 = await ctx.services.tagCategories.list({ level: 1 }, { first: 100 }, { property: 'code', direction: 'ASC' });
    const r = await tagCoverage(
      ctx.services.dataSource,
      viewer,
      new Date(),
      level1.edges.map((e) => e.node.id),
    );
    const counts = new Map(r.rows.map((x) => [x.l1, x.n]));
    return Object.assign(new TagCoverage(), {
      customers: r.customers,
      assignments: r.assignments,
      tagsPerCustomer: r.customers ? r.assignments / r.customers : null,
      byCategory: level1.edges.map(({ node }) =>
        Object.assign(new CategoryCoverage(), { category: node, customers: counts.get(node.id) ?? 0, rate: r.customers ? (counts.get(node.id) ?? 0) / r.customers : null }),
      ),
    });
  }
}

@Resolver(() => CategoryCoverage)
export class CategoryCoverageResolver {
  @FieldResolver(() => TagCategory)
  category(@Root() c: CategoryCoverage) {
    return c.category;
  }
}
