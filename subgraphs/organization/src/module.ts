import { SubgraphModule, systemClock } from '@group/shared';
import { loadLoginPolicy } from './config/env';
import { customerServiceCalendars, standardCalendars } from './common/working-calendar';
import { createOrganizationDataSource } from './database/data-source';
import { buildOrganizationSchema } from './schema';
import { createOrganizationLoaders, createOrganizationServices, OrganizationLoaders, OrganizationServices } from './context';
import { seedOrganization } from './database/seed';

/** Everything the shared start-up sequence needs to run the organization subgraph. */
export const organizationModule: SubgraphModule<OrganizationServices, OrganizationLoaders> = {
  name: 'organization',
  createDataSource: createOrganizationDataSource,
  buildSchema: buildOrganizationSchema,
  // Company working calendars are customer-service's (CS-R21, CS-R30); without its URL, the standard week.
  createServices: (ds, config) =>
    createOrganizationServices(
      ds,
      config.auth,
      systemClock,
      loadLoginPolicy(),
      config.customerServiceUrl ? customerServiceCalendars(config.auth, config.customerServiceUrl) : standardCalendars,
    ),
  createLoaders: createOrganizationLoaders,
  seed: (ds) => seedOrganization(ds),
  // The organization subgraph owns accounts: it checks tokens and serves the revocation feed from its database.
  revocations: (services) => ({ feed: () => services.auth.revocations(), lookup: (accountId) => services.auth.revocationOf(accountId) }),
};
