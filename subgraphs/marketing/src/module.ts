import { RemoteParents, systemClock, type SubgraphModule } from '@group/shared';
import { createMarketingDataSource } from './database/data-source';
import { buildMarketingSchema } from './schema';
import { createMarketingLoaders, createMarketingServices, MarketingLoaders, MarketingServices } from './context';
import { seedMarketing } from './database/seed';
import { customerProjectionConsumer } from './customer-profiles/customer-events.consumer';
import { indicatorProjectionConsumer } from './indicators/indicator-events.consumer';

/** Everything the shared start-up sequence needs to run the marketing subgraph. */
export const marketingModule: SubgraphModule<MarketingServices, MarketingLoaders> = {
  name: 'marketing',
  createDataSource: createMarketingDataSource,
  buildSchema: buildMarketingSchema,
  createServices: (ds, config) => createMarketingServices(ds, systemClock, new RemoteParents(config.auth, config.customerServiceUrl)),
  createLoaders: createMarketingLoaders,
  seed: (ds) => seedMarketing(ds),
  consumers: () => [customerProjectionConsumer(), indicatorProjectionConsumer()],
};
