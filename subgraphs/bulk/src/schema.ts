import { buildFederatedSchema } from '@group/shared';
import { BulkOperationResolver } from './bulk.resolver';
import { WebhookDeliveryResolver, WebhookResolver } from './webhooks/webhook.resolver';

/** The bulk subgraph's Federation 2 schema. */
export function buildBulkSchema() {
  return buildFederatedSchema({ audit: 'bulk', resolvers: [BulkOperationResolver, WebhookResolver, WebhookDeliveryResolver] });
}
