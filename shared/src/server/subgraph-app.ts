import type { DataSource } from 'typeorm';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphConfig, DatabaseConfig } from '../config/env';
import { openDatabase, QueryCounter } from '../database/data-source';
import type { BaseContext } from '../auth/context';
import type { Viewer } from '../auth/roles';
import type { LoaderOptions } from '../graphql/loaders';
import { startTracing } from '../observability/tracing';
import { createSubgraphServer, SubgraphServer } from './subgraph-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLogger, Logger } from '../logger';
import { JobScheduler, ScheduledJob, startScheduledJobs } from '../jobs/scheduled-jobs';
import { AccountRevocations, Revocation, remoteRevocations, REVOCATIONS_PATH, TokenRevocations, verifyServiceToken } from '../auth/revocations';

export interface SubgraphModule<S, L> {
  name: string;
  createDataSource(db: DatabaseConfig): { dataSource: DataSource; counter: QueryCounter };
  buildSchema(): Promise<GraphQLSchema>;
  createServices(ds: DataSource, config: SubgraphConfig): S;
  /** Per-request loaders; they may close over the viewer to apply its visibility. */
  createLoaders(services: S, opts: LoaderOptions, viewer: Viewer | null): L;
  /** Inserts demo data if the database is empty (then answers true); must be idempotent. */
  seed?(ds: DataSource, services: S): Promise<boolean>;
  /**
   * The organization subgraph owns accounts: it checks each token against its
   * own database (`lookup`, per request) and publishes every revocation at
   * GET /auth/revocations (`feed`). Every other subgraph polls that feed.
   */
  revocations?(services: S): { feed: () => Promise<Revocation[]>; lookup: (accountId: string) => Promise<Revocation | null> };
  /** Periodic jobs, run every JOBS_INTERVAL_MS by exactly one of the subgraph's instances (jobs/scheduled-jobs.ts). */
  jobs?(ds: DataSource, services: S, config: SubgraphConfig): ScheduledJob[];
  /** Extra HTTP routes of the subgraph (the bulk subgraph's file downloads): true when answered. */
  routes?(services: S, config: SubgraphConfig): (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean;
  /** Long-running background work started with the app and stopped before its server (the bulk job runner). */
  background?(services: S, config: SubgraphConfig, log: Logger, revocations: TokenRevocations): { stop(): Promise<void> };
}

export interface SubgraphApp<S, L> {
  config: SubgraphConfig;
  dataSource: DataSource;
  /** Counts SQL statements (N+1 tests, benchmarks). */
  counter: QueryCounter;
  services: S;
  schema: GraphQLSchema;
  server: SubgraphServer;
  createContext(base: Pick<BaseContext, 'requestId' | 'viewer'>): BaseContext & { dataSource: DataSource; services: S; loaders: L };
  /** Refuses the tokens of frozen/cancelled accounts (and every token once the list is out of date). */
  revocations: TokenRevocations;
  /** The scheduled jobs of this instance (undefined when JOBS_INTERVAL_MS=0 or the subgraph has none). */
  jobs?: JobScheduler;
  /** What start-up did to the database: the migrations it ran, and whether the demo seed inserted data. */
  startup: StartupReport;
  stop(): Promise<void>;
}

export interface StartupReport {
  migrationsRun: string[];
  /** "applied": demo data inserted; "skipped": the database already had data; "off": <NAME>_SEED=false. */
  seed: 'applied' | 'skipped' | 'off';
}

/**
 * Start-up sequence shared by the subgraphs: connect, migrate (under a lock),
 * seed demo data if asked, build the schema and the server. Used by main.ts
 * and by the tests, so tests exercise exactly what production runs.
 */
export async function createSubgraphApp<S, L>(module: SubgraphModule<S, L>, config: SubgraphConfig): Promise<SubgraphApp<S, L>> {
  const { dataSource, counter, migrationsRun } = await openDatabase(module.name, config, module.createDataSource);
  try {
    const services = module.createServices(dataSource, config);
    const seed = !config.seed || !module.seed ? 'off' : (await module.seed(dataSource, services)) ? 'applied' : 'skipped';
    const schema = await module.buildSchema();
    const loaderOptions = { batch: config.dataLoaderBatch };
    const createContext = (base: Pick<BaseContext, 'requestId' | 'viewer'>) => ({
      ...base,
      dataSource,
      services,
      loaders: module.createLoaders(services, loaderOptions, base.viewer),
    });
    const log = createLogger(config.name, config.nodeEnv === 'test' ? 'warn' : config.logLevel);
    const own = module.revocations?.(services);
    const localFeed = own?.feed;
    let revocations: TokenRevocations;
    if (own) revocations = new AccountRevocations(own.lookup);
    else {
      const list = remoteRevocations(config.auth, config.revocation.organizationUrl, config.name, log, config.revocation.maxStalenessMs);
      if (config.revocation.pollMs > 0) list.start(config.revocation.pollMs);
      revocations = list;
    }
    const ownRoutes = module.routes?.(services, config);
    const routes = ownRoutes
      ? ownRoutes
      : localFeed
      ? (req: IncomingMessage, res: ServerResponse, pathname: string) => {
          if (pathname !== REVOCATIONS_PATH) return false;
          void (async () => {
            if (!(await verifyServiceToken(config.auth, req.headers.authorization))) {
              res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'service token required' }));
              return;
            }
            const body = JSON.stringify({ revocations: await localFeed() });
            res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
          })().catch(() => {
            if (!res.headersSent) res.writeHead(503).end();
          });
          return true;
        }
      : undefined;
    const server = createSubgraphServer({ config, schema, dataSource, buildContext: createContext, log, revocations, routes });
    const jobs = config.jobsIntervalMs > 0 && module.jobs ? startScheduledJobs(dataSource, module.jobs(dataSource, services, config), config.jobsIntervalMs, log) : undefined;
    const background = module.background?.(services, config, log, revocations);
    return {
      config,
      dataSource,
      counter,
      services,
      schema,
      server,
      createContext,
      revocations,
      startup: { migrationsRun, seed },
      jobs,
      async stop() {
        await background?.stop();
        await jobs?.stop();
        revocations.stop();
        await server.stop();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (e) {
    await dataSource.destroy().catch(() => undefined);
    throw e;
  }
}

/**
 * Messages a subgraph started by the launcher (with an IPC channel) sends it:
 * "ready" once it listens itself (so the launcher never mistakes another
 * process on that port for its subgraph), "migrated" with what `--migrate-only` did.
 */
export type LauncherMessage = { type: 'ready'; port: number } | ({ type: 'migrated' } & StartupReport);

const tellLauncher = (message: LauncherMessage) =>
  new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));

/**
 * main.ts of every subgraph: start, and stop gracefully on SIGINT/SIGTERM.
 * With `--migrate-only`: migrate and seed (as configured), report, and exit.
 */
export async function runSubgraph<S, L>(module: SubgraphModule<S, L>, config: SubgraphConfig): Promise<void> {
  if (process.argv.includes('--migrate-only')) {
    const app = await createSubgraphApp(module, { ...config, migrateOnStart: true, jobsIntervalMs: 0, revocation: { ...config.revocation, pollMs: 0 } });
    app.server.log.info({ ...app.startup }, 'migrate-only: done');
    await tellLauncher({ type: 'migrated', ...app.startup });
    app.revocations.stop();
    await app.dataSource.destroy();
    process.exit(0);
  }
  const tracing = startTracing(module.name);
  const app = await createSubgraphApp(module, config);
  const running = await app.server.start();
  await tellLauncher({ type: 'ready', port: running.port });
  process.channel?.unref();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.server.log.info({ signal }, 'shutting down');
    await app.stop();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
