import { join } from 'node:path';
import { env, loadConfig, loadSubgraphConfig, SubgraphConfig } from '@group/shared';

export const BULK_DEFAULT_PORT = 4004;

/** What the bulk subgraph adds to every subgraph's configuration. */
export interface BulkSettings {
  /** The graph's /graphql (the gateway): every page of a job runs through it, as the submitting viewer. */
  gatewayUrl: string;
  /** Origin of the graph's HTTP front (the gateway) that download URLs point at. */
  publicUrl: string;
  /** Where result files are written (shared storage when several instances run). */
  filesDir: string;
  /** The public API schema queries are validated against (gateway/schema.graphql). */
  publicSchemaFile: string;
  /** How long a result file (and its URL) lives. */
  fileTtlSeconds: number;
  /** Operations of one account CREATED or RUNNING at once. */
  maxRunningPerAccount: number;
  /** Total objects one operation may write (its budget instead of a per-page cost limit). */
  maxObjects: number;
  /** How often an idle runner looks for work and expired files; 0 = no runner in this process. */
  pollMs: number;
  /** Jobs one process runs at once. */
  concurrency: number;
  /** First wait before a failed page is fetched again (doubling, five retries). */
  retryBaseMs: number;
  /** Largest page the runner asks for (1–100; small only to test resumption over many pages). */
  maxPageSize: number;
  /** A running job's claim; another instance takes the job over once it lapses (the holder died). */
  leaseMs: number;
}

/** Webhooks (README: Webhooks). */
export interface WebhookSettings {
  /** How often an idle delivery worker looks for due deliveries; 0 = no worker in this process. */
  pollMs: number;
  /** Deliveries one worker sends at once. */
  concurrency: number;
  /** How long a receiver has to answer one POST. */
  timeoutMs: number;
  /** First wait before a failed attempt is retried (doubling, capped at `maxBackoffSeconds`, ±20 % jitter). */
  retryBaseSeconds: number;
  maxBackoffSeconds: number;
  /** How long a delivery is retried before it is FAILED (24 h). */
  retryWindowSeconds: number;
  /** A webhook whose every attempt failed for this long (24 h), or that had `disableAfterFailures` FAILED deliveries in a row, is disabled. */
  disableAfterSeconds: number;
  disableAfterFailures: number;
  /** How long the secret before a rotation still signs (receivers accept either meanwhile). */
  rotationOverlapSeconds: number;
}

export type BulkConfig = SubgraphConfig & { bulk: BulkSettings; webhooks: WebhookSettings };

/** The only place the bulk subgraph reads its environment. */
export function loadBulkConfig(source: NodeJS.ProcessEnv = process.env): BulkConfig {
  const base = loadSubgraphConfig('BULK', BULK_DEFAULT_PORT, source);
  const c = loadConfig(
    {
      BULK_GATEWAY_URL: env.url({ default: 'http://127.0.0.1:4000/graphql', protocols: ['http', 'https'] }),
      BULK_PUBLIC_URL: env.url({ default: 'http://127.0.0.1:4000', protocols: ['http', 'https'] }),
      BULK_FILES_DIR: env.string({ default: 'data/bulk' }),
      BULK_PUBLIC_SCHEMA_FILE: env.string({ default: join(__dirname, '..', '..', '..', '..', 'gateway', 'schema.graphql') }),
      BULK_FILE_TTL_SECONDS: env.int({ default: 7 * 24 * 3600, min: 60 }),
      BULK_MAX_RUNNING_PER_ACCOUNT: env.int({ default: 2, min: 1, max: 10 }),
      BULK_MAX_OBJECTS: env.int({ default: 50_000_000, min: 1 }),
      BULK_POLL_MS: env.int({ default: 1_000, min: 0 }),
      BULK_CONCURRENCY: env.int({ default: 2, min: 1, max: 16 }),
      BULK_LEASE_MS: env.int({ default: 60_000, min: 1_000 }),
      BULK_MAX_PAGE_SIZE: env.int({ default: 100, min: 1, max: 100 }),
      BULK_RETRY_BASE_MS: env.int({ default: 500, min: 1 }),
      WEBHOOK_POLL_MS: env.int({ default: 1_000, min: 0 }),
      WEBHOOK_CONCURRENCY: env.int({ default: 4, min: 1, max: 32 }),
      WEBHOOK_TIMEOUT_MS: env.int({ default: 10_000, min: 100, max: 60_000 }),
      WEBHOOK_RETRY_BASE_SECONDS: env.int({ default: 30, min: 1 }),
      WEBHOOK_MAX_BACKOFF_SECONDS: env.int({ default: 3_600, min: 1 }),
      WEBHOOK_RETRY_WINDOW_SECONDS: env.int({ default: 24 * 3600, min: 1 }),
      WEBHOOK_DISABLE_AFTER_SECONDS: env.int({ default: 24 * 3600, min: 1 }),
      WEBHOOK_DISABLE_AFTER_FAILURES: env.int({ default: 5, min: 1 }),
      WEBHOOK_ROTATION_OVERLAP_SECONDS: env.int({ default: 24 * 3600, min: 0 }),
    },
    source,
  );
  return {
    ...base,
    bulk: {
      gatewayUrl: c.BULK_GATEWAY_URL,
      publicUrl: c.BULK_PUBLIC_URL.replace(/\/+$/, ''),
      filesDir: c.BULK_FILES_DIR,
      publicSchemaFile: c.BULK_PUBLIC_SCHEMA_FILE,
      fileTtlSeconds: c.BULK_FILE_TTL_SECONDS,
      maxRunningPerAccount: c.BULK_MAX_RUNNING_PER_ACCOUNT,
      maxObjects: c.BULK_MAX_OBJECTS,
      pollMs: c.BULK_POLL_MS,
      concurrency: c.BULK_CONCURRENCY,
      leaseMs: c.BULK_LEASE_MS,
      maxPageSize: c.BULK_MAX_PAGE_SIZE,
      retryBaseMs: c.BULK_RETRY_BASE_MS,
    },
    webhooks: {
      pollMs: c.WEBHOOK_POLL_MS,
      concurrency: c.WEBHOOK_CONCURRENCY,
      timeoutMs: c.WEBHOOK_TIMEOUT_MS,
      retryBaseSeconds: c.WEBHOOK_RETRY_BASE_SECONDS,
      maxBackoffSeconds: c.WEBHOOK_MAX_BACKOFF_SECONDS,
      retryWindowSeconds: c.WEBHOOK_RETRY_WINDOW_SECONDS,
      disableAfterSeconds: c.WEBHOOK_DISABLE_AFTER_SECONDS,
      disableAfterFailures: c.WEBHOOK_DISABLE_AFTER_FAILURES,
      rotationOverlapSeconds: c.WEBHOOK_ROTATION_OVERLAP_SECONDS,
    },
  };
}
