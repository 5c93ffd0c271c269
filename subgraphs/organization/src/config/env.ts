import { loadSubgraphConfig, SubgraphConfig } from '@group/shared';

export const ORGANIZATION_DEFAULT_PORT = 4001;

/** The only place the organization subgraph reads its environment. */
export function loadOrganizationConfig(source: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  return loadSubgraphConfig('ORGANIZATION', ORGANIZATION_DEFAULT_PORT, source);
}
