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

export type BulkConfig = SubgraphConfig & { bulk: BulkSettings };

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
  };
}
