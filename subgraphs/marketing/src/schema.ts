import { buildFederatedSchema, canReadSegment, referenceResolver } from '@group/shared';
import { TagCategoryResolver } from './tag-categories/tag-category.resolver';
import { TagResolver } from './tags/tag.resolver';
import { RemovedTagAssignmentResolver, TagAssignmentResolver } from './tag-assignments/tag-assignment.resolver';
import { CustomerTagsResolver } from './tag-assignments/customer-tags.resolver';
import { TagRuleFieldsResolver, TagRuleResolver } from './tag-rules/tag-rule.resolver';
import { IndicatorResolver } from './indicators/indicator.resolver';
import { CustomerManagerAssignmentResolver, EmployeeGridsResolver, GridResolver } from './grids/grid.resolver';
import { GroupCustomerResolver, GroupMemberResolver } from './group-customers/group-customer.resolver';
import { TierResolver } from './tiers/tier.resolver';
import { CustomerMarketingResolver } from './federated/customer-marketing.resolver';
import { CompetitorProductResolver, CompetitorResolver } from './competitors/competitor.resolver';
import { CompetitivenessRankResolver, CompetitivenessResolver, CompetitivenessScoreResolver, CompetitorCompetitivenessResolver } from './competitors/competitiveness.resolver';
import { AudienceResolver, CampaignResolver } from './audiences/audience.resolver';
import { OpportunityCompetitorResolver, OpportunityCompetitorsResolver } from './competitors/opportunity-competitor.resolver';
import { CategoryCoverageResolver, TagCoverageResolver } from './tag-assignments/tag-coverage.resolver';
import { TagAssignmentImportResolver } from './imports/import.resolver';
import type { MarketingContext } from './context';

/** Collects the marketing subgraph's modules into one Federation 2 schema. */
export function buildMarketingSchema() {
  return buildFederatedSchema({
    audit: 'marketing',
    resolvers: [
      TagCategoryResolver,
      TagResolver,
      TagAssignmentResolver,
      RemovedTagAssignmentResolver,
      CustomerTagsResolver,
      TagRuleResolver,
      TagRuleFieldsResolver,
      IndicatorResolver,
      GridResolver,
      CustomerManagerAssignmentResolver,
      EmployeeGridsResolver,
      GroupCustomerResolver,
      GroupMemberResolver,
      TierResolver,
      CustomerMarketingResolver,
      CompetitorResolver,
      CompetitivenessResolver,
      CompetitivenessRankResolver,
      CompetitivenessScoreResolver,
      CompetitorCompetitivenessResolver,
      CompetitorProductResolver,
      OpportunityCompetitorResolver,
      OpportunityCompetitorsResolver,
      AudienceResolver,
      CampaignResolver,
      TagCoverageResolver,
      CategoryCoverageResolver,
      TagAssignmentImportResolver,
    ],
    referenceResolvers: {
      // The tag library is readable by every signed-in user.
      TagCategory: referenceResolver((ctx: MarketingContext) => ctx.loaders.tagCategoryById),
      Tag: referenceResolver((ctx: MarketingContext) => ctx.loaders.tagById),
      // Grids and group customers: the loaders are scoped to the viewer's segments (invisible = null).
      Grid: referenceResolver((ctx: MarketingContext) => ctx.loaders.gridById),
      GroupCustomer: referenceResolver((ctx: MarketingContext) => ctx.loaders.groupCustomerById),
      // A customer resolves only if marketing knows its segment and the viewer may read
      // that segment (domain.md §3.1.3 rules 2 and 6); otherwise null.
      Customer: referenceResolver(
        (ctx: MarketingContext) => ctx.loaders.customerById,
        (viewer, c) => c.segmentId !== undefined && canReadSegment(viewer, c.segmentId),
      ),
    },
  });
}
