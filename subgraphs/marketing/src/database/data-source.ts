import { createDataSource, DatabaseConfig } from '@group/shared';
import { CustomerProfile } from '../customer-profiles/customer-profile.entity';
import { TagCategory } from '../tag-categories/tag-category.entity';
import { Tag } from '../tags/tag.entity';
import { TagAssignment, TagAssignmentHistory } from '../tag-assignments/tag-assignment.entity';
import { MarketingFoundation1764230600000 } from './migrations/1764230600000-marketing-foundation';

export const MARKETING_ENTITIES = [CustomerProfile, TagCategory, Tag, TagAssignment, TagAssignmentHistory];
export const MARKETING_MIGRATIONS = [MarketingFoundation1764230600000];

export function createMarketingDataSource(database: DatabaseConfig) {
  return createDataSource({ database, entities: MARKETING_ENTITIES, migrations: MARKETING_MIGRATIONS });
}
