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
import { outboxRetentionJob } from '../events/retention';
import { AccountRevocations, Revocation, RevocationList, remoteRevocations, REVOCATIONS_PATH, TokenRevocations, verifyServiceToken } from '../auth/revocations';
import { EVENTS_PATH, startDurableConsumer, type ConsumerSpec, type EventTransport } from '../events/consumer';
import { feedHead, OutboxRelay, readFeed } from '../events/relay';
import { followRevocations } from '../events/revocation-events';

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
  /** Durable consumers of other subgraphs' events (events/consumer.ts), run while EVENTS_ENABLED. */
  consumers?(ds: DataSource, services: S, config: SubgraphConfig): ConsumerSpec[];
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
  /** The outbox relay of this subgraph (runs every EVENTS_RELAY_MS while EVENTS_ENABLED; `run()` by hand in tests). */
  relay: OutboxRelay;
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
  const { dataSource, counter, migrationsRun } = await openDatabase(module.name, config, (db) => module.createDataSource(db));
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
    const ownRoute = module.routes?.(services, config);
    const revocationRoute = localFeed
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
    const eventsRoute = (req: IncomingMessage, res: ServerResponse, pathname: string) => {
      if (pathname !== EVENTS_PATH) return false;
      void serveEventFeed(dataSource, config, req, res).catch(() => {
        if (!res.headersSent) res.writeHead(503).end();
      });
      return true;
    };
    const routes = (req: IncomingMessage, res: ServerResponse, pathname: string) =>
      eventsRoute(req, res, pathname) || (ownRoute?.(req, res, pathname) ?? false) || (revocationRoute?.(req, res, pathname) ?? false);
    const server = createSubgraphServer({ config, schema, dataSource, buildContext: createContext, log, revocations, routes });
    // Every subgraph has an outbox: its retention job runs next to the module's own jobs.
    const jobList = [...(module.jobs?.(dataSource, services, config) ?? []), outboxRetentionJob(dataSource, config.events.retentionDays)];
    const jobs = config.jobsIntervalMs > 0 ? startScheduledJobs(dataSource, jobList, config.jobsIntervalMs, log) : undefined;
    const events = config.events;
    const nats = events.natsUrl ? { url: events.natsUrl, stream: events.stream } : undefined;
    const relay = new OutboxRelay(dataSource, config.name, nats);
    const running: { stop(): Promise<void> }[] = [];
    if (events.enabled) {
      const transport = eventTransport(config, log);
      try {
        running.push(relay.start(events.relayMs, log));
        for (const spec of module.consumers?.(dataSource, services, config) ?? []) running.push(await startDurableConsumer(dataSource, spec, transport));
        if (revocations instanceof RevocationList) running.push(await followRevocations(revocations, transport));
      } catch (e) {
        // NATS unreachable at start-up: the service does not start (as without its database).
        await Promise.all(running.map((r) => r.stop()));
        await jobs?.stop();
        revocations.stop();
        throw e;
      }
    }
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
      relay,
      async stop() {
        await background?.stop();
        await Promise.all(running.map((r) => r.stop()));
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

/** The transport of this subgraph's consumers: NATS when configured, else the producers' HTTP feeds. */
export function eventTransport(config: SubgraphConfig, log?: import('../logger').Logger): EventTransport {
  return {
    ...(config.events.natsUrl ? { nats: { url: config.events.natsUrl, stream: config.events.stream } } : {}),
    producerUrls: {
      organization: config.revocation.organizationUrl,
      'customer-service': config.customerServiceUrl,
      ...(config.events.bulkUrl ? { bulk: config.events.bulkUrl } : {}),
    },
    auth: config.auth,
    service: config.name,
    pollMs: config.events.pollMs,
    log,
  };
}

/** GET /events?after=<position|head>&limit=&types=A,B (service token): this subgraph's outbox in delivery order. */
async function serveEventFeed(ds: DataSource, config: SubgraphConfig, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  if (!(await verifyServiceToken(config.auth, req.headers.authorization))) return void json(401, { error: 'service token required' });
  const q = new URL(req.url ?? '/', 'http://x').searchParams;
  const afterRaw = q.get('after') ?? '0';
  const limit = Math.min(1000, Math.max(1, Number(q.get('limit') ?? 200) || 200));
  if (afterRaw === 'head') return void json(200, { events: [], last: await feedHead(ds) });
  if (!/^\d+$/.test(afterRaw)) return void json(400, { error: 'after must be a position or "head"' });
  const types = q.get('types')?.split(',').filter(Boolean);
  json(200, await readFeed(ds, config.name, Number(afterRaw), limit, types));
}

/**
 * Messages a subgraph started by the launcher (with an IPC channel) sends it:
 * "ready" once it listens itself (so the launcher never mistakes another
 * process on that port for its subgraph), "migrated" with what `--migrate-only` did.
 */
export type LauncherMessage = { type: 'ready'; port: number } | ({ type: 'migrated' } & StartupReport);

const tellLauncher = (message: LauncherMessage) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));

/**
 * main.ts of every subgraph: start, and stop gracefully on SIGINT/SIGTERM.
 * With `--migrate-only`: migrate and seed (as configured), report, and exit.
 */
export async function runSubgraph<S, L>(module: SubgraphModule<S, L>, config: SubgraphConfig): Promise<void> {
  if (process.argv.includes('--migrate-only')) {
    const app = await createSubgraphApp(module, {
      ...config,
      migrateOnStart: true,
      jobsIntervalMs: 0,
      revocation: { ...config.revocation, pollMs: 0 },
      events: { ...config.events, enabled: false },
    });
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
