import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenRevocations } from '../auth/revocations';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { SubgraphConfig } from '../config/env';
import type { BaseContext } from '../auth/context';
import { viewerFromHeader } from '../auth/context';
import { formatError } from '../errors';
import { createLogger, Logger } from '../logger';
import { createHttpServer, listen, RunningHttpServer } from './http';
import { errorLoggingPlugin, readYourWritesPlugin, requireAuthenticationPlugin, runnableOperationPlugin } from './plugins';
import { operationLimitsPlugin } from './limits';
import { documentStore } from './bounded-cache';
import { Metrics } from '../observability/metrics';
import { QueryCounter } from '../database/data-source';
import type { Viewer } from '../auth/roles';
import { auditPlugin } from '../audit/audit.plugin';
import { currentAuditScope } from '../audit/audit-scope';

export interface SubgraphServerInput<TContext extends BaseContext> {
  config: SubgraphConfig;
  schema: GraphQLSchema;
  dataSource: DataSource;
  /** Adds the subgraph's loaders and services to the authenticated base context. */
  buildContext: (base: { requestId: string; viewer: Viewer | null }) => TContext;
  /** Body limit in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Tokens of frozen/cancelled accounts are refused (see auth/revocations.ts). */
  revocations?: TokenRevocations;
  /** Extra HTTP routes (the organization's revocation feed). */
  routes?: (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean;
  log?: Logger;
}

export interface SubgraphServer {
  apollo: ApolloServer<BaseContext>;
  log: Logger;
  /** Starts Apollo Server once, however often called (start() calls it; the test harness too, for in-process use). */
  ensureStarted(): Promise<void>;
  start(port?: number): Promise<RunningHttpServer>;
  stop(): Promise<void>;
}

/**
 * The one subgraph server factory: Apollo Server 5 over node:http, every
 * request authenticated by the subgraph itself, one error formatter,
 * /health and /ready, graceful shutdown.
 */
export function createSubgraphServer<TContext extends BaseContext>(input: SubgraphServerInput<TContext>): SubgraphServer {
  const { config, dataSource } = input;
  const log = input.log ?? createLogger(config.name, config.nodeEnv === 'test' ? 'warn' : config.logLevel);
  const production = config.nodeEnv === 'production';
  const metrics = new Metrics(config.name);
  if (config.database.type !== 'sqlite') metrics.watchPool(dataSource);
  if (dataSource.logger instanceof QueryCounter) metrics.watchStatements(dataSource.logger);
  const apollo = new ApolloServer<BaseContext>({
    schema: input.schema,
    formatError,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // Production: no introspection, no "did you mean" field suggestions.
    hideSchemaDetailsFromClientErrors: production,
    parseOptions: { maxTokens: config.limits.maxTokens },
    documentStore: documentStore(),
    allowBatchedHttpRequests: false,
    // Signals are handled by our own graceful shutdown (drain HTTP, then stop), not Apollo's.
    stopOnTerminationSignals: false,
    plugins: [
      runnableOperationPlugin(),
      requireAuthenticationPlugin(),
      errorLoggingPlugin(log),
      operationLimitsPlugin(config.limits),
      readYourWritesPlugin(),
      auditPlugin(dataSource, log),
      metrics.plugin(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints here (responses are per viewer); its per-field hook alone wraps every resolver call.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  let running: RunningHttpServer | undefined;
  let starting: Promise<void> | undefined;
  const ensureStarted = () => (starting ??= apollo.start());

  return {
    apollo,
    log,
    ensureStarted,
    async start(port = config.port) {
      await ensureStarted();
      const server = createHttpServer<BaseContext>({
        apollo,
        log,
        service: config.name,
        maxBodyBytes: input.maxBodyBytes ?? config.maxBodyBytes,
        maxDocumentBytes: config.limits.maxDocumentBytes,
        metrics,
        routes: input.routes,
        context: async (req: IncomingMessage, requestId: string) => {
          const viewer = await viewerFromHeader(config.auth, req.headers.authorization, input.revocations);
          const audit = currentAuditScope();
          if (audit) audit.viewer = viewer;
          return input.buildContext({ requestId, viewer });
        },
        ready: async () => {
          if (!dataSource.isInitialized) return false;
          await dataSource.query('SELECT 1');
          // Not ready while tokens cannot be checked (the revocation feed unreachable for too long).
          return input.revocations?.problem() ?? true;
        },
      });
      running = await listen(server, port);
      log.info({ url: running.url }, `${config.name} subgraph ready`);
      return running;
    },
    async stop() {
      await running?.close(config.shutdownGraceMs, config.shutdownDrainMs);
      await apollo.stop();
    },
  };
}
