import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSource } from 'typeorm';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphConfig, DatabaseConfig } from '../config/env';
import { migrate, QueryCounter } from '../database/data-source';
import type { BaseContext } from '../auth/context';
import type { Viewer } from '../auth/roles';
import type { LoaderOptions } from '../graphql/loaders';
import { createSubgraphServer, SubgraphServer } from './subgraph-server';

export interface SubgraphModule<S, L> {
  name: string;
  createDataSource(db: DatabaseConfig): { dataSource: DataSource; counter: QueryCounter };
  buildSchema(): Promise<GraphQLSchema>;
  createServices(ds: DataSource, config: SubgraphConfig): S;
  /** Per-request loaders; they may close over the viewer to apply its visibility. */
  createLoaders(services: S, opts: LoaderOptions, viewer: Viewer | null): L;
  /** Inserts demo data if the database is empty; must be idempotent. */
  seed?(ds: DataSource, services: S): Promise<void>;
}

export interface SubgraphApp<S, L> {
  config: SubgraphConfig;
  dataSource: DataSource;
  /** Counts SQL statements (N+1 tests, benchmarks). */
  counter: QueryCounter;
  services: S;
  schema: GraphQLSchema;
  server: SubgraphServer;
  createContext(base: Pick<BaseContext, 'requestId' | 'viewer'>): BaseContext & { services: S; loaders: L };
  stop(): Promise<void>;
}

/**
 * Start-up sequence shared by the subgraphs: connect, migrate (under a lock),
 * seed demo data if asked, build the schema and the server. Used by main.ts
 * and by the tests, so tests exercise exactly what production runs.
 */
export async function createSubgraphApp<S, L>(module: SubgraphModule<S, L>, config: SubgraphConfig): Promise<SubgraphApp<S, L>> {
  if (config.database.type === 'sqlite') mkdirSync(dirname(config.database.file), { recursive: true });
  const { dataSource, counter } = module.createDataSource(config.database);
  await dataSource.initialize();
  try {
    if (config.migrateOnStart) await migrate(dataSource, `${module.name}-migrations`);
    const services = module.createServices(dataSource, config);
    if (config.seed && module.seed) await module.seed(dataSource, services);
    const schema = await module.buildSchema();
    const loaderOptions = { batch: config.dataLoaderBatch };
    const createContext = (base: Pick<BaseContext, 'requestId' | 'viewer'>) => ({
      ...base,
      services,
      loaders: module.createLoaders(services, loaderOptions, base.viewer),
    });
    const server = createSubgraphServer({ config, schema, dataSource, buildContext: createContext });
    return {
      config,
      dataSource,
      counter,
      services,
      schema,
      server,
      createContext,
      async stop() {
        await server.stop();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (e) {
    await dataSource.destroy().catch(() => undefined);
    throw e;
  }
}

/** main.ts of every subgraph: start, and stop gracefully on SIGINT/SIGTERM. */
export async function runSubgraph<S, L>(module: SubgraphModule<S, L>, config: SubgraphConfig): Promise<void> {
  const app = await createSubgraphApp(module, config);
  await app.server.start();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.server.log.info({ signal }, 'shutting down');
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
