import { systemClock, type SubgraphModule } from '@group/shared';
import { loadCrmSettings, loadIndicatorRepairMs, loadMarketingUrl } from './config/env';
import { organizationChainOfCommand } from './escalation/chain-of-command';
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
  // Escalation reads departments' chains of command from organization, where the revocation feed is read (ORGANIZATION_URL).
  createServices: (ds, config) => createCustomerServiceServices(ds, systemClock, loadCrmSettings(), organizationChainOfCommand(config.auth, config.revocation.organizationUrl)),
  createLoaders: createCustomerServiceLoaders,
  seed: (ds) => seedCustomerService(ds),
  // SLA escalation once per JOBS_INTERVAL_MS; the indicator repair run to marketing (MARKETING_URL) once per INDICATOR_REPAIR_MS
  // (the CustomerIndicatorsChanged and customer events carry each change; indicators/indicator-events.ts).
  jobs: (ds, services, config) => {
    const sink = marketingSink(config.auth, loadMarketingUrl());
    return [
      { name: 'complaint-escalation', run: () => services.escalation.run() },
      { name: 'indicator-repair', everyMs: loadIndicatorRepairMs(), run: () => new IndicatorPublisher(ds, sink).run() },
    ];
  },
};
