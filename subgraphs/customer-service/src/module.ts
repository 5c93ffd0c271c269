import { systemClock, type SubgraphModule } from '@group/shared';
import { loadCrmSettings, loadIndicatorRepairMs, loadMarketingUrl, loadRosterRepairMs } from './config/env';
import { organizationChainOfCommand } from './escalation/chain-of-command';
import { IndicatorPublisher } from './indicators/indicator-publisher';
import { marketingSink } from './indicators/marketing-sink';
import { createCustomerServiceDataSource } from './database/data-source';
import { buildCustomerServiceSchema } from './schema';
import { createCustomerServiceLoaders, createCustomerServiceServices, CustomerServiceLoaders, CustomerServiceServices } from './context';
import { seedCustomerService } from './database/seed';
import { employeeRosterConsumer } from './roster/employee-events.consumer';
import { organizationEmployeeDirectory, RosterRepair } from './roster/roster-repair';
import { bulkNotifications } from './notifications/bulk-events.consumer';

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
      // The employee roster's repair run (once per ROSTER_REPAIR_MS): organization's employees read through the graph (ORGANIZATION_URL).
      {
        name: 'employee-roster-repair',
        everyMs: loadRosterRepairMs(),
        run: () => new RosterRepair(ds, organizationEmployeeDirectory(config.auth, config.revocation.organizationUrl)).run(),
      },
    ];
  },
  // organization's Employee* events keep the employee roster (assignees and owners); bulk's WebhookDisabled notifies the
  // webhook's owner, when the bulk subgraph can be read (NATS, or its feed at BULK_URL).
  consumers: (_ds, services, config) => [employeeRosterConsumer(), ...(config.events.natsUrl || config.events.bulkUrl ? [bulkNotifications(services.notifications)] : [])],
};
