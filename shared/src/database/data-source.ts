import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions, Logger, MixedList, EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '../config/env';
import { routeReadsAfterWrites } from './read-primary';
import { AuditChange, AuditEntry } from '../audit/audit.entity';
import { AuditLog1764900000000 } from '../audit/audit.migration';
import { AuditSubscriber } from '../audit/audit.subscriber';
import { IdempotencyRecord, IdempotencyRecords1764900100000 } from './idempotency';
import { JobTick, JobTicks1765100000000 } from '../jobs/scheduled-jobs';
import { EventApplied, EventCursor, EventOutbox1765300000000, OutboxEvent } from '../events/outbox';

/**
 * Counts SQL statements. The N+1 tests and the benchmark read it; it costs one
 * increment per statement. TypeORM calls `logQuery` for every statement.
 */
export class QueryCounter implements Logger {
  count = 0;
  /** Set LOG_SQL=1 in a test to see statements. */
  constructor(private readonly echo = false) {}
  logQuery(query: string, parameters?: unknown[]) {
    if (/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|SELECT VERSION|SELECT DATABASE)/i.test(query.trim())) return;
    this.count++;
    if (this.echo) console.log('[sql]', query, parameters ?? '');
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

const asList = <T>(list: MixedList<T>): T[] => (Array.isArray(list) ? list : Object.values(list));

/** Any class (entities, migrations, resolvers): narrower than `Function`, which accepts any function. */
type Class = abstract new (...args: never[]) => unknown;

export interface DataSourceInput {
  database: DatabaseConfig;
  entities: MixedList<Class | string | EntitySchema>;
  migrations: MixedList<Class | string>;
  /** Name of the table that records applied migrations. */
  migrationsTableName?: string;
}

/**
 * The one place that knows the drivers. MySQL 8 uses TypeORM's "mysql" type,
 * MariaDB its "mariadb" type (the schema diff of "mysql" reports a spurious
 * ALTER on MariaDB); both go through mysql2. SQLite is better-sqlite3.
 * `synchronize` is always off: the schema comes from migrations only.
 */
export function createDataSource(input: DataSourceInput): { dataSource: DataSource; counter: QueryCounter } {
  const counter = new QueryCounter(process.env.LOG_SQL === '1');
  // Every subgraph gets the audit log (tables, migration, subscriber), the idempotency keys, the job ticks and the event outbox without wiring them.
  const common = {
    entities: [...asList(input.entities), AuditEntry, AuditChange, IdempotencyRecord, JobTick, OutboxEvent, EventApplied, EventCursor] as MixedList<Class | string | EntitySchema>,
    migrations: [...asList(input.migrations), AuditLog1764900000000, IdempotencyRecords1764900100000, JobTicks1765100000000, EventOutbox1765300000000] as MixedList<Class | string>,
    subscribers: [AuditSubscriber] as MixedList<Class>,
    migrationsTableName: input.migrationsTableName ?? 'migrations',
    synchronize: false,
    migrationsRun: false,
    logger: counter,
    logging: true,
  } as const;
  let options: DataSourceOptions;
  if (input.database.type === 'sqlite') {
    options = {
      ...common,
      type: 'better-sqlite3',
      database: input.database.file,
      // WAL lets readers proceed during a write; busy timeout rides out short write locks.
      prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  } else {
    const replicas = input.database.replicaUrls ?? [];
    options = {
      ...common,
      type: input.database.type,
      ...(replicas.length ? { replication: { master: { url: input.database.url }, slaves: replicas.map((url) => ({ url })) } } : { url: input.database.url }),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      // Pool sizing: small per process; scale out with processes (see README). `trace: false`: mysql2
      // otherwise captures a stack trace on every query (for its error messages), 1-3% of a
      // subgraph's CPU on the benchmark's report; TypeORM's QueryFailedError carries the SQL anyway.
      extra: { connectionLimit: 10, enableKeepAlive: true, waitForConnections: true, connectTimeout: 5000, trace: false },
    };
  }
  const dataSource = new DataSource(options);
  if (input.database.type !== 'sqlite') strictSqlMode(dataSource);
  routeReadsAfterWrites(dataSource);
  return { dataSource, counter };
}

/** MySQL 8's default sql_mode: MariaDB (whose default is laxer) is held to what MySQL 8 accepts. */
export const MYSQL8_SQL_MODE = 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';

/**
 * Every pooled connection gets MYSQL8_SQL_MODE once, before its first use,
 * whatever the server's default. TypeORM has no per-connection init hook; its
 * driver hands out every connection through these two methods.
 */
function strictSqlMode(dataSource: DataSource): void {
  type Conn = { query(sql: string, cb: (e: Error | null) => void): void };
  const driver = dataSource.driver as unknown as Record<'obtainMasterConnection' | 'obtainSlaveConnection', () => Promise<Conn>>;
  const prepared = new WeakSet<Conn>();
  for (const method of ['obtainMasterConnection', 'obtainSlaveConnection'] as const) {
    const obtain = driver[method].bind(driver);
    driver[method] = async () => {
      const conn = await obtain();
      if (!prepared.has(conn)) {
        await new Promise<void>((resolve, reject) => conn.query(`SET SESSION sql_mode = '${MYSQL8_SQL_MODE}'`, (e) => (e ? reject(e) : resolve())));
        prepared.add(conn);
      }
      return conn;
    };
  }
}

/**
 * Opens a subgraph's database the way every process does (the server, jobs,
 * CLIs): creates the SQLite file's folder, connects, and migrates when
 * MIGRATE_ON_START is on (under the migration lock).
 */
export async function openDatabase<T extends { dataSource: DataSource }>(
  name: string,
  config: { database: DatabaseConfig; migrateOnStart: boolean },
  create: (database: DatabaseConfig) => T,
): Promise<T & { migrationsRun: string[] }> {
  if (config.database.type === 'sqlite') mkdirSync(dirname(config.database.file), { recursive: true });
  const opened = create(config.database);
  await opened.dataSource.initialize();
  try {
    // TypeORM's "mysql" type writes MySQL 8 SQL (FOR SHARE) that MariaDB refuses at the first locking read:
    // a mysql:// URL on a MariaDB server is a configuration error, said at start rather than as 500s later.
    const version = config.database.type === 'mysql' ? ((await opened.dataSource.query<{ v: string }[]>('SELECT VERSION() AS v'))[0]?.v ?? '') : '';
    if (/mariadb/i.test(version)) {
      throw new Error(`${name}: the server at the mysql:// URL is MariaDB (${version}); give its URL as mariadb://…`);
    }
    const migrationsRun = config.migrateOnStart ? await migrate(opened.dataSource, `${name}-migrations`) : [];
    return { ...opened, migrationsRun };
  } catch (e) {
    await opened.dataSource.destroy();
    throw e;
  }
}

/** Runs the pending migrations; returns the names of those it ran. */
export async function migrate(dataSource: DataSource, lockName: string): Promise<string[]> {
  if (dataSource.options.type === 'better-sqlite3') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  try {
    const [row] = await runner.query('SELECT GET_LOCK(?, 60) AS got', [lockName]);
    if (Number(row.got) !== 1) throw new Error(`could not take migration lock ${lockName} within 60 s`);
    try {
      // MySQL DDL is not transactional; "each" still records every migration as it completes.
      return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [lockName]);
    }
  } finally {
    await runner.release();
  }
}
