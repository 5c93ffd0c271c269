import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import {
  injectTraceHeaders,
  createHttpServer,
  documentStore,
  createLogger,
  errorLoggingPlugin,
  createSubgraphFetch,
  formatError,
  listen,
  Logger,
  Metrics,
  operationLimitsPlugin,
  RateLimiter,
  remoteRevocations,
  followRevocations,
  startLiveConsumer,
  REQUEST_ID_HEADER,
  requireAuthenticationPlugin,
  runnableOperationPlugin,
  RunningHttpServer,
  SubgraphFetchInit,
  Viewer,
  viewerFromHeader,
} from '@group/shared';
import { OPTIONAL_SUBGRAPHS, STREAM_PATH, type GatewayConfig } from './config';
import { gatewayErrors } from './gateway.errors';
import { serveIde } from './ide';
import { proxyBulkFiles } from './bulk-files';
import { dedupeRepresentations, expandEntities } from './entity-dedupe';
import { loadTrustedDocuments, persistedQueryCache, persistedQueryRegistrationPlugin, trustedDocumentsPlugin } from './persisted-queries';
import { valueCompletionErrorsPlugin } from './value-completion';
import { LIVE_EVENT_TYPES, LiveHub, subscriptionHandler } from './subscriptions';
import type { GatewayContext } from './context';

export type { GatewayContext } from './context';

/** The fields of a subgraph's error a client may see: never its URL or its raw response. */
function subgraphError(name: string, status: number, body: unknown): GraphQLError {
  const first = (body as { errors?: unknown } | undefined)?.errors;
  const error = Array.isArray(first) ? (first[0] as { message?: unknown; extensions?: Record<string, unknown> }) : undefined;
  const code = error?.extensions?.code;
  if (status < 500 && typeof code === 'string' && typeof error?.message === 'string') {
    const { http: _http, stacktrace: _stack, ...extensions } = error.extensions!;
    // A token the subgraph refused (revoked since the gateway's last look) refuses the whole request.
    return new GraphQLError(error.message, { extensions: { ...extensions, ...(status === 401 ? { http: { status } } : {}) } });
  }
  // No code: masked as an internal error and logged (a subgraph failing is our bug).
  return new GraphQLError(`The ${name} service answered HTTP ${status}`);
}

/** How often an open subscription re-checks its token (expiry, freeze, revocation): in memory, cheap. */
const SUBSCRIPTION_CHECK_MS = 250;

export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');

/**
 * Forwards the caller's token and request id to every subgraph (each subgraph
 * verifies the token itself) and bounds every subgraph request with a timeout.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly client: ReturnType<typeof createSubgraphFetch>;

  constructor(url: string, timeoutMs: number, name = 'subgraph', metrics?: Metrics) {
    const http = createSubgraphFetch(timeoutMs);
    super({
      url,
      fetcher: (async (input: string, init: SubgraphFetchInit) => {
        const end = metrics?.subgraphFetches.startTimer({ subgraph: name });
        try {
          const res = await http(input, init);
          end?.({ result: res.ok ? 'ok' : `http_${res.status}` });
          return res;
        } catch (e) {
          end?.({ result: 'unavailable' });
          // Down or too slow: the rest of the graph still answers; this part gets a clear, retryable error.
          const timedOut = (e as Error).name === 'TimeoutError';
          throw timedOut ? gatewayErrors.subgraphTimeout(name, timeoutMs) : gatewayErrors.subgraphUnavailable(name);
        }
      }) as never,
    });
    this.client = http;
    this.name = name;
  }

  private readonly name: string;

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    return subgraphError(this.name, response.status, await this.parseBody(response).catch(() => undefined));
  }

  /** Requests whose representations were de-duplicated (keyed by their variables object) -> original positions. */
  private readonly expansions = new WeakMap<object, number[]>();

  override async didReceiveResponse({ request, response }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const positions = request.variables && this.expansions.get(request.variables);
    if (positions) Object.assign(response, expandEntities(response.data as never, response.errors, positions));
    return response;
  }

  /** Closes the kept-alive connections to the subgraph. */
  close() {
    this.client.close();
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const representations = request.variables?.representations;
    const deduped = Array.isArray(representations) ? dedupeRepresentations(representations) : undefined;
    if (deduped) {
      request.variables = { ...request.variables, representations: deduped.representations };
      this.expansions.set(request.variables, deduped.positions);
    }
    if (!request.http) return;
    if (context?.authorization) request.http.headers.set('authorization', context.authorization);
    if (context?.requestId) request.http.headers.set(REQUEST_ID_HEADER, context.requestId);
    // Runs inside @apollo/gateway's `gateway.fetch` span: the subgraph's span becomes its child.
    injectTraceHeaders((k, v) => request.http!.headers.set(k, v));
  }
}

export interface RunningGateway {
  apollo: ApolloServer<GatewayContext>;
  http: RunningHttpServer;
  stop(): Promise<void>;
}

/** Builds and starts the gateway over the committed static supergraph. */
export async function startGateway(config: GatewayConfig, opts: { supergraphSdl?: string; log?: Logger } = {}): Promise<RunningGateway> {
  const log = opts.log ?? createLogger('gateway', config.nodeEnv === 'test' ? 'warn' : config.logLevel);
  const urls = new Map(config.subgraphs.map((s) => [s.name, s.url]));
  const metrics = new Metrics('gateway');
  const trusted = config.trustedDocuments ? loadTrustedDocuments(config.trustedDocuments) : undefined;
  const dataSources: SubgraphDataSource[] = [];
  // @apollo/gateway reads only this variable, when it is constructed: without it, every gateway
  // would probe cloud metadata addresses and report usage to Apollo's servers.
  process.env.APOLLO_TELEMETRY_DISABLED = config.apolloTelemetry ? 'false' : 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    // Subgraph URLs come from configuration, not from the supergraph file.
    buildService: ({ name, url }) => {
      const ds = new SubgraphDataSource(urls.get(name as never) ?? url!, config.subgraphTimeoutMs, name, metrics);
      dataSources.push(ds);
      return ds;
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    introspection: config.nodeEnv !== 'production',
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    hideSchemaDetailsFromClientErrors: config.nodeEnv === 'production',
    parseOptions: { maxTokens: config.limits.maxTokens },
    persistedQueries: { cache: persistedQueryCache(trusted, config.apqCacheMaxBytes), ttl: null },
    documentStore: documentStore(),
    allowBatchedHttpRequests: false,
    // Signals are handled by our own graceful shutdown (drain HTTP, then stop), not Apollo's.
    stopOnTerminationSignals: false,
    plugins: [
      // First: the hooks after it (logging, metrics) see the errors it restores.
      valueCompletionErrorsPlugin(),
      runnableOperationPlugin(),
      // Without a token only `login` runs, and what the gateway answers itself (`__typename`, introspection
      // where it is on: the IDE reads the schema before sign-in): 401 at the edge, as in every subgraph.
      requireAuthenticationPlugin(['login', '__typename', '__schema', '__type'], log),
      errorLoggingPlugin(log),
      persistedQueryRegistrationPlugin(),
      ...(trusted ? [trustedDocumentsPlugin(trusted)] : []),
      operationLimitsPlugin(config.limits),
      metrics.plugin(),
      ApolloServerPluginLandingPageDisabled(),
      // Responses are per viewer and never cached by HTTP caches: no cache-control computation.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();
  const organizationUrl = config.subgraphs.find((s) => s.name === 'organization')!.url;
  const revocations = remoteRevocations(config.auth, organizationUrl, 'gateway', log);
  if (config.revocationPollMs > 0) revocations.start(config.revocationPollMs);
  // Freezes and revocations pushed by the organization's events (the feed poll above is the repair).
  const pushed = config.events.enabled
    ? await followRevocations(revocations, {
        ...(config.events.natsUrl ? { nats: { url: config.events.natsUrl, stream: config.events.stream } } : {}),
        producerUrls: { organization: organizationUrl },
        auth: config.auth,
        service: 'gateway',
        pollMs: config.events.pollMs,
        log,
      })
    : undefined;
  // Live updates: customer-service's events, matched to open subscriptions (subscriptions.ts).
  const hub = new LiveHub();
  const liveEvents = config.events.enabled
    ? await startLiveConsumer(
        [...LIVE_EVENT_TYPES],
        {
          ...(config.events.natsUrl ? { nats: { url: config.events.natsUrl, stream: config.events.stream } } : {}),
          producerUrls: Object.fromEntries(config.subgraphs.filter((s) => s.name === 'customer-service' || s.name === 'bulk').map((s) => [s.name, s.url])),
          auth: config.auth,
          service: 'gateway',
          pollMs: config.events.pollMs,
          log,
        },
        (e) => hub.publish(e),
      )
    : undefined;
  const stream = subscriptionHandler({ apollo, apiSchema: gateway.schema!, hub, auth: config.auth, revocations, checkMs: SUBSCRIPTION_CHECK_MS, log, trusted });
  const viewers = new WeakMap<IncomingMessage, Viewer | null>();
  const limiter = config.rateLimitPerMinute > 0 ? new RateLimiter(config.rateLimitPerMinute, config.rateLimitBurst) : undefined;
  const bulkFiles = proxyBulkFiles(config.subgraphs.find((s) => s.name === 'bulk')!.url);
  const server = createHttpServer<GatewayContext>({
    apollo,
    log,
    service: 'gateway',
    maxBodyBytes: config.maxBodyBytes,
    maxDocumentBytes: config.limits.maxDocumentBytes,
    corsOrigins: config.corsOrigins,
    metrics,
    // No database here: no read-your-writes or audit scope (and no AsyncLocalStorage cost per promise).
    requestScopes: false,
    routes: (req, res, pathname) =>
      (pathname === STREAM_PATH && (stream(req, res), true)) ||
      bulkFiles(req, res, pathname) ||
      (config.ideEnabled && serveIde(req, res, pathname, { showDemoAccounts: config.nodeEnv !== 'production' })),
    context: async (req, requestId) => ({ requestId, authorization: req.headers.authorization, viewer: viewers.get(req) ?? null }),
    admit: async (req) => {
      // Verify the token at the edge (subgraphs verify again) and key the rate limit by account.
      let viewer: Viewer | null;
      try {
        viewer = await viewerFromHeader(config.auth, req.headers.authorization, revocations);
      } catch (e) {
        const { message, extensions } = e as GraphQLError;
        // Refused at the edge, so no subgraph sees it: the audit record of this denied attempt is this log line.
        log.warn({ audit: 'DENIED', reason: extensions.reason, ip: req.socket.remoteAddress, requestId: req.headers['x-request-id'] }, message);
        return { status: 401, body: { errors: [{ message, extensions: { code: extensions.code, reason: extensions.reason } }] } };
      }
      viewers.set(req, viewer);
      const key = viewer ? `account:${viewer.accountId}` : `ip:${req.socket.remoteAddress ?? 'unknown'}`;
      if (!limiter) return undefined;
      const decision = limiter.take(key);
      if (decision.ok) return undefined;
      log.warn({ audit: 'DENIED', reason: 'RATE_LIMITED', key }, 'rate limit exceeded');
      return {
        status: 429,
        headers: { 'retry-after': String(decision.retryAfterSeconds) },
        body: {
          errors: [{ message: `Too many requests; retry in ${decision.retryAfterSeconds} s`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: decision.retryAfterSeconds } }],
        },
      };
    },
    ready: async () => {
      // Bulk operations are an add-on: a gateway without them still serves the whole graph.
      const checks = await Promise.all(
        config.subgraphs
          .filter((s) => !OPTIONAL_SUBGRAPHS.includes(s.name))
          .map((s) =>
            fetch(s.url.replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(2000) })
              .then((r) => r.ok)
              .catch(() => false),
          ),
      );
      return checks.every(Boolean);
    },
  });
  const http = await listen(server, config.port);
  log.info({ url: http.url }, 'gateway ready');
  return {
    apollo,
    http,
    async stop() {
      await pushed?.stop();
      await liveEvents?.stop();
      revocations.stop();
      await http.close(config.shutdownGraceMs, config.shutdownDrainMs);
      await apollo.stop();
      for (const ds of dataSources) ds.close();
    },
  };
}
