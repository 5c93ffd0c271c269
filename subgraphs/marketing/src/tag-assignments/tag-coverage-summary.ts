import type { EntityManager } from 'typeorm';

/**
 * Maintenance of tag_coverage_summary (see the entity). Every writer of
 * tag_assignment follows one protocol inside its transaction:
 *
 *  1. lock the summary rows it will change FIRST (`lockSlice` / `lockAll`),
 *     before any other read: on MariaDB/MySQL a concurrent writer of the same
 *     (category, segment) then waits, and this transaction's snapshot is taken
 *     after that writer committed, so "does the customer have another tag in
 *     the category?" is answered on current data;
 *  2. write tag_assignment;
 *  3. add the difference to the summary (`bump`).
 *
 * Everyone locks summary rows before assignment rows, so writers cannot
 * deadlock on each other. On SQLite, transactions already run one at a time.
 */
type Delta = { l1: string; segmentId: string; customers: number; assignments: number };

const isSqlite = (m: EntityManager) => m.connection.options.type === 'better-sqlite3';

/** Adds deltas to summary rows (one statement), creating missing rows; zero deltas only lock/create the row. Keys must be distinct. */
export async function bump(m: EntityManager, deltas: Delta[]): Promise<void> {
  if (deltas.length === 0) return;
  const rows = deltas.map((_, i) => (i === 0 ? 'SELECT ? AS category_l1_id, ? AS segment_id, ? AS customers, ? AS assignments' : 'SELECT ?, ?, ?, ?')).join(' UNION ALL ');
  await bumpFrom(
    m,
    rows,
    deltas.flatMap((d) => [d.l1, d.segmentId, d.customers, d.assignments]),
  );
}

/**
 * Adds to the summary, in one INSERT ... SELECT, what `select` returns as
 * (category_l1_id, segment_id, customers, assignments) rows (one per key).
 * Costs one statement whether it yields rows or not (set-based rule runs).
 */
export async function bumpFrom(m: EntityManager, select: string, params: unknown[]): Promise<void> {
  const into = 'INSERT INTO tag_coverage_summary (category_l1_id, segment_id, customers, assignments)';
  // SQLite: the SELECT needs a WHERE before ON CONFLICT (parsing ambiguity). MySQL/MariaDB: the rows
  // are a derived table, read by name in the update (VALUES() there is deprecated since MySQL 8.0.20).
  const sql = isSqlite(m)
    ? `${into} SELECT * FROM (${select}) WHERE true ON CONFLICT (category_l1_id, segment_id) DO UPDATE SET customers = customers + excluded.customers, assignments = assignments + excluded.assignments`
    : `${into} SELECT * FROM (${select}) AS d ON DUPLICATE KEY UPDATE customers = tag_coverage_summary.customers + d.customers, assignments = tag_coverage_summary.assignments + d.assignments`;
  await m.query(sql, params);
}

/** Step 1 for a write of one (category, segment): creates and locks its row. */
export const lockSlice = (m: EntityManager, l1: string, segmentId: string) => bump(m, [{ l1, segmentId, customers: 0, assignments: 0 }]);

/** Step 1 for a write of one category over every segment (a rule run): its rows and the gaps between them. */
export async function lockCategory(m: EntityManager, l1: string): Promise<void> {
  if (!isSqlite(m)) await m.query('SELECT category_l1_id FROM tag_coverage_summary WHERE category_l1_id = ? FOR UPDATE', [l1]);
}

/** Step 1 for writes that may touch any category (segment moves, expiry sweeps): the whole (small) table. */
export async function lockAll(m: EntityManager): Promise<void> {
  if (!isSqlite(m)) await m.query('SELECT category_l1_id FROM tag_coverage_summary FOR UPDATE');
}

/** What some customers contribute to the summary now (optionally for one category). */
async function contribution(m: EntityManager, customerIds: readonly string[], l1: string | null): Promise<Map<string, Delta>> {
  const out = new Map<string, Delta>();
  for (let i = 0; i < customerIds.length; i += 500) {
    const ids = customerIds.slice(i, i + 500);
    const rows: { l1: string; seg: string; c: number | string; n: number | string }[] = await m.query(
      `SELECT category_l1_id AS l1, segment_id AS seg, COUNT(DISTINCT customer_id) AS c, COUNT(*) AS n FROM tag_assignment
        WHERE customer_id IN (${ids.map(() => '?').join(', ')}) AND ${l1 ? 'category_l1_id = ?' : 'category_l1_id IS NOT NULL'}
        GROUP BY category_l1_id, segment_id${isSqlite(m) ? '' : ' LOCK IN SHARE MODE'}`,
      l1 ? [...ids, l1] : [...ids],
    );
    for (const r of rows) {
      const key = `${r.l1}|${r.seg}`;
      const prev = out.get(key);
      out.set(key, { l1: String(r.l1), segmentId: String(r.seg), customers: Number(r.c) + (prev?.customers ?? 0), assignments: Number(r.n) + (prev?.assignments ?? 0) });
    }
  }
  return out;
}

/**
 * Steps 2 and 3 for writes that concern a known set of customers (a manual
 * assignment, a removal, a segment move): what they contribute before and
 * after `write`, and the difference goes into the summary. Call after step 1.
 */
export async function trackCustomers<T>(m: EntityManager, customerIds: readonly string[], l1: string | null, write: () => Promise<T>): Promise<T> {
  const before = await contribution(m, customerIds, l1);
  const result = await write();
  const after = await contribution(m, customerIds, l1);
  const deltas: Delta[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = after.get(key);
    const b = before.get(key);
    const d = {
      l1: (a ?? b)!.l1,
      segmentId: (a ?? b)!.segmentId,
      customers: (a?.customers ?? 0) - (b?.customers ?? 0),
      assignments: (a?.assignments ?? 0) - (b?.assignments ?? 0),
    };
    if (d.customers || d.assignments) deltas.push(d);
  }
  await bump(m, deltas);
  return result;
}

/**
 * Adds to the customers known per segment (segment_customer_count), one statement.
 * Writers of customer_profile call it in their transaction, after `lockAll`.
 */
export async function bumpSegmentCustomers(m: EntityManager, deltas: { segmentId: string; customers: number }[]): Promise<void> {
  const nonZero = deltas.filter((d) => d.customers !== 0);
  if (nonZero.length === 0) return;
  const rows = nonZero.map((_, i) => (i === 0 ? 'SELECT ? AS segment_id, ? AS customers' : 'SELECT ?, ?')).join(' UNION ALL ');
  const sql = isSqlite(m)
    ? `INSERT INTO segment_customer_count (segment_id, customers) SELECT * FROM (${rows}) WHERE true ON CONFLICT (segment_id) DO UPDATE SET customers = customers + excluded.customers`
    : `INSERT INTO segment_customer_count (segment_id, customers) SELECT * FROM (${rows}) AS d ON DUPLICATE KEY UPDATE customers = segment_customer_count.customers + d.customers`;
  await m.query(
    sql,
    nonZero.flatMap((d) => [d.segmentId, d.customers]),
  );
}

/** Recomputes both summaries from tag_assignment and customer_profile: after bulk imports (seed, benchmark loads). */
export async function rebuildTagCoverage(m: EntityManager): Promise<void> {
  await lockAll(m);
  await m.query('DELETE FROM segment_customer_count');
  await m.query('INSERT INTO segment_customer_count (segment_id, customers) SELECT segment_id, COUNT(*) FROM customer_profile GROUP BY segment_id');
  await m.query('DELETE FROM tag_coverage_summary');
  await m.query(
    `INSERT INTO tag_coverage_summary (category_l1_id, segment_id, customers, assignments)
     SELECT category_l1_id, segment_id, COUNT(DISTINCT customer_id), COUNT(*) FROM tag_assignment
      WHERE category_l1_id IS NOT NULL GROUP BY category_l1_id, segment_id`,
  );
}
