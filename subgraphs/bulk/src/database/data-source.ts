import { createDataSource, DatabaseConfig } from '@group/shared';
import { BulkAccount, BulkOperation, BulkTaskRow } from '../bulk-operation.entity';
import { Webhook, WebhookAttempt, WebhookDelivery } from '../webhooks/webhook.entity';
import { BulkFoundation1766000000000 } from './migrations/1766000000000-bulk-foundation';
import { Webhooks1767000000000 } from './migrations/1767000000000-webhooks';
import { WebhookOwnerEmployee1767100000000 } from './migrations/1767100000000-webhook-owner-employee';

export const BULK_ENTITIES = [BulkOperation, BulkTaskRow, BulkAccount, Webhook, WebhookDelivery, WebhookAttempt];
export const BULK_MIGRATIONS = [BulkFoundation1766000000000, Webhooks1767000000000, WebhookOwnerEmployee1767100000000];

export function createBulkDataSource(database: DatabaseConfig) {
  return createDataSource({ database, entities: BULK_ENTITIES, migrations: BULK_MIGRATIONS });
}
