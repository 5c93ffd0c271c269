import { systemClock, type SubgraphModule } from '@group/shared';
import { loadCrmSettings } from './config/env';
import { createCustomerServiceDataSource } from './database/data-source';
import { buildCustomerServiceSchema } from './schema';
import { createCustomerServiceLoaders, createCustomerServiceServices, CustomerServiceLoaders, CustomerServiceServices } from './context';
import { seedCustomerService } from './database/seed';

/** Everything the shared start-up sequence needs to run the customer-service subgraph. */
export const customerServiceModule: SubgraphModule<CustomerServiceServices, CustomerServiceLoaders> = {
  name: 'customer-service',
  createDataSource: createCustomerServiceDataSource,
  buildSchema: buildCustomerServiceSchema,
  createServices: (ds) => createCustomerServiceServices(ds, systemClock, loadCrmSettings()),
  createLoaders: createCustomerServiceLoaders,
  seed: (ds) => seedCustomerService(ds),
};
