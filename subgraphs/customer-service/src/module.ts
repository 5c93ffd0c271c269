import { systemClock, type SubgraphModule } from '@group/shared';
import { loadCrmSettings, loadMarketingUrl } from './config/env';
import { EscalationService } from './escalation/escalation.service';
import { IndicatorPublisher } from './indicators/indicator-publisher';
import { marketingSink } from './indicators/marketing-sink';
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
  // SLA escalation, then customer-service's indicators to marketing (MARKETING_URL); each once per JOBS_INTERVAL_MS.
  jobs: (ds, _services, config) => {
    const sink = marketingSink(config.auth, loadMarketingUrl());
    return [
      { name: 'complaint-escalation', run: () => new EscalationService(ds).run() },
      { name: 'publish-indicators', run: () => new IndicatorPublisher(ds, sink).run() },
    ];
  },
};
