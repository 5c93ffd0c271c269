/**
 * Declarative environment parsing. Each service lists the variables it reads;
 * `loadConfig` parses all of them and, if any is bad, throws ONE error listing
 * every problem, so an operator fixes the environment in one go.
 * This module (and the services' own config files built on it) are the only
 * places that read process.env.
 */
export type Parser<T> = (raw: string | undefined, name: string) => T;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

class Problem extends Error {}

export const env = {
  string(opts: { default?: string; required?: boolean } = {}): Parser<string> {
    return (raw, name) => {
      if (raw === undefined || raw === '') {
        if (opts.default !== undefined) return opts.default;
        throw new Problem(`${name} is required`);
      }
      return raw;
    };
  },
  optionalString(): Parser<string | undefined> {
    return (raw) => (raw === undefined || raw === '' ? undefined : raw);
  },
  int(opts: { default?: number; min?: number; max?: number } = {}): Parser<number> {
    return (raw, name) => {
      if (raw === undefined || raw === '') {
        if (opts.default !== undefined) return opts.default;
        throw new Problem(`${name} is required`);
      }
      if (!/^-?\d+$/.test(raw.trim())) throw new Problem(`${name} must be an integer, got "${raw}"`);
      const n = Number(raw);
      if (opts.min !== undefined && n < opts.min) throw new Problem(`${name} must be >= ${opts.min}, got ${n}`);
      if (opts.max !== undefined && n > opts.max) throw new Problem(`${name} must be <= ${opts.max}, got ${n}`);
      return n;
    };
  },
  bool(opts: { default: boolean }): Parser<boolean> {
    return (raw, name) => {
      if (raw === undefined || raw === '') return opts.default;
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new Problem(`${name} must be true or false, got "${raw}"`);
    };
  },
  oneOf<T extends string>(values: readonly T[], opts: { default?: T } = {}): Parser<T> {
    return (raw, name) => {
      if (raw === undefined || raw === '') {
        if (opts.default !== undefined) return opts.default;
        throw new Problem(`${name} is required (one of ${values.join(', ')})`);
      }
      if (!values.includes(raw as T)) throw new Problem(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
      return raw as T;
    };
  },
  url(opts: { default?: string; protocols: string[] }): Parser<string> {
    return (raw, name) => {
      const value = raw === undefined || raw === '' ? opts.default : raw;
      if (value === undefined) throw new Problem(`${name} is required`);
      let parsed: URL;
      try {
        parsed = new URL(value);
      } catch {
        throw new Problem(`${name} is not a valid URL`);
      }
      if (!opts.protocols.includes(parsed.protocol.replace(/:$/, ''))) {
        throw new Problem(`${name} must use one of ${opts.protocols.join(', ')}`);
      }
      return value;
    };
  },
  /** Comma-separated web origins (`https://app.example.com`, `http://localhost:*` = any port); empty = none. */
  origins(opts: { default: string[] }): Parser<string[]> {
    return (raw, name) => {
      if (raw === undefined) return opts.default;
      const list = raw
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      const bad = list.filter((o) => !/^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:(\d{1,5}|\*))?$/i.test(o));
      if (bad.length)
        throw new Problem(`${name} must list origins like https://app.example.com or http://localhost:* (no path, no "*" alone), got ${bad.map((b) => `"${b}"`).join(', ')}`);
      return list.map((o) => o.toLowerCase());
    };
  },
};

export type Spec = Record<string, Parser<unknown>>;
export type ConfigOf<S extends Spec> = { [K in keyof S]: S[K] extends Parser<infer T> ? T : never };

export function loadConfig<S extends Spec>(spec: S, source: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, parse] of Object.entries(spec)) {
    try {
      out[name] = parse(source[name], name);
    } catch (e) {
      if (e instanceof Problem) problems.push(e.message);
      else throw e;
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return out as ConfigOf<S>;
}

import { DEFAULT_LIMITS, OperationLimits } from '../server/limits';

export type DatabaseConfig = { type: 'sqlite'; file: string } | { type: 'mysql' | 'mariadb'; url: string; replicaUrls?: string[] };

export interface AuthConfig {
  /** HMAC keys by key id; the first one signs, all verify (rotation: add new first, retire old later). */
  keys: { kid: string; secret: string }[];
  tokenTtlSeconds: number;
  /** Optional external identity provider whose tokens are accepted besides ours. */
  oidc?: {
    issuer: string;
    audience: string;
    jwksUrl: string;
    roleClaim: string;
    segmentsClaim: string;
    employeeClaim: string;
    jwksCooldownMs: number;
  };
}

export interface SubgraphConfig {
  name: string;
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  database: DatabaseConfig;
  seed: boolean;
  auth: AuthConfig;
  shutdownGraceMs: number;
  /** Draining period before the listener closes (see RunningHttpServer.close). */
  shutdownDrainMs: number;
  /** Run pending migrations at start-up (serialised by a database lock). */
  migrateOnStart: boolean;
  /** DataLoader batching; off only to measure the cost of N+1 in benchmarks. */
  dataLoaderBatch: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  limits: OperationLimits;
  maxBodyBytes: number;
  /**
   * Where the token revocation feed is (the organization subgraph), how often to poll it (0 = off,
   * never in production) and how old the list may get before every token is refused.
   */
  revocation: { organizationUrl: string; pollMs: number; maxStalenessMs: number };
  /** The customer-service subgraph: the authority on its records' visibility (for marketing) and on company calendars (for organization); '' = none. */
  customerServiceUrl: string;
  /** How often the subgraph's scheduled jobs run (once per interval across all instances); 0 = off. */
  jobsIntervalMs: number;
  /** The event backbone: outbox relay, feed and consumers (docs/events.md). */
  events: EventsConfig;
}

/** Development-only signing key, the default outside production. */
const DEV_JWT_KEY = 'dev:development-only-secret-change-me-0123456789';

/**
 * Signing secrets this repository publishes (the development default, docker/compose.yaml's
 * default, documented examples): anyone can sign tokens with them, so production refuses them.
 * A test collects every key the repository's docs and compose files show and checks each is refused.
 */
const PUBLISHED_SECRETS = new Set([DEV_JWT_KEY.slice(DEV_JWT_KEY.indexOf(':') + 1), 'change-me-to-a-long-random-secret-of-32-chars-or-more']);
/** Words of documented placeholders; a random key never contains them. */
const PLACEHOLDER = /change[-_ ]?me|replace[-_ ]?(me|with)|example|placeholder|secret|sample|dummy|insecure|your[-_ ]?key|development/i;
const MIN_KEY_BYTES = 32;

/** Why a secret must not sign in production, or undefined. The secret itself never goes into a message. */
function productionKeyProblem(secret: string): string | undefined {
  if (PUBLISHED_SECRETS.has(secret)) return 'is published in this repository (a development default or a documented example)';
  if (PLACEHOLDER.test(secret)) return 'looks like a documented placeholder (change-me, example, secret, ...)';
  return undefined;
}

/** `kid:secret[,kid:secret]`, every problem of every key listed (production also refuses known and placeholder keys). */
export function parseJwtKeys(raw: string, production = false): { kid: string; secret: string }[] {
  const problems: string[] = [];
  const keys = raw.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i <= 0) {
      problems.push('AUTH_JWT_KEYS entries must look like kid:secret');
      return { kid: '', secret: '' };
    }
    const kid = part.slice(0, i).trim();
    const secret = part.slice(i + 1).trim();
    const bytes = Buffer.byteLength(secret, 'utf8');
    const why = production ? productionKeyProblem(secret) : undefined;
    if (why) problems.push(`AUTH_JWT_KEYS key "${kid}" is refused in production: it ${why}; generate one with \`openssl rand -base64 48\``);
    else if (bytes < MIN_KEY_BYTES) problems.push(`AUTH_JWT_KEYS key "${kid}" must be at least ${MIN_KEY_BYTES} bytes (it has ${bytes})`);
    return { kid, secret };
  });
  if (problems.length) throw new ConfigError(problems);
  return keys;
}

const databaseUrl = (raw: string | undefined, name: string): string | undefined => {
  if (raw === undefined || raw === '') return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Problem(`${name} is not a valid URL`);
  }
  if (!['mysql:', 'mariadb:'].includes(u.protocol)) throw new Problem(`${name} must start with mysql:// or mariadb://`);
  if (u.pathname.length <= 1) throw new Problem(`${name} must name a database (mysql://user:pass@host:3306/dbname)`);
  return raw;
};

/**
 * Where a subgraph that does not own accounts reads the token revocation feed. In development it
 * defaults to the local organization subgraph; production names it, or the subgraph could not
 * check a token (ignored by the organization subgraph itself).
 */
function organizationUrl(prefix: string, production: boolean): Parser<string> {
  const url = env.url({ default: production ? undefined : 'http://127.0.0.1:4001/graphql', protocols: ['http', 'https'] });
  return (raw, name) => {
    if (prefix === 'ORGANIZATION') return raw || '';
    if (production && !raw) throw new Problem(`${name} is required in production: ${prefix} checks every token against the organization subgraph's revocation feed`);
    return url(raw, name);
  };
}

/**
 * Customer-service is asked by marketing whether the viewer sees a record before data is attached
 * to it, and by organization for company working calendars (CS-R21, CS-R30): required by both in
 * production. Organization in tests: unset unless given (the standard working week, no holidays).
 */
function customerServiceUrl(prefix: string, nodeEnv: string | undefined): Parser<string> {
  const fallback = nodeEnv === 'production' || (nodeEnv === 'test' && prefix === 'ORGANIZATION') ? undefined : 'http://127.0.0.1:4002/graphql';
  const url = env.url({ default: fallback, protocols: ['http', 'https'] });
  const why = {
    MARKETING: 'marketing checks with customer-service that the viewer sees a record before attaching data to it',
    ORGANIZATION: 'organization counts working days with the company calendars customer-service owns',
  }[prefix];
  return (raw, name) => {
    if (!why) return raw || '';
    if (nodeEnv === 'production' && !raw) throw new Problem(`${name} is required in production: ${why}`);
    return raw || fallback ? url(raw, name) : '';
  };
}

/** Common environment of auth settings, shared by the subgraphs and the gateway. */
export function authSpec() {
  return {
    NODE_ENV: env.oneOf(['development', 'test', 'production'] as const, { default: 'development' }),
    AUTH_JWT_KEYS: env.optionalString(),
    AUTH_TOKEN_TTL_SECONDS: env.int({ default: 8 * 3600, min: 60 }),
    AUTH_OIDC_ISSUER: env.optionalString(),
    AUTH_OIDC_AUDIENCE: env.optionalString(),
    AUTH_OIDC_JWKS_URL: env.optionalString(),
    AUTH_OIDC_ROLE_CLAIM: env.string({ default: 'gg_role' }),
    AUTH_OIDC_SEGMENTS_CLAIM: env.string({ default: 'gg_segments' }),
    AUTH_OIDC_EMPLOYEE_CLAIM: env.string({ default: 'gg_employee' }),
    AUTH_OIDC_JWKS_COOLDOWN_MS: env.int({ default: 30_000, min: 0 }),
  };
}

export function toAuthConfig(c: {
  NODE_ENV: string;
  AUTH_JWT_KEYS?: string;
  AUTH_TOKEN_TTL_SECONDS: number;
  AUTH_OIDC_ISSUER?: string;
  AUTH_OIDC_AUDIENCE?: string;
  AUTH_OIDC_JWKS_URL?: string;
  AUTH_OIDC_ROLE_CLAIM?: string;
  AUTH_OIDC_SEGMENTS_CLAIM?: string;
  AUTH_OIDC_EMPLOYEE_CLAIM?: string;
  AUTH_OIDC_JWKS_COOLDOWN_MS?: number;
}): AuthConfig {
  if (!c.AUTH_JWT_KEYS && c.NODE_ENV === 'production') {
    throw new ConfigError(['AUTH_JWT_KEYS is required in production (kid:secret[,kid:secret])']);
  }
  let oidc: AuthConfig['oidc'];
  if (c.AUTH_OIDC_ISSUER) {
    if (!c.AUTH_OIDC_AUDIENCE) throw new ConfigError(['AUTH_OIDC_AUDIENCE is required with AUTH_OIDC_ISSUER']);
    oidc = {
      issuer: c.AUTH_OIDC_ISSUER,
      audience: c.AUTH_OIDC_AUDIENCE,
      // The usual OIDC location of the issuer's keys, unless given.
      jwksUrl: c.AUTH_OIDC_JWKS_URL ?? `${c.AUTH_OIDC_ISSUER.replace(/\/$/, '')}/.well-known/jwks.json`,
      roleClaim: c.AUTH_OIDC_ROLE_CLAIM ?? 'gg_role',
      segmentsClaim: c.AUTH_OIDC_SEGMENTS_CLAIM ?? 'gg_segments',
      employeeClaim: c.AUTH_OIDC_EMPLOYEE_CLAIM ?? 'gg_employee',
      jwksCooldownMs: c.AUTH_OIDC_JWKS_COOLDOWN_MS ?? 30_000,
    };
  }
  return { keys: parseJwtKeys(c.AUTH_JWT_KEYS ?? DEV_JWT_KEY, c.NODE_ENV === 'production'), tokenTtlSeconds: c.AUTH_TOKEN_TTL_SECONDS, oidc };
}

/**
 * Reads one subgraph's configuration. `prefix` is the subgraph's env prefix
 * (ORGANIZATION, CUSTOMER_SERVICE, MARKETING).
 */
export function loadSubgraphConfig(prefix: string, defaultPort: number, source: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const k = (key: string) => `${prefix}_${key}`;
  const c = loadConfig(
    {
      ...authSpec(),
      [k('PORT')]: env.int({ default: defaultPort, min: 0, max: 65535 }),
      [k('DATABASE_URL')]: databaseUrl,
      // Read replicas of that database (comma-separated URLs): reads go there, writes to the primary.
      [k('DATABASE_REPLICA_URLS')]: env.optionalString(),
      [k('SQLITE_FILE')]: env.string({ default: `data/${prefix.toLowerCase().replace(/_/g, '-')}.sqlite` }),
      // Demo data is seeded by default, except in production.
      [k('SEED')]: env.bool({ default: source.NODE_ENV !== 'production' }),
      SHUTDOWN_GRACE_MS: env.int({ default: 10_000, min: 0 }),
      SHUTDOWN_DRAIN_MS: env.int({ default: source.NODE_ENV === 'test' ? 0 : 1_000, min: 0 }),
      MIGRATE_ON_START: env.bool({ default: true }),
      DATALOADER_BATCH: env.bool({ default: true }),
      MAX_BODY_BYTES: env.int({ default: 1024 * 1024, min: 1024 }),
      ORGANIZATION_URL: organizationUrl(prefix, source.NODE_ENV === 'production'),
      CUSTOMER_SERVICE_URL: customerServiceUrl(prefix, source.NODE_ENV),
      // The bulk subgraph's event feed (customer-service's webhook notifications); the local one in development.
      BULK_URL: (raw: string | undefined, name: string) =>
        raw || source.NODE_ENV === undefined || source.NODE_ENV === 'development'
          ? env.url({ default: 'http://127.0.0.1:4004/graphql', protocols: ['http', 'https'] })(raw, name)
          : undefined,
      // Off by default in tests: a background poll would disturb exact SQL-statement counts.
      REVOCATION_POLL_MS: (raw: string | undefined, name: string) => {
        const ms = env.int({ default: source.NODE_ENV === 'test' ? 0 : 2_000, min: 0 })(raw, name);
        if (ms === 0 && source.NODE_ENV === 'production' && prefix !== 'ORGANIZATION') throw new Problem(`${name}=0 turns token revocation off; production needs it on`);
        return ms;
      },
      REVOCATION_MAX_STALENESS_MS: env.int({ default: 60_000, min: 1 }),
      JOBS_INTERVAL_MS: env.int({ default: source.NODE_ENV === 'test' ? 0 : 60_000, min: 0 }),
      ...eventsSpec(source),
      ...limitsSpec(),
      LOG_LEVEL: env.oneOf(['debug', 'info', 'warn', 'error', 'silent'] as const, { default: 'info' }),
    },
    source,
  );
  // The prefixed keys are computed, so their types are not known statically: read them by name.
  const prefixed = (key: string): unknown => (c as Record<string, unknown>)[k(key)];
  if (c.REVOCATION_POLL_MS > 0 && c.REVOCATION_MAX_STALENESS_MS <= c.REVOCATION_POLL_MS) {
    throw new ConfigError([`REVOCATION_MAX_STALENESS_MS (${c.REVOCATION_MAX_STALENESS_MS}) must be longer than REVOCATION_POLL_MS (${c.REVOCATION_POLL_MS})`]);
  }
  const url = prefixed('DATABASE_URL') as string | undefined;
  return {
    name: prefix.toLowerCase().replace(/_/g, '-'),
    nodeEnv: c.NODE_ENV,
    port: prefixed('PORT') as number,
    database: url
      ? {
          type: url.startsWith('mariadb:') ? 'mariadb' : 'mysql',
          url: url.replace(/^mariadb:/, 'mysql:'),
          replicaUrls: (prefixed('DATABASE_REPLICA_URLS') as string | undefined)
            ?.split(',')
            .map((u) => u.trim().replace(/^mariadb:/, 'mysql:'))
            .filter(Boolean),
        }
      : { type: 'sqlite', file: prefixed('SQLITE_FILE') as string },
    seed: prefixed('SEED') as boolean,
    auth: toAuthConfig(c),
    shutdownGraceMs: c.SHUTDOWN_GRACE_MS,
    shutdownDrainMs: c.SHUTDOWN_DRAIN_MS,
    migrateOnStart: c.MIGRATE_ON_START,
    dataLoaderBatch: c.DATALOADER_BATCH,
    limits: toLimits(c),
    maxBodyBytes: c.MAX_BODY_BYTES,
    revocation: { organizationUrl: c.ORGANIZATION_URL, pollMs: c.REVOCATION_POLL_MS, maxStalenessMs: c.REVOCATION_MAX_STALENESS_MS },
    customerServiceUrl: c.CUSTOMER_SERVICE_URL,
    jobsIntervalMs: c.JOBS_INTERVAL_MS,
    events: { ...toEventsConfig(c), ...(c.BULK_URL ? { bulkUrl: c.BULK_URL } : {}) },
    logLevel: c.LOG_LEVEL as SubgraphConfig['logLevel'],
  };
}

/** LIMIT_* variables: operation limits shared by the gateway and the subgraphs. */
export function limitsSpec() {
  return {
    LIMIT_MAX_DEPTH: env.int({ default: DEFAULT_LIMITS.maxDepth, min: 1, max: 200 }),
    LIMIT_MAX_ALIASES: env.int({ default: DEFAULT_LIMITS.maxAliases, min: 0, max: 10_000 }),
    LIMIT_MAX_ROOT_FIELDS: env.int({ default: DEFAULT_LIMITS.maxRootFields, min: 1, max: 1000 }),
    LIMIT_MAX_TOKENS: env.int({ default: DEFAULT_LIMITS.maxTokens, min: 100, max: 1_000_000 }),
    LIMIT_MAX_DOCUMENT_BYTES: env.int({ default: DEFAULT_LIMITS.maxDocumentBytes, min: 1024, max: 100 * 1024 * 1024 }),
    LIMIT_MAX_COST: env.int({ default: DEFAULT_LIMITS.maxCost, min: 1, max: 1_000_000_000 }),
    LIMIT_BULK_MAX_COST: env.int({ default: DEFAULT_LIMITS.bulkMaxCost, min: 1, max: 1_000_000_000 }),
  };
}

export function toLimits(c: Record<string, unknown>): OperationLimits {
  return {
    maxDepth: c.LIMIT_MAX_DEPTH as number,
    maxAliases: c.LIMIT_MAX_ALIASES as number,
    maxRootFields: c.LIMIT_MAX_ROOT_FIELDS as number,
    maxTokens: c.LIMIT_MAX_TOKENS as number,
    maxDocumentBytes: c.LIMIT_MAX_DOCUMENT_BYTES as number,
    maxCost: c.LIMIT_MAX_COST as number,
    bulkMaxCost: c.LIMIT_BULK_MAX_COST as number,
  };
}

/** How a process takes part in the event backbone (see docs/events.md). */
export interface EventsConfig {
  /** Relay, feed consumers and live (revocation) consumers on; off by default in tests only. */
  enabled: boolean;
  /** NATS JetStream (nats://host:4222); unset = every subgraph serves its outbox as an HTTP feed that consumers poll. */
  natsUrl?: string;
  /** The JetStream stream (its subjects are `<stream>.<source>.<type>`). */
  stream: string;
  /** How often the relay moves committed outbox rows into delivery order (and to NATS). */
  relayMs: number;
  /** How often consumers poll a producer's HTTP feed (no NATS). */
  pollMs: number;
  /** Delivered outbox rows older than this many days are pruned by a scheduled job (events/retention.ts). */
  retentionDays: number;
  /** The bulk subgraph (BULK_URL), whose HTTP feed subgraph consumers of bulk events read (no NATS); unset = none. */
  bulkUrl?: string;
}

/** EVENTS_* variables, shared by the subgraphs and the gateway. */
export function eventsSpec(source: NodeJS.ProcessEnv) {
  return {
    EVENTS_ENABLED: env.bool({ default: source.NODE_ENV !== 'test' }),
    EVENTS_NATS_URL: (raw: string | undefined, name: string) => (raw ? env.url({ protocols: ['nats', 'tls'] })(raw, name) : undefined),
    EVENTS_STREAM: env.string({ default: 'GROUP_EVENTS' }),
    EVENTS_RELAY_MS: env.int({ default: 200, min: 10 }),
    EVENTS_POLL_MS: env.int({ default: 250, min: 10 }),
    EVENTS_RETENTION_DAYS: env.int({ default: 7, min: 1 }),
  };
}

export function toEventsConfig(c: Record<string, unknown>): EventsConfig {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(c.EVENTS_STREAM as string)) throw new ConfigError(['EVENTS_STREAM must be 1-64 letters, digits, _ or - (a JetStream stream name)']);
  return {
    enabled: c.EVENTS_ENABLED as boolean,
    ...(c.EVENTS_NATS_URL ? { natsUrl: c.EVENTS_NATS_URL as string } : {}),
    stream: c.EVENTS_STREAM as string,
    relayMs: c.EVENTS_RELAY_MS as number,
    pollMs: c.EVENTS_POLL_MS as number,
    retentionDays: c.EVENTS_RETENTION_DAYS as number,
  };
}
