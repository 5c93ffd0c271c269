import { loadSubgraphConfig, SubgraphConfig } from '@group/shared';

export const MARKETING_DEFAULT_PORT = 4003;

/** The only place the marketing subgraph reads its environment. */
export function loadMarketingConfig(source: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  return loadSubgraphConfig('MARKETING', MARKETING_DEFAULT_PORT, source);
}
