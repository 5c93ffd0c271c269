import 'reflect-metadata';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { DEMO_CUSTOMER_COUNT, demoCustomerId, migrate } from '@group/shared';
import { createTestDatabase, testDatabaseKinds, TestDatabase, TestDbKind } from '@group/shared/testing';
import { parseCsv } from '../../shared/src/bulk/csv';
import { createCustomerServiceDataSource } from '../../subgraphs/customer-service/src/database/data-source';
import { createMarketingDataSource } from '../../subgraphs/marketing/src/database/data-source';
import { seedMarketing } from '../../subgraphs/marketing/src/database/seed';

/**
 * `npm run import -- <kind> file.csv ...` as a user runs it: the built CLI as a
 * process, against each subgraph's own database given by its usual
 * configuration (SQLite file or *_DATABASE_URL).
 */
const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'shared', 'dist', 'bulk', 'import-main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function envFor(prefix: string, db: TestDatabase): Record<string, string> {
  const base = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' } as Record<string, string>;
  delete base[`${prefix}_DATABASE_URL`];
  return db.config.type === 'sqlite' ? { ...base, [`${prefix}_SQLITE_FILE`]: db.config.file } : { ...base, [`${prefix}_DATABASE_URL`]: db.config.url };
}

/** Runs the CLI; `interrupt(child)` may signal it while it runs. */
function cli(args: string[], env: Record<string, string>, interrupt?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    interrupt?.(child);
  });
}

const customersCsv = (n: number, bad: Record<number, string[]> = {}) =>
  'ref,name,kind,segment,owner\r\n' +
  Array.from({ length: n }, (_, i) =>
    (bad[i + 1] ?? [`E${i + 1}`, `"Customer, ${i + 1}"`, i % 2 ? 'ORGANIZATION' : 'INDIVIDUAL', ['RESI', 'COMM', 'HOTL'][i % 3], '']).join(','),
  ).join('\r\n') +
  '\r\n';

describe('import CLI', () => {
  let dir: string;
  beforeAll(() => {
    // Incremental: a no-op when dist/ is current.
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'subgraphs/customer-service', 'subgraphs/marketing'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    dir = mkdtempSync(join(tmpdir(), 'gg-bulk-'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses bad usage with exit code 2', async () => {
    const r = await cli(['planets', 'x.csv'], process.env as Record<string, string>);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: npm run import');
  });

  describe.each(testDatabaseKinds())('on %s', (kind: TestDbKind) => {
    let db: TestDatabase;
    let ds: DataSource;
    let env: Record<string, string>;
    const count = async () => Number((await ds.query('SELECT COUNT(*) AS n FROM customer'))[0].n);

    beforeAll(async () => {
      db = await createTestDatabase(kind, 'bulk_cs');
      env = envFor('CUSTOMER_SERVICE', db);
      ds = createCustomerServiceDataSource(db.config).dataSource;
      await ds.initialize();
      await migrate(ds, 'customer-service-migrations');
    });
    afterAll(async () => {
      await ds?.destroy();
      await db?.drop();
    });
    beforeEach(async () => {
      await ds.query('DELETE FROM customer');
    });

    it('imports a file in batches, prints the summary as JSON and, the run being clean, leaves no checkpoint or error file', async () => {
      const file = join(dir, `ok-${kind}.csv`);
      writeFileSync(file, customersCsv(3000));
      const r = await cli(['customers', file, '--mode', 'batch', '--batch', '500'], env);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'customers', mode: 'batch', rows: 3000, inserted: 3000, failed: 0 });
      expect(r.stderr).toMatch(/rows\/s/); // the progress line (plain lines: stderr is not a terminal here)
      expect(await count()).toBe(3000);
      expect(existsSync(`${file}.checkpoint.json`)).toBe(false);
      expect(existsSync(`${file}.errors.csv`)).toBe(false);
      expect(JSON.parse(r.stdout).errorsFile).toBeUndefined();
    });

    it('mode all: invalid rows go to the error CSV with row, column, code and message; nothing is written; exit 1', async () => {
      const file = join(dir, `bad-${kind}.csv`);
      const errors = join(dir, `bad-${kind}.errors.csv`);
      writeFileSync(file, customersCsv(2000, { 7: ['E7', 'x', 'ALIEN', 'RESI', ''], 1500: ['E1500', 'y', 'INDIVIDUAL', 'NOPE', ''] }));
      const r = await cli(['customers', file, '--errors', errors], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('nothing was written');
      expect(parseCsv(readFileSync(errors, 'utf8')).map((e) => e.slice(0, 3))).toEqual([
        ['row', 'column', 'code'],
        ['7', 'kind', 'INVALID_ENUM'],
        ['1500', 'segment', 'UNKNOWN_SEGMENT'],
      ]);
      expect(await count()).toBe(0);
    });

    it('Ctrl-C stops after the current batch; --resume finishes the file without duplicating a row', async () => {
      const file = join(dir, `resume-${kind}.csv`);
      const checkpoint = `${file}.checkpoint.json`;
      writeFileSync(file, customersCsv(8000));
      const first = await cli(['customers', file, '--mode', 'batch', '--batch', '50'], env, (child) => {
        const poll = setInterval(() => {
          if (existsSync(checkpoint)) {
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 5);
        child.on('exit', () => clearInterval(poll));
      });
      expect(first.code).toBe(130);
      expect(first.stderr).toContain('--resume');
      const cp = JSON.parse(readFileSync(checkpoint, 'utf8'));
      expect(cp.complete).toBe(false);
      expect(cp.lastRow).toBeGreaterThan(0);
      expect(cp.lastRow).toBeLessThan(8000);
      expect(await count()).toBe(cp.inserted); // the checkpoint is exactly what was committed

      const resumed = await cli(['customers', file, '--mode', 'batch', '--batch', '500', '--resume'], env);
      expect(resumed.code).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ skipped: cp.lastRow, inserted: 8000 - cp.lastRow, failed: 0 });
      expect(await count()).toBe(8000);

      // Running the whole file again writes nothing new: every row is already there.
      const again = await cli(['customers', file, '--mode', 'batch'], env);
      expect(again.code).toBe(1);
      expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, failed: 8000 });
      expect(await count()).toBe(8000);
    }, 120_000);
  });

  describe.each(testDatabaseKinds())('tag assignments on %s', (kind: TestDbKind) => {
    let db: TestDatabase;
    let ds: DataSource;
    beforeAll(async () => {
      db = await createTestDatabase(kind, 'bulk_mkt');
      ds = createMarketingDataSource(db.config).dataSource;
      await ds.initialize();
      await migrate(ds, 'marketing-migrations');
      await seedMarketing(ds);
      await ds.query('DELETE FROM tag_assignment');
    });
    afterAll(async () => {
      await ds?.destroy();
      await db?.drop();
    });

    it('assigns MANUAL tags to the customers marketing knows, through the marketing CLI', async () => {
      const file = join(dir, `tags-${kind}.csv`);
      const rows = Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, n) => `${demoCustomerId(n)},WON_BACK,imported,`);
      writeFileSync(file, ['customer,tag,evidence,expires_at', ...rows, `${demoCustomerId(0)},NO_SUCH_TAG,,`].join('\n'));
      const r = await cli(['tag-assignments', file, '--mode', 'batch', '--batch', '100'], envFor('MARKETING', db));
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ inserted: DEMO_CUSTOMER_COUNT, failed: 1 });
      expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM tag_assignment WHERE source = 'IMPORT'`))[0].n)).toBe(DEMO_CUSTOMER_COUNT);
    });
  });
});
