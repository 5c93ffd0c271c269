export { startGateway, SUPERGRAPH_PATH } from './gateway';
export type { RunningGateway, GatewayContext } from './gateway';
export { loadGatewayConfig, SUBGRAPH_NAMES, DEFAULT_PORTS } from './config';
export { composeSupergraph, subgraphSdls } from './compose';
