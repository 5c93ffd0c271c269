import { AuthConfig, authSpec, env, EventsConfig, eventsSpec, limitsSpec, loadConfig, OperationLimits, toAuthConfig, toEventsConfig, toLimits } from '@group/shared';

export interface SubgraphTarget {
  name: 'organization' | 'customer-service' | 'marketing' | 'bulk';
  url: string;
}

export interface GatewayConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  subgraphs: SubgraphTarget[];
  /** Upper bound on every subgraph request; a slow subgraph yields a partial result, never a hung request. */
  subgraphTimeoutMs: number;
  maxBodyBytes: number;
  shutdownGraceMs: number;
  shutdownDrainMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** The gateway verifies tokens too: a bad token is refused at the edge (subgraphs still verify). */
  auth: AuthConfig;
  limits: OperationLimits;
  /** Requests per minute per account (per IP without a token); 0 = off. */
  rateLimitPerMinute: number;
  rateLimitBurst: number;
  /** Upper bound of the automatic persisted-query store (keys and documents); least recently used go first. */
  apqCacheMaxBytes: number;
  /** Path of an Apollo persisted-query manifest: when set, only those operations run. */
  trustedDocuments?: string;
  /**
   * Web origins whose browser apps may call the API (CORS). Default: none in production; any port of
   * localhost / 127.0.0.1 otherwise.
   */
  corsOrigins: string[];
  /** The GraphiQL IDE at /ide (default: on, except in production). */
  ideEnabled: boolean;
  /** How often to poll the organization's token revocation feed; 0 = off. */
  revocationPollMs: number;
  /** The event backbone: the gateway follows the organization's account freezes and revocations (docs/events.md). */
  events: EventsConfig;
  /**
   * @apollo/gateway's own usage telemetry (it probes cloud metadata addresses such as
   * 169.254.169.254 and sends metrics to Apollo's servers). Off unless an operator opts in.
   */
  apolloTelemetry: boolean;
}

export const SUBGRAPH_NAMES = ['organization', 'customer-service', 'marketing', 'bulk'] as const;
/** Subgraphs the gateway's /ready does not wait for: while one is down, only its own fields fail. */
export const OPTIONAL_SUBGRAPHS: readonly SubgraphTarget['name'][] = ['bulk'];
/** Where the gateway serves subscriptions (graphql-sse, subscriptions.ts); queries and mutations go to /graphql. */
export const STREAM_PATH = '/graphql/stream';
export const DEFAULT_PORTS = { gateway: 4000, organization: 4001, 'customer-service': 4002, marketing: 4003, bulk: 4004 } as const;

/** The only place the gateway reads its environment. */
export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const url = (port: number) => env.url({ default: `http://127.0.0.1:${port}/graphql`, protocols: ['http', 'https'] });
  const c = loadConfig(
    {
      ...authSpec(),
      ...limitsSpec(),
      ...eventsSpec(source),
      RATE_LIMIT_PER_MINUTE: env.int({ default: 600, min: 0 }),
      RATE_LIMIT_BURST: env.int({ default: 100, min: 1 }),
      TRUSTED_DOCUMENTS: env.optionalString(),
      APQ_CACHE_MAX_BYTES: env.int({ default: 16 * 1024 * 1024, min: 0 }),
      IDE_ENABLED: env.bool({ default: source.NODE_ENV !== 'production' }),
      CORS_ORIGINS: env.origins({ default: source.NODE_ENV === 'production' ? [] : ['http://localhost:*', 'http://127.0.0.1:*'] }),
      REVOCATION_POLL_MS: env.int({ default: source.NODE_ENV === 'test' ? 0 : 2_000, min: 0 }),
      GATEWAY_PORT: env.int({ default: DEFAULT_PORTS.gateway, min: 0, max: 65535 }),
      ORGANIZATION_URL: url(DEFAULT_PORTS.organization),
      CUSTOMER_SERVICE_URL: url(DEFAULT_PORTS['customer-service']),
      MARKETING_URL: url(DEFAULT_PORTS.marketing),
      BULK_URL: url(DEFAULT_PORTS.bulk),
      SUBGRAPH_TIMEOUT_MS: env.int({ default: 10_000, min: 100, max: 120_000 }),
      GATEWAY_MAX_BODY_BYTES: env.int({ default: 1024 * 1024, min: 1024 }),
      SHUTDOWN_GRACE_MS: env.int({ default: 10_000, min: 0 }),
      SHUTDOWN_DRAIN_MS: env.int({ default: source.NODE_ENV === 'test' ? 0 : 1_000, min: 0 }),
      LOG_LEVEL: env.oneOf(['debug', 'info', 'warn', 'error', 'silent'] as const, { default: 'info' }),
      // Apollo's own switch, read by @apollo/gateway itself; here it defaults to "disabled".
      APOLLO_TELEMETRY_DISABLED: env.bool({ default: true }),
    },
    source,
  );
  return {
    nodeEnv: c.NODE_ENV,
    port: c.GATEWAY_PORT,
    subgraphs: [
      { name: 'organization', url: c.ORGANIZATION_URL },
      { name: 'customer-service', url: c.CUSTOMER_SERVICE_URL },
      { name: 'marketing', url: c.MARKETING_URL },
      { name: 'bulk', url: c.BULK_URL },
    ],
    subgraphTimeoutMs: c.SUBGRAPH_TIMEOUT_MS,
    maxBodyBytes: c.GATEWAY_MAX_BODY_BYTES,
    shutdownGraceMs: c.SHUTDOWN_GRACE_MS,
    shutdownDrainMs: c.SHUTDOWN_DRAIN_MS,
    logLevel: c.LOG_LEVEL as GatewayConfig['logLevel'],
    auth: toAuthConfig(c),
    limits: toLimits(c),
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    rateLimitBurst: c.RATE_LIMIT_BURST,
    apqCacheMaxBytes: c.APQ_CACHE_MAX_BYTES,
    trustedDocuments: c.TRUSTED_DOCUMENTS,
    corsOrigins: c.CORS_ORIGINS,
    ideEnabled: c.IDE_ENABLED,
    revocationPollMs: c.REVOCATION_POLL_MS,
    events: toEventsConfig(c),
    apolloTelemetry: !c.APOLLO_TELEMETRY_DISABLED,
  };
}
