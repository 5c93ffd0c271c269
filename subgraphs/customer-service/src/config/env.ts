import { loadSubgraphConfig, SubgraphConfig } from '@group/shared';

export const CUSTOMER_SERVICE_DEFAULT_PORT = 4002;

/** The only place the customer-service subgraph reads its environment. */
export function loadCustomerServiceConfig(source: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  return loadSubgraphConfig('CUSTOMER_SERVICE', CUSTOMER_SERVICE_DEFAULT_PORT, source);
}
