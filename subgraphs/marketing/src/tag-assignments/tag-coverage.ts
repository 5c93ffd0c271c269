import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { scopeOf, type Viewer } from '@group/shared';
import { TagCategory } from '../tag-categories/tag-category.entity';
import { TagAssignment } from './tag-assignment.entity';

@ObjectType({ description: 'Customers with at least one effective tag in a level-1 category.' })
export class CategoryCoverage {
  category: TagCategory;

  @Field(() => Int)
  customers: number;

  @Field(() => Float, { nullable: true, description: 'customers ÷ all customers in scope.' })
  rate: number | null;
}

@ObjectType({ description: 'MKT-M3 tag coverage over the customers you can read.' })
export class TagCoverage {
  @Field(() => Int, { description: 'Customers known to marketing in the segments you can read.' })
  customers: number;

  @Field(() => Int, { description: 'Effective assignments of tags under a level-1 category, over those customers.' })
  assignments: number;

  @Field(() => Float, { nullable: true })
  tagsPerCustomer: number | null;

  @Field(() => [CategoryCoverage], { description: 'Per level-1 category (客户行为, 产品运营, ...).' })
  byCategory: CategoryCoverage[];
}

/**
 * MKT-M3 from the summaries, in three short statements whatever the number of
 * customers and assignments: (1) customers in scope (segment_customer_count,
 * one row per segment); (2) the
 * tag_coverage_summary rows of the level-1 categories in scope (categories x
 * segments rows, kept by every assignment write, see tag-coverage-summary.ts);
 * (3) a correction for assignments whose expiresAt has passed but that are
 * still in tag_assignment: they are subtracted, and so is each customer whose
 * only rows in a (category, segment) are such rows. (3) reads only expired
 * rows, through ix_tag_assignment_expires.
 */
export async function tagCoverage(
  ds: DataSource,
  viewer: Viewer,
  now: Date,
  level1Ids: readonly string[],
): Promise<{ customers: number; assignments: number; rows: { l1: string; n: number }[] }> {
  const scope = scopeOf(viewer);
  if (scope !== 'ALL' && scope.length === 0) return { customers: 0, assignments: 0, rows: [] };
  const nowDb = ds.driver.preparePersistentValue(now, ds.getMetadata(TagAssignment).findColumnWithPropertyName('assignedAt')!);
  const seg = scope === 'ALL' ? '' : ` IN (${scope.map(() => '?').join(', ')})`;
  const segParams = scope === 'ALL' ? [] : [...scope];
  const [totals] = await ds.query(`SELECT COALESCE(SUM(c.customers), 0) AS customers FROM segment_customer_count c${seg ? ` WHERE c.segment_id${seg}` : ''}`, segParams);
  if (level1Ids.length === 0) return { customers: Number(totals.customers), assignments: 0, rows: [] };
  const l1In = `IN (${level1Ids.map(() => '?').join(', ')})`;
  const summary: { l1: string; c: number | string; n: number | string }[] = await ds.query(
    `SELECT s.category_l1_id AS l1, SUM(s.customers) AS c, SUM(s.assignments) AS n FROM tag_coverage_summary s
      WHERE s.category_l1_id ${l1In}${seg ? ` AND s.segment_id${seg}` : ''} GROUP BY s.category_l1_id`,
    [...level1Ids, ...segParams],
  );
  // Only the expired rows: without the hint the planners prefer the category index and read every assignment.
  const expiresIndex = ds.options.type === 'better-sqlite3' ? 'INDEXED BY ix_tag_assignment_expires' : 'FORCE INDEX (ix_tag_assignment_expires)';
  const expired: { l1: string; c: number | string | null; n: number | string | null }[] = await ds.query(
    `SELECT d.l1 AS l1, SUM(d.gone) AS c, SUM(d.k) AS n FROM (
       SELECT e.category_l1_id AS l1, COUNT(*) AS k,
              CASE WHEN EXISTS (SELECT 1 FROM tag_assignment o WHERE o.category_l1_id = e.category_l1_id AND o.segment_id = e.segment_id
                                AND o.customer_id = e.customer_id AND (o.expires_at IS NULL OR o.expires_at > ?)) THEN 0 ELSE 1 END AS gone
         FROM tag_assignment e ${expiresIndex}
        WHERE e.expires_at <= ? AND e.category_l1_id ${l1In}${seg ? ` AND e.segment_id${seg}` : ''}
        GROUP BY e.category_l1_id, e.segment_id, e.customer_id) d
     GROUP BY d.l1`,
    [nowDb, nowDb, ...level1Ids, ...segParams],
  );
  const minus = new Map(expired.map((r) => [String(r.l1), { c: Number(r.c ?? 0), n: Number(r.n ?? 0) }]));
  const rows = summary.map((r) => ({ l1: String(r.l1), n: Number(r.c) - (minus.get(String(r.l1))?.c ?? 0), k: Number(r.n) - (minus.get(String(r.l1))?.n ?? 0) }));
  return {
    customers: Number(totals.customers),
    assignments: rows.reduce((sum, r) => sum + r.k, 0),
    rows: rows.map((r) => ({ l1: r.l1, n: r.n })),
  };
}

/** The same figures recounted from tag_assignment (no summary): for tests and audits of the summary. */
export async function recountTagCoverage(ds: DataSource): Promise<{ l1: string; segmentId: string; customers: number; assignments: number }[]> {
  const rows: { l1: string; seg: string; c: number | string; n: number | string }[] = await ds.query(
    `SELECT category_l1_id AS l1, segment_id AS seg, COUNT(DISTINCT customer_id) AS c, COUNT(*) AS n FROM tag_assignment
      WHERE category_l1_id IS NOT NULL GROUP BY category_l1_id, segment_id ORDER BY category_l1_id, segment_id`,
  );
  return rows.map((r) => ({ l1: String(r.l1), segmentId: String(r.seg), customers: Number(r.c), assignments: Number(r.n) }));
}
