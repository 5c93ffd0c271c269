import { buildFederatedSchema, canReadSegment, referenceResolver } from '@group/shared';
import { TagCategoryResolver } from './tag-categories/tag-category.resolver';
import { TagResolver } from './tags/tag.resolver';
import { RemovedTagAssignmentResolver, TagAssignmentResolver } from './tag-assignments/tag-assignment.resolver';
import { CustomerTagsResolver } from './tag-assignments/customer-tags.resolver';
import type { MarketingContext } from './context';

/** Collects the marketing subgraph's modules into one Federation 2 schema. */
export function buildMarketingSchema() {
  return buildFederatedSchema({
    resolvers: [TagCategoryResolver, TagResolver, TagAssignmentResolver, RemovedTagAssignmentResolver, CustomerTagsResolver],
    referenceResolvers: {
      // The tag library is readable by every signed-in user.
      TagCategory: referenceResolver((ctx: MarketingContext) => ctx.loaders.tagCategoryById),
      Tag: referenceResolver((ctx: MarketingContext) => ctx.loaders.tagById),
      // A customer resolves only if marketing knows its segment and the viewer may read
      // that segment (domain.md §3.1.3 rules 2 and 6); otherwise null.
      Customer: referenceResolver(
        (ctx: MarketingContext) => ctx.loaders.customerById,
        (viewer, c) => c.segmentId !== undefined && canReadSegment(viewer, c.segmentId),
      ),
    },
  });
}
