import 'reflect-metadata';
import { errorOf, segmentId, testDatabaseKinds, viewers } from '@group/shared/testing';
import { customerId, customersOf, MarketingTestApp, startMarketing } from '../testing/harness';
import { demoTagId } from '../database/seed';
import { recountTagCoverage } from './tag-coverage';

const DAY = 24 * 3600 * 1000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();
const COVERAGE = `{ tagCoverage { customers assignments byCategory { category { id } customers } } }`;

describe.each(testDatabaseKinds())('MKT-M3 tag coverage summary on %s', (kind) => {
  let mkt: MarketingTestApp;
  const resi = customersOf('RESI');
  const comm = customersOf('COMM');
  const exec = viewers.executive();
  const staff = viewers.staff('RESI');

  /** The summary table, without rows that dropped to zero. */
  const summary = async () => {
    const rows: any[] = await mkt.app.dataSource.query(
      'SELECT category_l1_id AS l1, segment_id AS seg, customers AS c, assignments AS n FROM tag_coverage_summary WHERE assignments <> 0 OR customers <> 0 ORDER BY category_l1_id, segment_id',
    );
    return rows.map((r) => ({ l1: String(r.l1), segmentId: String(r.seg), customers: Number(r.c), assignments: Number(r.n) }));
  };
  const segmentCounts = async (sql: string) => (await mkt.app.dataSource.query(sql)).map((r: any) => ({ s: String(r.s), n: Number(r.n) }));
  const expectConsistent = async () => {
    expect(await summary()).toEqual(await recountTagCoverage(mkt.app.dataSource));
    expect(await segmentCounts('SELECT segment_id AS s, customers AS n FROM segment_customer_count WHERE customers <> 0 ORDER BY segment_id')).toEqual(
      await segmentCounts('SELECT segment_id AS s, COUNT(*) AS n FROM customer_profile GROUP BY segment_id ORDER BY segment_id'),
    );
  };

  /** MKT-M3 counted the slow way (what the query did before the summary), for one scope. */
  const bruteForce = async (segments: string[] | 'ALL') => {
    const now = new Date();
    const where = segments === 'ALL' ? '' : ` AND a.segment_id IN (${segments.map(() => '?').join(', ')})`;
    const params = segments === 'ALL' ? [] : segments;
    const nowDb = mkt.app.dataSource.driver.preparePersistentValue(now, mkt.app.dataSource.getMetadata('TagAssignment').findColumnWithPropertyName('assignedAt')!);
    const rows: any[] = await mkt.app.dataSource.query(
      `SELECT a.category_l1_id AS l1, COUNT(DISTINCT a.customer_id) AS c, COUNT(*) AS n FROM tag_assignment a
        WHERE a.category_l1_id IS NOT NULL AND (a.expires_at IS NULL OR a.expires_at > ?)${where} GROUP BY a.category_l1_id`,
      [nowDb, ...params],
    );
    const [customers] = await mkt.app.dataSource.query(`SELECT COUNT(*) AS n FROM customer_profile a WHERE 1 = 1${where}`, params);
    return {
      customers: Number(customers.n),
      assignments: rows.reduce((s, r) => s + Number(r.n), 0),
      byCategory: new Map(rows.map((r) => [String(r.l1), Number(r.c)])),
    };
  };
  const expectQueryMatches = async (viewer = exec, segments: string[] | 'ALL' = 'ALL') => {
    const q = (await mkt.ok(viewer, COVERAGE)).tagCoverage;
    const b = await bruteForce(segments);
    expect(q.customers).toBe(b.customers);
    expect(q.assignments).toBe(b.assignments);
    for (const c of q.byCategory) expect(c.customers).toBe(b.byCategory.get(c.category.id) ?? 0);
  };

  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_coverage' })));
  afterAll(() => mkt?.stop());

  it('MKT-M3 the summary equals a recount after the seed import, manual assignments and removals', async () => {
    await expectConsistent();
    expect((await summary()).length).toBeGreaterThan(0);
    await expectQueryMatches();

    const ASSIGN = `mutation ($i: AssignTagInput!) { assignTag(input: $i) { id } }`;
    const REMOVE = `mutation ($id: ID!) { removeTagAssignment(id: $id) { id } }`;
    const ids: string[] = [];
    for (const [n, tag] of [
      [resi[23], 'COMPLAINT_RESOLVED'],
      [resi[23], 'WON_BACK'], // same customer, same level-1 category: one customer, two assignments
      [resi[24], 'WON_BACK'],
    ] as const) {
      const existing = (
        await mkt.ok(staff, `query ($c: ID!) { tagAssignments(first: 100, filter: { customerId: $c }) { edges { node { id tag { code } } } } }`, { c: customerId(n) })
      ).tagAssignments.edges.find((e: any) => e.node.tag.code === tag);
      if (existing) await mkt.ok(staff, REMOVE, { id: existing.node.id });
      ids.push((await mkt.ok(staff, ASSIGN, { i: { customerId: customerId(n), tagId: demoTagId(tag) } })).assignTag.id);
      await expectConsistent();
    }
    await expectQueryMatches();
    for (const id of ids) {
      await mkt.ok(staff, REMOVE, { id });
      await expectConsistent();
    }
    await expectQueryMatches(viewers.head('RESI'), [segmentId('RESI')]);
  });

  it('MKT-M3 the summary equals a recount after rule runs that add and remove, and after segment moves', async () => {
    const RUN = `mutation ($t: ID!) { runTagRule(tagId: $t) { added removed } }`;
    const record = (observations: unknown[]) =>
      mkt.ok(viewers.integration(), `mutation ($i: RecordCustomerIndicatorsInput!) { recordCustomerIndicators(input: $i) { written } }`, {
        i: { source: 'customer-service', observations },
      });
    await record([
      { customerId: customerId(resi[25]), code: 'COMPLAINT_COUNT', value: 2, asOf: daysAgo(2) },
      { customerId: customerId(comm[25]), code: 'COMPLAINT_COUNT', value: 1, asOf: daysAgo(3) },
    ]);
    const first = (await mkt.ok(exec, RUN, { t: demoTagId('COMPLAINT_30D') })).runTagRule;
    expect(first.added + first.removed).toBeGreaterThan(0);
    await expectConsistent();
    await expectQueryMatches();
    // Nothing changes on a re-run, the summary neither.
    const snapshot = await summary();
    expect((await mkt.ok(exec, RUN, { t: demoTagId('COMPLAINT_30D') })).runTagRule).toEqual({ added: 0, removed: 0 });
    expect(await summary()).toEqual(snapshot);

    // A customer moves to another segment (cross-segment allocation): its coverage moves with it.
    await mkt.ok(viewers.integration(), `mutation ($i: RecordCustomerSegmentsInput!) { recordCustomerSegments(input: $i) { written } }`, {
      i: {
        customers: [
          { customerId: customerId(resi[25]), segmentId: segmentId('COMM') },
          { customerId: customerId(resi[26]), segmentId: segmentId('COMM') },
          { customerId: 'new-customer-1', segmentId: segmentId('RESI') }, // a customer marketing did not know yet
        ],
      },
    });
    await expectConsistent();
    await expectQueryMatches(viewers.head('COMM'), [segmentId('COMM')]);
    await expectQueryMatches(viewers.head('RESI'), [segmentId('RESI')]);
  });

  it('MKT-M3 assignments past their expiresAt are not counted, though still in the table', async () => {
    const before = (await mkt.ok(exec, COVERAGE)).tagCoverage.assignments;
    const n = resi[27];
    const ASSIGN = `mutation ($i: AssignTagInput!) { assignTag(input: $i) { id } }`;
    const a = (await mkt.ok(staff, ASSIGN, { i: { customerId: customerId(n), tagId: demoTagId('WON_BACK'), expiresAt: new Date(Date.now() + DAY).toISOString() } })).assignTag;
    expect((await mkt.ok(exec, COVERAGE)).tagCoverage.assignments).toBe(before + 1);
    // Time passes: the assignment expires without any write.
    await mkt.app.dataSource.query('UPDATE tag_assignment SET expires_at = ? WHERE id = ?', [
      mkt.app.dataSource.driver.preparePersistentValue(new Date(Date.now() - DAY), mkt.app.dataSource.getMetadata('TagAssignment').findColumnWithPropertyName('expiresAt')!),
      a.id,
    ]);
    expect((await mkt.ok(exec, COVERAGE)).tagCoverage.assignments).toBe(before);
    await expectQueryMatches();
    // Assigning it again archives the expired row (EXPIRED) and keeps the summary exact.
    await mkt.ok(staff, ASSIGN, { i: { customerId: customerId(n), tagId: demoTagId('WON_BACK') } });
    await expectConsistent();
    await expectQueryMatches();
  });

  it('MKT-M3 the expiry sweep archives expired assignments (EXPIRED) and keeps the summary and the figures', async () => {
    const SWEEP = `mutation { archiveExpiredTagAssignments }`;
    const ids: string[] = (
      await mkt.app.dataSource.query('SELECT id FROM tag_assignment WHERE customer_id IN (?, ?) ORDER BY id', [customerId(resi[28]), customerId(resi[29])])
    ).map((r: any) => String(r.id));
    expect(ids.length).toBeGreaterThan(1);
    const past = mkt.app.dataSource.driver.preparePersistentValue(
      new Date(Date.now() - DAY),
      mkt.app.dataSource.getMetadata('TagAssignment').findColumnWithPropertyName('expiresAt')!,
    );
    await mkt.app.dataSource.query(`UPDATE tag_assignment SET expires_at = ? WHERE id IN (${ids.map(() => '?').join(', ')})`, [past, ...ids]);
    const before = (await mkt.ok(exec, COVERAGE)).tagCoverage;
    expect(errorOf(await mkt.exec(staff, SWEEP))).toEqual({ code: 'FORBIDDEN', reason: 'TAG_SWEEP_FORBIDDEN' });
    expect((await mkt.ok(viewers.sysadmin(), SWEEP)).archiveExpiredTagAssignments).toBeGreaterThanOrEqual(ids.length);
    expect((await mkt.ok(exec, SWEEP)).archiveExpiredTagAssignments).toBe(0);
    const history: any[] = await mkt.app.dataSource.query(`SELECT removal_reason AS r FROM tag_assignment_history WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
    expect(history.map((h) => h.r)).toEqual(ids.map(() => 'EXPIRED'));
    await expectConsistent();
    expect((await mkt.ok(exec, COVERAGE)).tagCoverage).toEqual(before);
  });

  it('MKT-M3 concurrent writers of one category (manual assigns, removals, a rule run) leave the summary exact', async () => {
    const ASSIGN = `mutation ($i: AssignTagInput!) { assignTag(input: $i) { id } }`;
    const REMOVE = `mutation ($id: ID!) { removeTagAssignment(id: $id) { id } }`;
    const targets = [resi[10], resi[11], resi[12], resi[13]];
    const held = async (n: number, tag: string) =>
      (
        await mkt.ok(staff, `query ($c: ID!) { tagAssignments(first: 100, filter: { customerId: $c }) { edges { node { id tag { code } } } } }`, { c: customerId(n) })
      ).tagAssignments.edges
        .filter((e: any) => e.node.tag.code === tag)
        .map((e: any) => e.node.id);
    for (const n of targets) for (const t of ['COMPLAINT_RESOLVED', 'WON_BACK']) for (const id of await held(n, t)) await mkt.ok(staff, REMOVE, { id });
    await expectConsistent();
    // Same customers, two tags of the same level-1 category each, a rule run of that category in between.
    const writes = targets.flatMap((n) => ['COMPLAINT_RESOLVED', 'WON_BACK'].map((t) => () => mkt.ok(staff, ASSIGN, { i: { customerId: customerId(n), tagId: demoTagId(t) } })));
    await Promise.all([...writes.map((w) => w()), mkt.ok(exec, `mutation ($t: ID!) { runTagRule(tagId: $t) { added } }`, { t: demoTagId('COMPLAINT_30D') })]);
    await expectConsistent();
    const ids = (await Promise.all(targets.map((n) => held(n, 'WON_BACK')))).flat();
    await Promise.all(ids.map((id) => mkt.ok(staff, REMOVE, { id })));
    await expectConsistent();
    await expectQueryMatches();
  });

  it('MKT-M3 group-wide coverage reads a few summary rows, not the assignments (four statements)', async () => {
    const before = mkt.app.counter.count;
    await mkt.ok(exec, COVERAGE);
    // level-1 categories, customers in scope, the summary, the expiry correction
    expect(mkt.app.counter.count - before).toBeLessThanOrEqual(4);
  });
});
