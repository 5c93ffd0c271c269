export { organizationModule } from './module';
export { loadOrganizationConfig, ORGANIZATION_DEFAULT_PORT } from './config/env';
export { buildOrganizationSchema } from './schema';
