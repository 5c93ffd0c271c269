import type { DataSource } from 'typeorm';
import { BaseContext, ConnectionLoader, loaderByKey, loaderManyByKey, LoaderOptions, scopeOf, Viewer } from '@group/shared';
import { CustomerProfileService } from './customer-profiles/customer-profile.service';
import { TagCategoryService } from './tag-categories/tag-category.service';
import { TagService } from './tags/tag.service';
import { TagAssignmentService } from './tag-assignments/tag-assignment.service';
import type { Tag } from './tags/tag.entity';
import type { TagAssignment } from './tag-assignments/tag-assignment.entity';
import type { TaggedCustomersArgs, TagsPageArgs } from './tags/dto/tags.args';
import { Customer, customerRef } from './federated/customer';

/** The marketing subgraph's composition root: services built once per process. */
export function createMarketingServices(ds: DataSource) {
  return {
    customerProfiles: new CustomerProfileService(ds),
    tagCategories: new TagCategoryService(ds),
    tags: new TagService(ds),
    tagAssignments: new TagAssignmentService(ds),
  };
}
export type MarketingServices = ReturnType<typeof createMarketingServices>;

/** Per-request DataLoaders, named <entity>By<Key> / <entities>By<Key>. */
export function createMarketingLoaders(s: MarketingServices, opts: LoaderOptions, viewer: Viewer | null) {
  // Customer-hanging data follows the customer's segment (domain.md §3.1.3 rule 6); no viewer reads nothing.
  const scope = viewer ? scopeOf(viewer) : [];
  const loaders = {
    /**
     * Customer -> segment from marketing's projection; NOT scoped: callers check `canReadSegment`.
     * The same statement fetches the customers' visible tags and primes the two loaders below,
     * so `_entities { ... on Customer { tags } }` costs one statement.
     */
    customerById: loaderByKey(
      async (ids) => {
        const profiles = await s.customerProfiles.withTags(ids, scope, new Date());
        for (const p of profiles) {
          loaders.tagAssignmentsByCustomerId.prime(p.customerId, p.assignments);
          for (const a of p.assignments) loaders.tagById.prime(a.tag.id, a.tag);
        }
        return profiles.map((p) => customerRef(p.customerId, p.segmentId));
      },
      (c: Customer) => c.id,
      opts,
    ),
    tagCategoryById: loaderByKey((ids) => s.tagCategories.byIds(ids), (c) => c.id, opts),
    tagCategoriesByParentId: loaderManyByKey((ids) => s.tagCategories.childrenOf(ids), (c) => c.parentId!, opts),
    tagPagesByCategoryId: new ConnectionLoader<TagsPageArgs, Tag>((ids, a) => s.tags.pagesByCategory(ids, a, a.sort()), opts),
    tagById: loaderByKey((ids) => s.tags.byIds(ids), (t) => t.id, opts),
    tagAssignmentsByCustomerId: loaderManyByKey((ids) => s.tagAssignments.byCustomerIds(ids, scope), (a) => a.customerId, opts),
    tagAssignmentCountByTagId: loaderByKey((ids) => s.tagAssignments.countsByTagIds(ids, scope), (r) => r.tagId, opts),
    tagAssignmentPagesByTagId: new ConnectionLoader<TaggedCustomersArgs, TagAssignment>((ids, a) => s.tagAssignments.customerPagesByTag(ids, a, scope), opts),
  };
  return loaders;
}
export type MarketingLoaders = ReturnType<typeof createMarketingLoaders>;

export interface MarketingContext extends BaseContext {
  services: MarketingServices;
  loaders: MarketingLoaders;
}
