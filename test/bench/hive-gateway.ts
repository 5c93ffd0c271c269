/**
 * The benchmark's peer: Hive Gateway (`@graphql-hive/gateway-runtime`) with its Rust query planner
 * (`@graphql-hive/router-runtime`), serving the committed supergraph against the same subgraph
 * processes (ORGANIZATION_URL, CUSTOMER_SERVICE_URL, MARKETING_URL), on HIVE_PORT. Bench-only
 * (devDependencies); the product stays on @apollo/gateway. The client's Authorization header is
 * passed to every subgraph (which authenticates it itself, as behind our gateway); in-flight
 * deduplication of identical subgraph requests is off, as in our gateway, so both gateways send
 * every request.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';

const URLS: Record<string, string | undefined> = {
  organization: process.env.ORGANIZATION_URL,
  'customer-service': process.env.CUSTOMER_SERVICE_URL,
  marketing: process.env.MARKETING_URL,
};

let supergraph = readFileSync(join(__dirname, '..', '..', 'gateway', 'supergraph.graphql'), 'utf8');
for (const [name, url] of Object.entries(URLS)) {
  if (!url) throw new Error(`no URL for ${name}`);
  supergraph = supergraph.replace(new RegExp(`@join__graph\\(name: "${name}", url: "[^"]*"\\)`), `@join__graph(name: "${name}", url: "${url}")`);
}

const gateway = createGatewayRuntime({
  supergraph,
  unifiedGraphHandler,
  transports: { http: httpTransport },
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? undefined }),
  },
  logging: 'error',
  graphiql: false,
  landingPage: false,
});

const server = createServer((req, res) => void gateway(req, res));
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.HIVE_PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`hive gateway listening on ${typeof address === 'object' && address ? address.port : address}`);
});
process.on('SIGTERM', () => {
  server.close();
  void Promise.resolve(gateway.dispose()).then(() => process.exit(0));
});
