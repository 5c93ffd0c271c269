export { startGateway, SUPERGRAPH_PATH } from './gateway';
export type { RunningGateway, GatewayContext } from './gateway';
export { loadGatewayConfig, SUBGRAPH_NAMES, DEFAULT_PORTS } from './config';
export { compose, subgraphSdls, API_SCHEMA_PATH } from './compose';
