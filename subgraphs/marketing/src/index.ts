export { marketingModule } from './module';
export { loadMarketingConfig, MARKETING_DEFAULT_PORT } from './config/env';
export { buildMarketingSchema } from './schema';
