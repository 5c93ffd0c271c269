import { createDataSource, DatabaseConfig } from '@group/shared';
import { CustomerProfile } from '../customer-profiles/customer-profile.entity';
import { TagCategory } from '../tag-categories/tag-category.entity';
import { Tag } from '../tags/tag.entity';
import { TagAssignment, TagAssignmentHistory } from '../tag-assignments/tag-assignment.entity';
import { CustomerIndicator } from '../indicators/customer-indicator.entity';
import { TagRule, TagRuleRun } from '../tag-rules/tag-rule.entity';
import { CustomerManagerAssignment, Grid } from '../grids/grid.entity';
import { GroupCustomer, GroupMember, ProductHolding } from '../group-customers/group-customer.entity';
import { ChurnEvent } from '../tiers/churn-event.entity';
import { TierRule } from '../tiers/tier-rule.entity';
import { Competitor, CompetitorBranch, CompetitorBusiness, CompetitorPrice, CompetitorProduct, CompetitorRegion, CompetitorStrategy } from '../competitors/competitor.entity';
import { Audience, AudienceMember, Campaign } from '../audiences/audience.entity';
import { MarketingFoundation1764230600000 } from './migrations/1764230600000-marketing-foundation';
import { MarketingTagRules1764300000000 } from './migrations/1764300000000-marketing-tag-rules';
import { MarketingAccounts1764300100000 } from './migrations/1764300100000-marketing-accounts';
import { MarketingCompetitors1764300200000 } from './migrations/1764300200000-marketing-competitors';
import { MarketingAudiences1764300300000 } from './migrations/1764300300000-marketing-audiences';
import { MarketingTagCoverage1764300400000 } from './migrations/1764300400000-marketing-tag-coverage';
import { MarketingMaintenance1764300500000 } from './migrations/1764300500000-marketing-maintenance';
import { TagCoverageSummary } from '../tag-assignments/tag-coverage-summary.entity';
import { SegmentCustomerCount } from '../tag-assignments/segment-customer-count.entity';
import { OpportunityCompetitor } from '../competitors/opportunity-competitor.entity';
import { CompetitivenessIndicator, CompetitivenessScore } from '../competitors/competitiveness.entity';
import { MarketingCompetitiveness1764301800000 } from './migrations/1764301800000-marketing-competitiveness';

export const MARKETING_ENTITIES = [
  CustomerProfile,
  TagCategory,
  Tag,
  TagAssignment,
  TagAssignmentHistory,
  CustomerIndicator,
  TagRule,
  TagRuleRun,
  Grid,
  CustomerManagerAssignment,
  GroupCustomer,
  GroupMember,
  ProductHolding,
  TierRule,
  ChurnEvent,
  Competitor,
  CompetitorBranch,
  CompetitorBusiness,
  CompetitorRegion,
  CompetitorProduct,
  CompetitorPrice,
  CompetitorStrategy,
  Audience,
  AudienceMember,
  Campaign,
  TagCoverageSummary,
  SegmentCustomerCount,
  OpportunityCompetitor,
  CompetitivenessIndicator,
  CompetitivenessScore,
];
import { CustomerProfileVersion1765300100000 } from './migrations/1765300100000-customer-profile-version';

export const MARKETING_MIGRATIONS = [
  MarketingFoundation1764230600000,
  MarketingTagRules1764300000000,
  MarketingAccounts1764300100000,
  MarketingCompetitors1764300200000,
  MarketingAudiences1764300300000,
  MarketingTagCoverage1764300400000,
  MarketingMaintenance1764300500000,
  MarketingCompetitiveness1764301800000,
  CustomerProfileVersion1765300100000,
];

export function createMarketingDataSource(database: DatabaseConfig) {
  return createDataSource({ database, entities: MARKETING_ENTITIES, migrations: MARKETING_MIGRATIONS });
}
