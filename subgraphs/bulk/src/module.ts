import { systemClock, type SubgraphModule } from '@group/shared';
import { createBulkDataSource } from './database/data-source';
import { buildBulkSchema } from './schema';
import { BulkLoaders, BulkServices, createBulkLoaders, createBulkServices } from './context';
import type { BulkConfig } from './config/env';
import { bulkRoutes } from './routes';
import { BulkRunner } from './runner';
import { WebhookWorker } from './webhooks/webhook.worker';

/** Everything the shared start-up sequence needs to run the bulk subgraph (its config must come from loadBulkConfig). */
export const bulkModule: SubgraphModule<BulkServices, BulkLoaders> & {
  runnerOf(app: { services: BulkServices }): BulkRunner | undefined;
  webhookWorkerOf(app: { services: BulkServices }): WebhookWorker | undefined;
} = {
  name: 'bulk',
  createDataSource: createBulkDataSource,
  buildSchema: buildBulkSchema,
  createServices: (ds, config) => createBulkServices(ds, config as BulkConfig, systemClock),
  createLoaders: createBulkLoaders,
  routes: (services) => bulkRoutes(services),
  consumers: (_ds, services) => [services.webhooks.consumer()],
  background: (services, _config, log, revocations) => {
    const runner = new BulkRunner(services.bulk, log).start();
    const worker = new WebhookWorker(services.webhooks, revocations, log).start();
    runners.set(services, runner);
    workers.set(services, worker);
    return { stop: async () => void (await Promise.all([runner.stop(), worker.stop()])) };
  },
  runnerOf: (app) => runners.get(app.services),
  webhookWorkerOf: (app) => workers.get(app.services),
};
const runners = new WeakMap<BulkServices, BulkRunner>();
const workers = new WeakMap<BulkServices, WebhookWorker>();
