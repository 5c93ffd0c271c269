import 'reflect-metadata';
import { createSubgraphApp, loadSubgraphConfig, Logger, SubgraphApp, SubgraphModule, Viewer } from '@group/shared';
import { createTestDatabase, TestDatabase, TestDbKind } from '@group/shared/testing';
import { organizationModule } from '../../subgraphs/organization/src/module';
import { customerServiceModule } from '../../subgraphs/customer-service/src/module';
import { marketingModule } from '../../subgraphs/marketing/src/module';
import { bulkModule } from '../../subgraphs/bulk/src/module';
import { loadBulkConfig, BulkConfig } from '../../subgraphs/bulk/src/config/env';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, RunningGateway } from '../../gateway/src/gateway';
import { loadGatewayConfig } from '../../gateway/src/config';

/** A GraphQL response body as the tests read it. */
export interface GraphQLBody<T = any> {
  data?: T;
  errors?: any[];
}

/**
 * The whole graph in one process, as Apollo's own gateway tests do: the three
 * subgraphs on fresh databases of one kind (seeded with the demo data) on
 * random ports, and the gateway over the committed supergraph.
 */
export interface TestGraph {
  kind: TestDbKind;
  gatewayUrl: string;
  apps: Record<'organization' | 'customer-service' | 'marketing', SubgraphApp<unknown, unknown>> & { bulk?: SubgraphApp<any, unknown> };
  urls: Record<'organization' | 'customer-service' | 'marketing', string> & { bulk?: string };
  /** With `bulk`: the bulk subgraph's database and files (a restart test starts it again on them). */
  bulk?: { db: TestDatabase; filesDir: string; env: Record<string, string>; start(): Promise<SubgraphApp<any, unknown>> };
  /** Total SQL statements run by the three subgraphs so far. */
  sqlCount(): number;
  login(email: string, password?: string): Promise<string>;
  /** POSTs to the gateway (or to `url`) and returns the parsed body and status. */
  request<T = any>(query: string, opts?: { token?: string | null; variables?: Record<string, unknown>; url?: string }): Promise<{ status: number; body: GraphQLBody<T> }>;
  stop(): Promise<void>;
}

const MODULES = [
  ['organization', 'ORGANIZATION', organizationModule],
  ['customer-service', 'CUSTOMER_SERVICE', customerServiceModule],
  ['marketing', 'MARKETING', marketingModule],
] as const;

export async function startTestGraph(
  kind: TestDbKind,
  opts: {
    dataLoaderBatch?: boolean;
    gatewayEnv?: Record<string, string>;
    gatewayLog?: Logger;
    /** Also start the bulk subgraph (its runner idle: tests drive it), with these BULK_* settings. */
    bulk?: Record<string, string>;
    subgraphEnv?: Record<string, string>;
  } = {},
): Promise<TestGraph> {
  let bulk: TestGraph['bulk'];
  let gatewayUrlOf: string | undefined;
  const dbs: TestDatabase[] = [];
  const apps = {} as TestGraph['apps'];
  const urls = {} as TestGraph['urls'];
  let gateway: RunningGateway | undefined;
  try {
    for (const [name, prefix, module] of MODULES) {
      const db = await createTestDatabase(kind, name);
      dbs.push(db);
      // Every service shares the gateway's signing keys when a test gives some.
      const keys = opts.gatewayEnv?.AUTH_JWT_KEYS;
      const config = loadSubgraphConfig(prefix, 0, { NODE_ENV: 'test', ...(keys ? { AUTH_JWT_KEYS: keys } : {}), ...opts.subgraphEnv });
      config.database = db.config;
      config.dataLoaderBatch = opts.dataLoaderBatch ?? true;
      // The organization (started first) publishes the token revocation feed the others poll.
      if (urls.organization) config.revocation.organizationUrl = urls.organization;
      // Customer-service (started before marketing) answers marketing's checks of its records.
      if (urls['customer-service']) config.customerServiceUrl = urls['customer-service'];
      const app = await createSubgraphApp(module as SubgraphModule<unknown, unknown>, config);
      apps[name] = app;
      urls[name] = (await app.server.start(0)).url;
    }
    if (opts.bulk) {
      const db = await createTestDatabase(kind, 'bulk');
      dbs.push(db);
      const filesDir = mkdtempSync(join(tmpdir(), 'bulk-files-'));
      const keys = opts.gatewayEnv?.AUTH_JWT_KEYS;
      const env: Record<string, string> = { NODE_ENV: 'test', BULK_POLL_MS: '0', BULK_FILES_DIR: filesDir, ...(keys ? { AUTH_JWT_KEYS: keys } : {}), ...opts.bulk };
      let port = 0;
      bulk = {
        db,
        filesDir,
        env,
        async start() {
          const config: BulkConfig = loadBulkConfig(env);
          config.database = db.config;
          config.revocation.organizationUrl = urls.organization;
          // Its event consumers (webhooks) read customer-service's feed too.
          config.customerServiceUrl = urls['customer-service'];
          if (gatewayUrlOf) {
            config.bulk.gatewayUrl = gatewayUrlOf;
            config.bulk.publicUrl = new URL(gatewayUrlOf).origin;
          }
          const app = await createSubgraphApp(bulkModule as SubgraphModule<any, unknown>, config);
          port = (await app.server.start(port)).port;
          apps.bulk = app;
          urls.bulk = `http://127.0.0.1:${port}/graphql`;
          return app;
        },
      };
      await bulk.start();
    }
    const gwConfig = loadGatewayConfig({
      NODE_ENV: 'test',
      GATEWAY_PORT: '0',
      ORGANIZATION_URL: urls.organization,
      CUSTOMER_SERVICE_URL: urls['customer-service'],
      MARKETING_URL: urls.marketing,
      ...(urls.bulk ? { BULK_URL: urls.bulk } : {}),
      // Tests fire many requests per account; the rate limit has its own test.
      RATE_LIMIT_PER_MINUTE: '0',
      ...opts.gatewayEnv,
    });
    gateway = await startGateway(gwConfig, { log: opts.gatewayLog });
    gatewayUrlOf = gateway.http.url;
    if (apps.bulk) {
      const c = apps.bulk.config as BulkConfig;
      c.bulk.gatewayUrl = gatewayUrlOf;
      c.bulk.publicUrl = new URL(gatewayUrlOf).origin;
    }
  } catch (e) {
    await Promise.all(Object.values(apps).map((a) => a.stop()));
    await Promise.all(dbs.map((d) => d.drop()));
    if (bulk) rmSync(bulk.filesDir, { recursive: true, force: true });
    throw e;
  }
  const gatewayUrl = gateway.http.url;

  const request: TestGraph['request'] = async (query, o = {}) => {
    const res = await fetch(o.url ?? gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) },
      body: JSON.stringify({ query, variables: o.variables }),
    });
    return { status: res.status, body: (await res.json()) as GraphQLBody };
  };

  return {
    kind,
    gatewayUrl,
    apps,
    urls,
    bulk,
    sqlCount: () => Object.values(apps).reduce((n, a) => n + a.counter.count, 0),
    async login(email, password = 'demo-password') {
      const { body } = await request(`mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { token } }`, {
        variables: { e: email, p: password },
      });
      if (!body.data?.login?.token) throw new Error(`login failed for ${email}: ${JSON.stringify(body.errors)}`);
      return body.data.login.token as string;
    },
    request,
    async stop() {
      await gateway?.stop();
      await Promise.all(Object.values(apps).map((a) => a.stop()));
      await Promise.all(dbs.map((d) => d.drop()));
      if (bulk) rmSync(bulk.filesDir, { recursive: true, force: true });
    },
  };
}

export type { Viewer };
