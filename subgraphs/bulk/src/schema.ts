import { buildFederatedSchema } from '@group/shared';
import { BulkOperationResolver } from './bulk.resolver';

/** The bulk subgraph's Federation 2 schema. */
export function buildBulkSchema() {
  return buildFederatedSchema({ audit: 'bulk', resolvers: [BulkOperationResolver] });
}
