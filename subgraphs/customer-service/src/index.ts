export { customerServiceModule } from './module';
export { loadCustomerServiceConfig, CUSTOMER_SERVICE_DEFAULT_PORT } from './config/env';
export { buildCustomerServiceSchema } from './schema';
export { createCustomerServiceDataSource } from './database/data-source';
