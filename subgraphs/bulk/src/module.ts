import { systemClock, type SubgraphModule } from '@group/shared';
import { createBulkDataSource } from './database/data-source';
import { buildBulkSchema } from './schema';
import { BulkLoaders, BulkServices, createBulkLoaders, createBulkServices } from './context';
import type { BulkConfig } from './config/env';
import { bulkRoutes } from './routes';
import { BulkRunner } from './runner';

/** Everything the shared start-up sequence needs to run the bulk subgraph (its config must come from loadBulkConfig). */
export const bulkModule: SubgraphModule<BulkServices, BulkLoaders> & { runnerOf(app: { services: BulkServices }): BulkRunner | undefined } = {
  name: 'bulk',
  createDataSource: createBulkDataSource,
  buildSchema: buildBulkSchema,
  createServices: (ds, config) => createBulkServices(ds, config as BulkConfig, systemClock),
  createLoaders: createBulkLoaders,
  routes: (services) => bulkRoutes(services),
  background: (services, _config, log) => {
    const runner = new BulkRunner(services.bulk, log).start();
    runners.set(services, runner);
    return runner;
  },
  runnerOf: (app) => runners.get(app.services),
};
const runners = new WeakMap<BulkServices, BulkRunner>();
