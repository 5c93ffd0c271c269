/**
 * Query plans of the main report queries of the three subgraphs (issues #5
 * and #9), on a loaded database: fresh test databases filled by the large
 * dataset generator (seed-large.ts, at --scale, default 0.1), then each report
 * is run THROUGH ITS SERVICE with a logger that captures the SQL, and every
 * captured SELECT is explained with its own parameters (SQLite `EXPLAIN QUERY
 * PLAN`, MariaDB `EXPLAIN`). A full scan of a big table is flagged `<< FULL SCAN`.
 * Run:
 *
 *   node -r ./test/support/register-ts.js test/bench/explain.ts [sqlite|mariadb ...] [--scale 0.1]
 *
 * The notable plans measured on the project machine are at the end of this file.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { DataSource, Logger } from 'typeorm';
import { DEMO_COMPANIES, DEMO_SEGMENTS, PageArgs, Role, Viewer } from '@group/shared';
import { encodeCursor } from '../../shared/src/graphql/pagination';
import { Lead } from '../../subgraphs/customer-service/src/leads/lead.entity';
import { createTestDatabase, TestDatabase, TestDbKind } from '@group/shared/testing';
import { largeIds, seedLarge, SubgraphName } from './seed-large';
import { createOrganizationDataSource } from '../../subgraphs/organization/src/database/data-source';
import { createCustomerServiceDataSource } from '../../subgraphs/customer-service/src/database/data-source';
import { createMarketingDataSource } from '../../subgraphs/marketing/src/database/data-source';
import { createCustomerServiceServices } from '../../subgraphs/customer-service/src/context';
import { FollowUpGrouping } from '../../subgraphs/customer-service/src/follow-ups/follow-up.service';
import { ReportDimension, ReportInterval } from '../../subgraphs/customer-service/src/reports/complaint-report.service';
import { createMarketingServices } from '../../subgraphs/marketing/src/context';
import { tagCoverage } from '../../subgraphs/marketing/src/tag-assignments/tag-coverage';
import { TagCategory } from '../../subgraphs/marketing/src/tag-categories/tag-category.entity';
import { Audience, AudienceKind } from '../../subgraphs/marketing/src/audiences/audience.entity';
import { demoTagId } from '../../subgraphs/marketing/src/database/seed';
import { GovernanceService } from '../../subgraphs/organization/src/governance/governance.service';
import { PositionService } from '../../subgraphs/organization/src/positions/position.service';

const DAY = 24 * 3600 * 1000;

/** Collects the statements a service runs (the data source's logger is swapped for it). */
class SqlCapture implements Logger {
  statements: { sql: string; params: unknown[] }[] = [];
  logQuery(query: string, parameters?: unknown[]) {
    if (/^\s*(WITH|SELECT)\b/i.test(query) && !/^\s*SELECT (VERSION|DATABASE)\(/i.test(query)) this.statements.push({ sql: query, params: parameters ?? [] });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

function capture(ds: DataSource): SqlCapture {
  const c = new SqlCapture();
  (ds as unknown as { logger: Logger }).logger = c;
  return c;
}

async function rowCounts(ds: DataSource): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const m of ds.entityMetadatas) counts.set(m.tableName, Number((await ds.query(`SELECT COUNT(*) AS n FROM ${ds.driver.escape(m.tableName)}`))[0].n));
  return counts;
}

/** One line per plan step; a scan of a table with at least `big` rows is flagged. */
async function explain(ds: DataSource, sql: string, params: unknown[], counts: Map<string, number>, big: number): Promise<string[]> {
  const lines: string[] = [];
  if (ds.options.type === 'better-sqlite3') {
    const plan: { id: number; parent: number; detail: string }[] = await ds.query(`EXPLAIN QUERY PLAN ${sql}`, params);
    const depth = new Map<number, number>([[0, 0]]);
    // A scan in an index's order under a LIMIT with no sort step stops after the page: not a full scan.
    const stopsAtLimit = /\bLIMIT\b/i.test(sql) && !plan.some((p) => /TEMP B-TREE FOR (ORDER|GROUP) BY/.test(p.detail));
    // Aliases map back to tables through "SCAN <alias>" only, so look the alias up in the FROM/JOIN clauses.
    const tableOf = (alias: string) => {
      const m = new RegExp(`(?:FROM|JOIN)\\s+["\`]?(\\w+)["\`]?\\s+(?:AS\\s+)?["\`]?${alias}["\`]?(?=[\\s,)]|$)`, 'i').exec(sql);
      return m ? m[1] : alias;
    };
    for (const p of plan) {
      const d = (depth.get(p.parent) ?? 0) + 1;
      depth.set(p.id, d);
      const scan = /^SCAN (\S+)( USING (COVERING )?INDEX (\S+))?/.exec(p.detail);
      let flag = '';
      if (scan) {
        const n = counts.get(tableOf(scan[1])) ?? 0;
        if (n >= big) flag = scan[2] && stopsAtLimit ? '  (index order, stops at the LIMIT)' : scan[2] ? `  << full index scan (${n} rows)` : `  << FULL SCAN (${n} rows)`;
      }
      lines.push(`${'  '.repeat(d)}${p.detail}${flag}`);
    }
  } else {
    const plan: { table: string | null; type: string | null; key: string | null; rows: number | string | null; Extra: string | null }[] = await ds.query(`EXPLAIN ${sql}`, params);
    for (const p of plan) {
      const n = counts.get(p.table ?? '') ?? Number(p.rows ?? 0);
      const flag = p.type === 'ALL' && n >= big ? `  << FULL SCAN (${n} rows)` : p.type === 'index' && n >= big ? `  << full index scan (${n} rows)` : '';
      lines.push(`  ${p.table ?? '-'}  type=${p.type ?? '-'}  key=${p.key ?? '-'}  rows=${p.rows ?? '-'}  ${p.Extra ?? ''}${flag}`);
    }
  }
  return lines;
}

/** Runs `fn` with SQL capture and prints each SELECT it ran with its plan. */
async function report(ds: DataSource, label: string, fn: () => Promise<unknown>, counts: Map<string, number>, big: number) {
  const c = capture(ds);
  await fn();
  console.log(`\n== ${label} (${c.statements.length} statement${c.statements.length === 1 ? '' : 's'})`);
  for (const { sql, params } of c.statements) {
    console.log(`  SQL: ${sql.replace(/\s+/g, ' ').slice(0, 400)}${sql.length > 400 ? ' ...' : ''}`);
    for (const l of await explain(ds, sql, params, counts, big)) console.log(l);
  }
}

async function run(kind: TestDbKind, scale: number) {
  const dbs: Partial<Record<SubgraphName, TestDatabase>> = {};
  const open: DataSource[] = [];
  try {
    for (const name of ['organization', 'customer-service', 'marketing'] as const) dbs[name] = await createTestDatabase(kind, `explain_${name.replace('-', '_')}`);
    const t0 = Date.now();
    const loaded = await seedLarge({
      scale,
      databases: { organization: dbs.organization!.config, 'customer-service': dbs['customer-service']!.config, marketing: dbs.marketing!.config },
    });
    console.log(`${kind}: seed-large --scale ${scale} in ${Math.round((Date.now() - t0) / 1000)} s: ${JSON.stringify(loaded)}`);
    const openDs = async (create: (db: TestDatabase['config']) => { dataSource: DataSource }, db: TestDatabase) => {
      const { dataSource } = create(db.config);
      await dataSource.initialize();
      open.push(dataSource);
      if (kind === 'sqlite') await dataSource.query('ANALYZE');
      else for (const m of dataSource.entityMetadatas) await dataSource.query(`ANALYZE TABLE \`${m.tableName}\``);
      return dataSource;
    };
    const big = Math.max(1000, Math.round(10_000 * scale));
    const seg = DEMO_SEGMENTS[0].id;
    const executive: Viewer = { accountId: 'explain', employeeId: null, role: Role.GROUP_EXECUTIVE, segmentIds: [] };
    const head: Viewer = { accountId: 'explain-head', employeeId: null, role: Role.SEGMENT_HEAD, segmentIds: [seg] };
    // seed-large: employee k owns the CRM records of segment k % 10.
    const staff: Viewer = { accountId: 'explain-staff', employeeId: largeIds.employee(0), role: Role.BUSINESS_STAFF, segmentIds: [seg] };
    const now = new Date();
    const from = new Date(now.getTime() - 365 * DAY);
    const month = new Date(now.getTime() - 30 * DAY);

    console.log(`\n######## customer-service (${kind})`);
    const cs = await openDs(createCustomerServiceDataSource, dbs['customer-service']!);
    let counts = await rowCounts(cs);
    const s = createCustomerServiceServices(cs);
    await report(cs, 'follow-up compliance report by OWNER, executive', () => s.followUps.report(executive, FollowUpGrouping.OWNER), counts, big);
    await report(cs, 'follow-up compliance report by SEGMENT, segment head', () => s.followUps.report(head, FollowUpGrouping.SEGMENT), counts, big);
    await report(cs, 'missing (to-follow-up) list, one segment, executive', () => s.followUps.missing(executive, { segmentId: seg, first: 50 }), counts, big);
    await report(cs, 'missing list, own records, business staff (mine)', () => s.followUps.mine(staff, 50), counts, big);
    await report(
      cs,
      'pipeline per segment, executive',
      () =>
        s.opportunities.pipelineBySegments(
          executive,
          DEMO_SEGMENTS.map((x) => x.id),
        ),
      counts,
      big,
    );
    const sort = { property: 'createdAt', direction: 'DESC' as const };
    const deep = await cs
      .getRepository(Lead)
      .createQueryBuilder('l')
      .orderBy('l.createdAt', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .offset(Math.floor(counts.get('lead')! * 0.9))
      .limit(1)
      .getOneOrFail();
    await report(cs, 'leads, first page (20, newest first), executive', () => s.leads.list(executive, {}, Object.assign(new PageArgs(), { first: 20 }), sort), counts, big);
    await report(
      cs,
      'leads, deep page (after 90% of the rows), executive',
      () => s.leads.list(executive, {}, Object.assign(new PageArgs(), { first: 20, after: encodeCursor(deep.createdAt, deep.id) }), sort),
      counts,
      big,
    );
    await report(cs, 'complaint SLA report by SEGMENT, executive, last 365 days', () => s.reports.sla(executive, ReportDimension.SEGMENT, from, now), counts, big);
    await report(cs, 'complaint SLA report by BRANCH, segment head', () => s.reports.sla(head, ReportDimension.BRANCH, from, now), counts, big);
    await report(cs, 'complaint volume report by MONTH, executive', () => s.reports.volume(executive, ReportInterval.MONTH, from, now), counts, big);
    await report(cs, 'complaint SLA report by SEGMENT, executive, last 30 days', () => s.reports.sla(executive, ReportDimension.SEGMENT, month, now), counts, big);
    await report(cs, 'complaint volume report by DAY, executive, last 30 days', () => s.reports.volume(executive, ReportInterval.DAY, month, now), counts, big);
    await report(cs, 'branch assessment ranking, executive', () => s.assessment.rank(executive, from, now), counts, big);

    console.log(`\n######## marketing (${kind})`);
    const mkt = await openDs(createMarketingDataSource, dbs.marketing!);
    counts = await rowCounts(mkt);
    const m = createMarketingServices(mkt);
    const level1 = (await mkt.getRepository(TagCategory).findBy({ level: 1 })).map((c) => c.id);
    await report(mkt, 'tag coverage, all segments', () => tagCoverage(mkt, executive, now, level1), counts, big);
    await report(mkt, 'tag coverage, one segment', () => tagCoverage(mkt, head, now, level1), counts, big);
    const audience = Object.assign(new Audience(), {
      id: 'explain-audience',
      segmentId: seg,
      kind: AudienceKind.DYNAMIC,
      expression: JSON.stringify({ and: [{ or: [{ tagId: demoTagId('HIGH_VALUE') }, { tagId: demoTagId('CHURN_RISK') }] }, { not: { tagId: demoTagId('INACTIVE_90D') } }] }),
    });
    await report(mkt, 'dynamic audience size, one segment, (A OR B) AND NOT C', () => m.audiences.sizes([audience]), counts, big);

    console.log(`\n######## organization (${kind})`);
    const org = await openDs(createOrganizationDataSource, dbs.organization!);
    counts = await rowCounts(org);
    const positions = new PositionService(org, new GovernanceService(org));
    const company = DEMO_COMPANIES.find((c) => c.kind !== 'GROUP')!.id;
    await report(org, 'headcount (staffing) report of a company, executive', () => positions.staffingByDepartment(executive, company), counts, big);
  } finally {
    for (const ds of open) await ds.destroy();
    for (const db of Object.values(dbs)) await db?.drop();
  }
}

async function main() {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { scale: { type: 'string', default: '0.1' } } });
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new Error('--scale must be a number in (0, 10]');
  const kinds = (positionals.length ? positionals : ['sqlite', 'mariadb']) as TestDbKind[];
  for (const k of kinds) await run(k, scale);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/*
 * Notable plans, 2026-11-27, `--scale 0.1` (10k customers, 20k complaints,
 * 5k leads + 5k opportunities, 100k general actions, 100k tag assignments),
 * after ANALYZE, SQLite 3 and MariaDB 10.11, with migration
 * 1764309500000-report-indexes (customer-service) applied:
 *
 * customer-service
 *   follow-up report, executive    SQLite  SCAN r USING COVERING INDEX ix_lead_owner_status
 *                                          + CORRELATED SCALAR SUBQUERY: SEARCH ga USING COVERING
 *                                            INDEX ix_general_action_target (target_id=? AND status=? AND done_at>? AND done_at<?)
 *                                  MariaDB r type=index "Using index" + ga type=ref ix_general_action_target
 *     A walk of every record in scope by design (it reports on all of them),
 *     covering since the migration (before: SCAN r USING INDEX, i.e. a table
 *     row fetched per record), plus one probe per record: the cost left, see
 *     crm-bench.ts (2.3 s on MariaDB at 100k records).
 *   follow-up report / missing list, segment head or one segment
 *                                  both    range on ix_*_segment_status (segment_id=?) + the same probe;
 *                                          the missing list sorts its candidates (TEMP B-TREE / filesort)
 *   missing list, one staff member both    ref on ix_*_owner_status (owner_id=?)
 *   pipeline, executive (10 segments IN)  SQLite SEARCH ix_opportunity_segment_status (segment_id=? AND status=?);
 *                                  MariaDB type ALL (every segment asked: a full scan is its cheapest plan)
 *   leads, first page, executive   before: SCAN l + USE TEMP B-TREE FOR ORDER BY (sorted the whole table);
 *                                  now     SQLite SCAN l USING INDEX ix_lead_created (stops at the LIMIT),
 *                                          MariaDB type=index ix_lead_created rows=21
 *   leads, deep page               SQLite  MULTI-INDEX OR (created_at<?) | (created_at=? AND id<?) + TEMP B-TREE:
 *                                          cost grows with the rows after the cursor (pagination.ts's OR
 *                                          shape; `created_at <= ? AND (created_at < ? OR id < ?)` is one range)
 *                                  MariaDB type=range ix_lead_created
 *   complaint SLA report, 365 days both    full (index) scan of complaint: the range is the whole table
 *   complaint volume report, 365 d both    SCAN c / type ALL, same reason
 *   complaint SLA / volume, 30 days before: MariaDB type=index / type=ALL over every complaint (SQLite
 *                                          escaped with a skip-scan of ix_complaint_category_created);
 *                                  now     range on ix_complaint_created on both
 *   branch assessment              both    range on ix_complaint_branch_created (branch_id IS NOT NULL)
 * marketing
 *   tag coverage (all / one segment)      reads tag_coverage_summary + segment_customer_count (tiny) and
 *                                          the expired assignments through ix_tag_assignment_expires: no scan
 *   dynamic audience size          both    ref ix_customer_profile_segment + unique probes into
 *                                          uq_tag_assignment_customer_tag: no scan
 * organization
 *   headcount (staffing) report    both    position via ix_position_company; position_assignment by a full
 *                                          walk of ix_position_assignment_position_status filtered on company_id
 *                                          and status (132 rows here; it grows with the group's whole
 *                                          assignment history): wants an index (company_id, status, position_id)
 *                                          in organization (not added: not this folder).
 */
