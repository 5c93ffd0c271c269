import type { DataSource } from 'typeorm';
import DataLoader from 'dataloader';
import { BaseContext, Clock, ParentDirectory, ConnectionLoader, loaderByKey, loaderManyByKey, LoaderOptions, systemClock, Viewer, loadersWithoutViewer } from '@group/shared';
import { CustomerIndicatorService } from './indicators/customer-indicator.service';
import { TagRuleService } from './tag-rules/tag-rule.service';
import { GridService } from './grids/grid.service';
import { GroupCustomerService } from './group-customers/group-customer.service';
import { TierService } from './tiers/tier.service';
import { CompetitorService } from './competitors/competitor.service';
import { CompetitivenessService } from './competitors/competitiveness.service';
import { AudienceService } from './audiences/audience.service';
import type { Audience } from './audiences/audience.entity';
import type { GroupMember, ProductHolding } from './group-customers/group-customer.entity';
import type { GroupMembersArgs, ProductHoldingsArgs } from './group-customers/dto/group-customers.args';
import { CustomerProfileService } from './customer-profiles/customer-profile.service';
import { TagCategoryService } from './tag-categories/tag-category.service';
import { TagService } from './tags/tag.service';
import { TagAssignmentService } from './tag-assignments/tag-assignment.service';
import type { Tag } from './tags/tag.entity';
import type { TagAssignment } from './tag-assignments/tag-assignment.entity';
import type { TaggedCustomersArgs, TagsPageArgs } from './tags/dto/tags.args';
import { Customer, customerRef } from './federated/customer';
import { commonErrors } from './common.errors';

/** Tools without customer-service (benchmarks, CLIs) cannot attach anything to its records. */
const NO_PARENTS: ParentDirectory = {
  visible: async (_viewer, typename) => {
    throw commonErrors.parentCheckUnavailable(typename);
  },
};

/** The marketing subgraph's composition root: services built once per process. */
export function createMarketingServices(ds: DataSource, clock: Clock = systemClock, parents: ParentDirectory = NO_PARENTS) {
  const competitors = new CompetitorService(ds, clock, parents);
  return {
    dataSource: ds,
    audiences: new AudienceService(ds, clock),
    customerIndicators: new CustomerIndicatorService(ds, clock),
    tagRules: new TagRuleService(ds, clock),
    grids: new GridService(ds, clock),
    groupCustomers: new GroupCustomerService(ds, clock),
    tiers: new TierService(ds, clock),
    competitors,
    competitiveness: new CompetitivenessService(ds, competitors, clock),
    customerProfiles: new CustomerProfileService(ds),
    tagCategories: new TagCategoryService(ds),
    tags: new TagService(ds, clock),
    tagAssignments: new TagAssignmentService(ds),
  };
}
export type MarketingServices = ReturnType<typeof createMarketingServices>;

/** Per-request DataLoaders, named <entity>By<Key> / <entities>By<Key>. */
/** Without a viewer (refused before execution anyway: no field here is public) any use of a loader is UNAUTHENTICATED. */
export function createMarketingLoaders(s: MarketingServices, opts: LoaderOptions, viewer: Viewer | null) {
  return viewer ? createViewerLoaders(s, opts, viewer) : loadersWithoutViewer<ReturnType<typeof createViewerLoaders>>();
}

function createViewerLoaders(s: MarketingServices, opts: LoaderOptions, viewer: Viewer) {
  // Customer-hanging data follows the customer's segment (domain.md §3.1.3 rule 6).
  const loaders = {
    /**
     * Customer -> segment from marketing's projection; NOT scoped: callers check `canReadSegment`.
     * The same statement fetches the ids of the customers' visible tags and primes `tagIdsByCustomerId`,
     * so `_entities { ... on Customer { tags { code } } }` costs two statements (this one, then the
     * distinct tags through `tagById`) whatever the number of customers.
     */
    customerById: loaderByKey(
      async (ids) => {
        const profiles = await s.customerProfiles.withTagIds(viewer, ids, new Date());
        for (const p of profiles)
          loaders.tagIdsByCustomerId.prime(
            p.customerId,
            p.tagIds.map((tagId) => ({ customerId: p.customerId, tagId })),
          );
        return profiles.map((p) => customerRef(p.customerId, p.segmentId));
      },
      (c: Customer) => c.id,
      opts,
    ),
    tagCategoryById: loaderByKey(
      (ids) => s.tagCategories.byIds(ids),
      (c) => c.id,
      opts,
    ),
    tagCategoriesByParentId: loaderManyByKey(
      (ids) => s.tagCategories.childrenOf(ids),
      (c) => c.parentId!,
      opts,
    ),
    tagPagesByCategoryId: new ConnectionLoader<TagsPageArgs, Tag>((ids, a) => s.tags.pagesByCategory(ids, a, a.sort()), opts),
    tagById: loaderByKey(
      (ids) => s.tags.byIds(ids),
      (t) => t.id,
      opts,
    ),
    tagAssignmentsByCustomerId: loaderManyByKey(
      (ids) => s.tagAssignments.byCustomerIds(viewer, ids),
      (a) => a.customerId,
      opts,
    ),
    tagIdsByCustomerId: loaderManyByKey(
      (ids) => s.tagAssignments.tagIdsByCustomerIds(viewer, ids),
      (a) => a.customerId,
      opts,
    ),
    /**
     * `Customer.tags`: the effective visible tags of each customer, by code. One batch for all the
     * customers of a request: their tag ids (primed by `customerById`), then the distinct tags once
     * through `tagById`. A report asks this for ~1,000 customers: per customer one promise instead of
     * an async resolver awaiting two loaders and one load per tag.
     */
    tagsByCustomerId: new DataLoader<string, Tag[]>(
      async (customerIds): Promise<(Tag[] | Error)[]> => {
        const idLists: ({ customerId: string; tagId: string }[] | Error)[] = await loaders.tagIdsByCustomerId.loadMany(customerIds);
        const tagIds = new Set<string>();
        for (const list of idLists) if (!(list instanceof Error)) for (const a of list) tagIds.add(a.tagId);
        const tags: (Tag | null | Error)[] = await loaders.tagById.loadMany([...tagIds]);
        const byId = new Map<string, Tag | null | Error>([...tagIds].map((id, i) => [id, tags[i]]));
        return idLists.map((list) => {
          if (list instanceof Error) return list;
          const out: Tag[] = [];
          for (const a of list) {
            const t = byId.get(a.tagId);
            if (t instanceof Error) return t;
            if (t) out.push(t);
          }
          return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
        });
      },
      { batch: opts.batch, maxBatchSize: 1000 },
    ),
    tagAssignmentCountByTagId: loaderByKey(
      (ids) => s.tagAssignments.countsByTagIds(viewer, ids),
      (r) => r.tagId,
      opts,
    ),
    tagRuleByTagId: loaderByKey(
      (ids) => s.tagRules.currentByTagIds(ids),
      (r) => r.tagId,
      opts,
    ),
    tagRuleVersionsByTagId: loaderManyByKey(
      (ids) => s.tagRules.versionsByTagIds(ids),
      (r) => r.tagId,
      opts,
    ),
    tagRuleRunByRuleId: loaderByKey(
      (ids) => s.tagRules.lastRunsByRuleIds(ids),
      (r) => r.ruleId,
      opts,
    ),
    profileByCustomerId: loaderByKey(
      (ids) => s.grids.profiles(viewer, ids),
      (p) => p.customerId,
      opts,
    ),
    gridById: loaderByKey(
      (ids) => s.grids.byIds(viewer, ids),
      (g) => g.id,
      opts,
    ),
    gridsByParentId: loaderManyByKey(
      (ids) => s.grids.childrenOf(viewer, ids),
      (g) => g.parentId!,
      opts,
    ),
    gridsByManagerId: loaderManyByKey(
      (ids) => s.grids.byManagerIds(viewer, ids),
      (g) => g.managerEmployeeId!,
      opts,
    ),
    gridCoverageByGridId: loaderByKey(
      (ids) => s.grids.coverage(viewer, ids),
      (c) => c.gridId,
      opts,
    ),
    activeManagerByCustomerId: loaderByKey(
      (ids) => s.grids.activeManagers(viewer, ids),
      (a) => a.customerId,
      opts,
    ),
    groupCustomerById: loaderByKey(
      (ids) => s.groupCustomers.byIds(viewer, ids),
      (g) => g.id,
      opts,
    ),
    groupCustomerByCustomerId: loaderByKey(
      (ids) => s.groupCustomers.byCustomerIds(viewer, ids),
      (g) => g.customerId,
      opts,
    ),
    groupMemberPagesByGroupId: new ConnectionLoader<GroupMembersArgs, GroupMember>(
      (ids, a) => s.groupCustomers.memberPages(viewer, ids, a, a.role ?? null, a.includeFormer ?? false),
      opts,
    ),
    productPagesByGroupId: new ConnectionLoader<ProductHoldingsArgs, ProductHolding>((ids, a) => s.groupCustomers.productPages(viewer, ids, a), opts),
    churnEventsByCustomerId: loaderManyByKey(
      (ids) => s.tiers.churnEventsOf(viewer, ids),
      (e) => e.customerId,
      opts,
    ),
    // Competitor intelligence: reachable only after CompetitorService.check (role), so not scoped here.
    competitorById: loaderByKey(
      (ids) => s.competitors.byIds(ids),
      (c) => c.id,
      opts,
    ),
    competitorBranchesByCompetitorId: loaderManyByKey(
      (ids) => s.competitors.branchesOf(ids),
      (r) => r.competitorId,
      opts,
    ),
    competitorBusinessesByCompetitorId: loaderManyByKey(
      (ids) => s.competitors.businessesOf(ids),
      (r) => r.competitorId,
      opts,
    ),
    competitorRegionsByCompetitorId: loaderManyByKey(
      (ids) => s.competitors.regionsOf(ids),
      (r) => r.competitorId,
      opts,
    ),
    competitorProductsByCompetitorId: loaderManyByKey(
      (ids) => s.competitors.productsOf(ids),
      (r) => r.competitorId,
      opts,
    ),
    competitorStrategiesByCompetitorId: loaderManyByKey(
      (ids) => s.competitors.strategiesOf(ids),
      (r) => r.competitorId,
      opts,
    ),
    /** Links of readable segments; the role check is in the field resolver (CompetitorService.check). */
    opportunityCompetitorsByOpportunityId: loaderManyByKey(
      (ids) => s.competitors.opportunityLinksOf(viewer, ids),
      (l) => l.opportunityId,
      opts,
    ),
    competitorPricesByProductId: loaderManyByKey(
      (ids) => s.competitors.pricesOf(ids),
      (r) => r.productId,
      opts,
    ),
    competitivenessIndicatorById: loaderByKey(
      (ids) => s.competitiveness.indicatorsByIds(ids),
      (i) => i.id,
      opts,
    ),
    competitivenessScoresByCompetitorId: loaderManyByKey(
      (ids) => s.competitiveness.scoresOf(ids),
      (r) => r.competitorId,
      opts,
    ),
    competitivenessTrendByCompetitorId: loaderManyByKey(
      (ids) => s.competitiveness.trendOf(ids),
      (r) => r.competitorId,
      opts,
    ),
    audienceById: loaderByKey(
      (ids) => s.audiences.byIds(viewer, ids),
      (a) => a.id,
      opts,
    ),
    /** Keyed by the (already visible) audience row: sizes need its kind and expression. */
    audienceSizeByAudience: new DataLoader<Audience, { audienceId: string; size: number } | null, string>(
      async (as) => {
        const sizes = new Map((await s.audiences.sizes(as)).map((r) => [r.audienceId, r]));
        return as.map((a) => sizes.get(a.id) ?? null);
      },
      { cacheKeyFn: (a) => a.id, batch: opts.batch, maxBatchSize: 200 },
    ),
    tagAssignmentPagesByTagId: new ConnectionLoader<TaggedCustomersArgs, TagAssignment>((ids, a) => s.tagAssignments.customerPagesByTag(viewer, ids, a), opts),
  };
  return loaders;
}
export type MarketingLoaders = ReturnType<typeof createMarketingLoaders>;

export interface MarketingContext extends BaseContext {
  services: MarketingServices;
  loaders: MarketingLoaders;
}
