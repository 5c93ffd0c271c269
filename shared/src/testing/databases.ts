import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import type { DatabaseConfig } from '../config/env';

/**
 * The databases the integration tests run against: TEST_DATABASES=sqlite,mariadb
 * (the default). MariaDB/MySQL is reached at TEST_MYSQL_URL (default
 * mysql://root@127.0.0.1:3306); each test file gets fresh, uniquely named
 * databases that it drops afterwards. An unreachable MariaDB fails the tests:
 * it is never silently skipped. `TEST_DATABASES=sqlite` runs without it.
 */
export type TestDbKind = 'sqlite' | 'mariadb';

export function testDatabaseKinds(): TestDbKind[] {
  const raw = process.env.TEST_DATABASES ?? 'sqlite,mariadb';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      if (s !== 'sqlite' && s !== 'mariadb') throw new Error(`TEST_DATABASES: unknown database "${s}"`);
      return s;
    });
}

const serverUrl = () => process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export interface TestDatabase {
  kind: TestDbKind;
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/**
 * A fresh database for `label`. `keep` (MariaDB; the benchmarks' large data sets): the database is
 * named after the label alone, reused when it exists (with whatever data it holds) and never dropped.
 */
export async function createTestDatabase(kind: TestDbKind, label: string, opts: { keep?: boolean } = {}): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `gg-${label}-`));
    return {
      kind,
      config: { type: 'sqlite', file: join(dir, `${label}.sqlite`) },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_')}${opts.keep ? '' : `_${randomBytes(4).toString('hex')}`}`.toLowerCase();
  const admin = await createConnection(serverUrl());
  await admin.query(`CREATE DATABASE ${opts.keep ? 'IF NOT EXISTS ' : ''}\`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const isMysql8 = process.env.TEST_MYSQL_FLAVOR === 'mysql';
  // Named as production names it (a process given a mysql:// URL for a MariaDB server refuses to start).
  url.protocol = isMysql8 ? 'mysql:' : 'mariadb:';
  return {
    kind,
    config: { type: isMysql8 ? 'mysql' : 'mariadb', url: url.toString() },
    drop: async () => {
      if (opts.keep) return;
      const c = await createConnection(serverUrl());
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
