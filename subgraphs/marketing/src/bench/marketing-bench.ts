/**
 * Marketing at scale: 100,000 customers and 1,000,000 tag assignments, then
 * the set-based reads and runs the issue asks to be fast, timed on SQLite
 * and MariaDB. Run (after `npx tsc -b subgraphs/marketing`):
 *
 *   node -r ./test/support/register-ts.js subgraphs/marketing/src/bench/marketing-bench.ts [sqlite|mariadb ...]
 *
 * MariaDB at TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306; a database
 * `mkt_bench_<random>` is created and dropped). Medians of 5 runs after one
 * warm-up. Figures measured on the project machine (2 cores) are in the
 * comment at the end of this file.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { DEMO_SEGMENTS, migrate, Role, stableId, systemActor, Viewer } from '@group/shared';
import { createTestDatabase, TestDbKind } from '@group/shared/testing';
import { createMarketingDataSource } from '../database/data-source';
import { seedMarketing, demoTagCategoryId, demoTagId, DEMO_TAG_LIBRARY } from '../database/seed';

const LEVEL1 = DEMO_TAG_LIBRARY.map((c) => demoTagCategoryId(c.code));
import { createMarketingServices } from '../context';
import { tagCoverage } from '../tag-assignments/tag-coverage';
import { rebuildTagCoverage } from '../tag-assignments/tag-coverage-summary';
import { Audience, AudienceKind } from '../audiences/audience.entity';

const CUSTOMERS = 100_000;
const PER_CUSTOMER = 10;
const DAY = 24 * 3600 * 1000;

const executive: Viewer = { accountId: 'bench', employeeId: null, role: Role.GROUP_EXECUTIVE, segmentIds: [] };

async function bulkInsert(ds: DataSource, table: string, columns: string[], rows: unknown[][], chunk = 500) {
  await ds.transaction(async (m) => {
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      const ph = part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
      await m.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${ph}`, part.flat());
    }
  });
}

async function time(label: string, fn: () => Promise<unknown>, out: Record<string, number>) {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  out[label] = Math.round(samples[2] * 10) / 10;
}

async function bench(kind: TestDbKind) {
  const db = await createTestDatabase(kind, 'mkt_bench');
  const { dataSource: ds } = createMarketingDataSource(db.config);
  await ds.initialize();
  try {
    await migrate(ds, 'marketing-migrations');
    await seedMarketing(ds);
    const tags = DEMO_TAG_LIBRARY.flatMap((c) => c.children.flatMap((s) => s.tags.map((t) => demoTagId(t.code))));
    const level1 = new Map(DEMO_TAG_LIBRARY.flatMap((c) => c.children.flatMap((s) => s.tags.map((t) => [demoTagId(t.code), demoTagCategoryId(c.code)] as const))));
    const toDb = (d: Date) => ds.driver.preparePersistentValue(d, ds.getMetadata('TagAssignment').findColumnWithPropertyName('assignedAt')!);
    const now = new Date();

    const t0 = Date.now();
    const profiles: unknown[][] = [];
    const assignments: unknown[][] = [];
    const indicators: unknown[][] = [];
    for (let n = 0; n < CUSTOMERS; n++) {
      const cid = stableId('bench-customer', n);
      const seg = DEMO_SEGMENTS[n % DEMO_SEGMENTS.length].id;
      profiles.push([cid, seg, toDb(now)]);
      for (let j = 0; j < PER_CUSTOMER; j++) {
        const tag = tags[(n * 7 + j * 3) % tags.length];
        assignments.push([stableId('bench-a', `${n}-${j}`), tag, cid, seg, 'IMPORT', toDb(now), 'bench', null, null, level1.get(tag)]);
      }
      if (n % 3 === 0) indicators.push([cid, 'COMPLAINT_COUNT', toDb(new Date(now.getTime() - ((n % 60) + 1) * DAY)), '1', 'customer-service', toDb(now)]);
    }
    await bulkInsert(ds, 'customer_profile', ['customer_id', 'segment_id', 'updated_at'], profiles);
    await bulkInsert(
      ds,
      'tag_assignment',
      ['id', 'tag_id', 'customer_id', 'segment_id', 'source', 'assigned_at', 'assigned_by', 'evidence', 'expires_at', 'category_l1_id'],
      assignments,
    );
    await ds.transaction((m) => rebuildTagCoverage(m));
    await bulkInsert(ds, 'customer_indicator', ['customer_id', 'code', 'as_of', 'value', 'source', 'recorded_at'], indicators);
    if (kind === 'mariadb') for (const t of ['customer_profile', 'tag_assignment', 'customer_indicator']) await ds.query(`ANALYZE TABLE ${t}`);
    else await ds.query('ANALYZE');
    const loadSeconds = Math.round((Date.now() - t0) / 100) / 10;

    const s = createMarketingServices(ds);
    const segment = DEMO_SEGMENTS[0].id;
    const audience = (k: AudienceKind) =>
      Object.assign(new Audience(), {
        id: 'bench-audience',
        segmentId: segment,
        kind: k,
        expression: JSON.stringify({
          and: [{ or: [{ tagId: demoTagId('HIGH_VALUE') }, { tagId: demoTagId('CHURN_RISK') }] }, { not: { tagId: demoTagId('INACTIVE_90D') } }],
        }),
      });
    const out: Record<string, number> = {};
    await time('tag coverage, all segments (100k customers, 1M assignments)', () => tagCoverage(ds, executive, now, LEVEL1), out);
    await time(
      'tag coverage, one segment (10k customers)',
      () => tagCoverage(ds, { accountId: 'bench', employeeId: null, role: Role.SEGMENT_HEAD, segmentIds: [segment] }, now, LEVEL1),
      out,
    );
    await time('dynamic audience size, one segment, (A OR B) AND NOT C', () => s.audiences.sizes([audience(AudienceKind.DYNAMIC)]), out);
    await time('rule run COMPLAINT_30D over 100k customers (re-run, no change)', () => s.tagRules.run(demoTagId('COMPLAINT_30D'), null), out);
    await time('churn report, all segments', () => s.tiers.churnReport(executive, new Date('2025-01-01Z'), new Date('2026-01-01Z'), null), out);
    await time('tier run over 100k customers', () => s.tiers.run(systemActor('marketing-bench')), out);
    const [cov] = [await tagCoverage(ds, executive, now, LEVEL1)];
    console.log(JSON.stringify({ kind, loadSeconds, customers: cov.customers, assignments: cov.assignments, medianMs: out }, null, 2));
  } finally {
    await ds.destroy();
    await db.drop();
  }
}

async function main() {
  const kinds = (process.argv.slice(2).length ? process.argv.slice(2) : ['sqlite', 'mariadb']) as TestDbKind[];
  for (const k of kinds) await bench(k);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/*
 * Measured on the 2-core project machine, SQLite, 100,300 customers and
 * 1,000,900 assignments (10 per customer over 40 tags), medians of 5 runs,
 * WHILE two other engineers' test suites and a MariaDB load ran beside it
 * (so these are pessimistic; an isolated raw-SQL probe of the same coverage
 * query on the same data shape ran in ~0.66 s, a bare COUNT over the
 * covering index in ~0.19 s):
 *
 *   tag coverage, all segments (100k customers, 1M assignments)   1.7–2.8 s   (NOT yet "well under a second")
 *   tag coverage, one segment (10k customers)                     0.19–0.21 s
 *   dynamic audience size, one segment, (A OR B) AND NOT C        0.16–0.89 s
 *   rule run COMPLAINT_30D over 100k customers (no change)        1.5–5.8 s   (batch job)
 *   churn report, all segments                                    0.2–1.2 s
 *   tier run over 100k customers (one UPDATE)                     1.4–7.5 s   (batch job)
 *
 * MariaDB: no figure yet. Loading 1M assignments through five secondary
 * indexes in one transaction did not finish within 25 minutes on the loaded
 * machine; the load should use LOAD DATA or smaller committed batches.
 * Loading the data set takes minutes even on SQLite, which is why this is a
 * script and not a test.
 *
 * Since then group-wide coverage reads tag_coverage_summary and
 * segment_customer_count (kept by every writer, see
 * tag-assignments/tag-coverage-summary.ts): O(categories x segments) rows plus
 * the not-yet-archived expired assignments. Re-measured on SQLite, same data
 * shape (100,300 customers, 992,552 assignments after the rule run), machine
 * shared with other test runs, run with
 * `node -r ./test/support/register-ts.js subgraphs/marketing/src/bench/marketing-bench.ts sqlite`
 * (the dist build cannot load the shared test helpers):
 *
 *   tag coverage, all segments                                    0.2 ms      (was 1.7–2.8 s)
 *   tag coverage, one segment                                     0.2 ms      (was 0.19–0.21 s)
 *   rule run COMPLAINT_30D over 100k customers (no change)        1.2–2.0 s   (now also keeps the summary)
 */
