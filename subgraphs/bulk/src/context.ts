import type { DataSource } from 'typeorm';
import { BaseContext, Clock, systemClock } from '@group/shared';
import { BulkOperationService } from './bulk.service';
import { BulkFiles } from './files';
import type { BulkConfig } from './config/env';
import { WebhookService } from './webhooks/webhook.service';

/** The bulk subgraph's composition root. */
export function createBulkServices(ds: DataSource, config: BulkConfig, clock: Clock = systemClock) {
  const files = new BulkFiles(config.bulk.filesDir, config.auth);
  return { dataSource: ds, files, bulk: new BulkOperationService(ds, config, files, clock), webhooks: new WebhookService(ds, config, clock) };
}
export type BulkServices = ReturnType<typeof createBulkServices>;

/** No per-request loaders: an operation is one row. */
export function createBulkLoaders(): Record<string, never> {
  return {};
}
export type BulkLoaders = ReturnType<typeof createBulkLoaders>;

export interface BulkContext extends BaseContext {
  services: BulkServices;
  loaders: BulkLoaders;
}
