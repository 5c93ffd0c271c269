export { bulkModule } from './module';
export { loadBulkConfig, BULK_DEFAULT_PORT } from './config/env';
export type { BulkConfig } from './config/env';
export { buildBulkSchema } from './schema';
