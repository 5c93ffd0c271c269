import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, inTransaction, newId, Role, systemClock, Viewer, staleVersion } from '@group/shared';
import { TagRule, TagRuleRun } from './tag-rule.entity';
import { compileExpression, describeExpression, normaliseExpression, RuleExpressionShape } from './rule-expression';
import { tagRuleErrors as errors } from './tag-rule.errors';
import { commonErrors } from '../common.errors';
import { Tag, TagKind } from '../tags/tag.entity';
import { TagAssignment, TagRemovalReason, TagSource } from '../tag-assignments/tag-assignment.entity';
import { level1CategoryOf } from '../tag-categories/level1';
import { roleOrOperator } from '../marketing-operator';
import { bumpFrom, lockCategory } from '../tag-assignments/tag-coverage-summary';

/**
 * Rule authoring is a change to the tag library, which the group marketing
 * department owns (MKT-R23): its operator, and GROUP_EXECUTIVE (the nearest role). Segment
 * roles only assign manual tags. Runs may also be started by the scheduler,
 * a SYSTEM_ADMIN integration account: a run returns counts, no customer data.
 */
const RULE_AUTHORS = new Set<Role>([Role.GROUP_EXECUTIVE]);
const RULE_RUNNERS = new Set<Role>([Role.GROUP_EXECUTIVE, Role.SYSTEM_ADMIN]);

export interface SaveTagRuleInput {
  tagId: string;
  expression: RuleExpressionShape;
  /** The current version the author read (0 or null when the tag has no rule yet); stale -> CONFLICT STALE_VERSION. */
  expectedVersion?: number | null;
}

/** Versioned tag rules and their set-based runs. */
export class TagRuleService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Current (highest-version) rule of each tag, one statement. */
  async currentByTagIds(tagIds: readonly string[]): Promise<TagRule[]> {
    const rows = await this.ds
      .getRepository(TagRule)
      .createQueryBuilder('r')
      .where('r.tagId IN (:...tagIds)', { tagIds: [...tagIds] })
      .andWhere('r.version = (SELECT MAX(r2.version) FROM tag_rule r2 WHERE r2.tag_id = r.tag_id)')
      .getMany();
    return rows;
  }

  /** Every version of each tag's rule, newest first, one statement. */
  versionsByTagIds(tagIds: readonly string[]): Promise<TagRule[]> {
    return this.ds.getRepository(TagRule).find({ where: { tagId: In([...tagIds]) }, order: { version: 'DESC' } });
  }

  /** Latest run of each rule id, one statement. */
  async lastRunsByRuleIds(ruleIds: readonly string[]): Promise<TagRuleRun[]> {
    return this.ds
      .getRepository(TagRuleRun)
      .createQueryBuilder('x')
      .where('x.ruleId IN (:...ruleIds)', { ruleIds: [...ruleIds] })
      .andWhere('x.ranAt = (SELECT MAX(x2.ran_at) FROM tag_rule_run x2 WHERE x2.rule_id = x.rule_id)')
      .orderBy('x.id', 'ASC')
      .getMany();
  }

  /**
   * Saves a new version of a RULE tag's rule after validating the expression
   * (BAD_USER_INPUT RULE_EXPRESSION_INVALID). `expectedVersion` guards against
   * two authors overwriting each other (CONFLICT STALE_VERSION); the unique
   * (tag, version) index settles a race between two saves of the same version.
   */
  async save(viewer: Viewer, input: SaveTagRuleInput): Promise<TagRule> {
    if (!roleOrOperator(RULE_AUTHORS, viewer)) throw errors.authorForbidden();
    const expression = normaliseExpression(input.expression);
    const now = this.clock();
    try {
      return await inTransaction(this.ds, async (m) => {
        const tag = await m.findOneBy(Tag, { id: input.tagId });
        if (!tag) throw errors.tagNotFound(input.tagId);
        if (tag.kind !== TagKind.RULE) throw errors.tagNotRuleBased(tag.code);
        const current = (await m.getRepository(TagRule).maximum('version', { tagId: tag.id })) ?? 0;
        // Omitting expectedVersion means "I read no rule" (0): an existing rule is never overwritten blindly.
        if ((input.expectedVersion ?? 0) !== current) throw stale(current, input.expectedVersion ?? 0);
        const rule = m.create(TagRule, {
          id: newId(),
          tagId: tag.id,
          version: current + 1,
          expression: JSON.stringify(expression),
          summary: describeExpression(expression).slice(0, 1000),
          createdAt: now,
          createdBy: viewer.accountId,
        });
        await m.insert(TagRule, rule);
        return rule;
      });
    } catch (e) {
      const code = (e as { driverError?: { code?: string } })?.driverError?.code;
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'ER_DUP_ENTRY') throw stale(null, input.expectedVersion ?? null);
      throw e;
    }
  }

  /** `runTagRule` as a viewer (role check), see `run`. */
  runAs(viewer: Viewer, tagId: string): Promise<TagRuleRun> {
    if (!roleOrOperator(RULE_RUNNERS, viewer)) throw errors.runForbidden();
    return this.run(tagId, viewer.accountId);
  }

  /**
   * Re-evaluates the tag's current rule over EVERY customer marketing knows,
   * set-based: the expression compiles to one SQL predicate and the run is
   * four statements whatever the number of customers (no customer is loaded
   * into Node). Incremental: only differences are written — customers that
   * newly match get an assignment (source RULE, rule id and version), those
   * that no longer match are moved to history (RULE_UNMATCHED), those that
   * still match keep their assignment (re-stamped with the current version if
   * an older one made it). Safe to re-run: a second run with the same data
   * changes nothing. One transaction; on SQLite runs queue behind each other.
   */
  async run(tagId: string, ranBy: string | null): Promise<TagRuleRun> {
    const now = this.clock();
    // The level-1 category whose coverage the run changes: read first, so that locking its summary
    // rows is the transaction's first statement (see tag-assignments/tag-coverage-summary.ts).
    const pre = await this.ds.getRepository(Tag).findOneBy({ id: tagId });
    const preL1 = pre ? await level1CategoryOf(this.ds.manager, pre.categoryId) : null;
    return inTransaction(this.ds, async (m) => {
      if (preL1) await lockCategory(m, preL1);
      const tag = await m.findOneBy(Tag, { id: tagId });
      if (!tag) throw errors.tagNotFound(tagId);
      if (tag.categoryId !== pre?.categoryId) throw commonErrors.ruleRunTagChanged();
      const l1 = preL1;
      if (tag.kind !== TagKind.RULE) throw errors.tagNotRuleBased(tag.code);
      if ((tag.validFrom && now < tag.validFrom) || (tag.validTo && now >= tag.validTo)) throw commonErrors.tagNotValid(tag.code);
      const rule = await m.getRepository(TagRule).findOne({ where: { tagId }, order: { version: 'DESC' } });
      if (!rule) throw errors.ruleNotFound(tag.code);

      const meta = m.connection.getMetadata(TagAssignment);
      const dateColumn = meta.findColumnWithPropertyName('assignedAt')!;
      const toDb = (d: Date) => m.connection.driver.preparePersistentValue(d, dateColumn);
      const pred = compileExpression(normaliseExpression(JSON.parse(rule.expression)), now, toDb);
      const by = `rule:${tag.code}`.slice(0, 64);
      const nowDb = toDb(now);

      const matched = Number((await m.query(`SELECT COUNT(*) AS n FROM customer_profile p WHERE ${pred.sql}`, pred.params))[0].n);
      // 1. Still matching, made by another version (or seeded): re-stamp with this version.
      const restamped = await exec(
        m,
        `UPDATE tag_assignment SET rule_id = ?, rule_version = ?, source = ? WHERE tag_id = ? ` +
          `AND (rule_id IS NULL OR rule_id <> ?) ` +
          `AND customer_id IN (SELECT p.customer_id FROM customer_profile p WHERE ${pred.sql})`,
        [rule.id, rule.version, TagSource.RULE, tag.id, rule.id, ...pred.params],
      );
      // 2. No longer matching (or customer unknown): archive, then delete exactly the archived rows.
      //    Coverage first: per segment, those rows and the customers left with no other tag of the category.
      if (l1) {
        await bumpFrom(
          m,
          `SELECT ? AS category_l1_id, a.segment_id AS segment_id, -SUM(CASE WHEN EXISTS (SELECT 1 FROM tag_assignment o WHERE o.category_l1_id = a.category_l1_id ` +
            `AND o.segment_id = a.segment_id AND o.customer_id = a.customer_id AND o.tag_id <> a.tag_id) THEN 0 ELSE 1 END) AS customers, -COUNT(*) AS assignments ` +
            `FROM tag_assignment a WHERE a.tag_id = ? AND a.category_l1_id = ? ` +
            `AND NOT EXISTS (SELECT 1 FROM customer_profile p WHERE p.customer_id = a.customer_id AND ${pred.sql}) GROUP BY a.segment_id`,
          [l1, tag.id, l1, ...pred.params],
        );
      }
      const removed = await exec(
        m,
        `INSERT INTO tag_assignment_history (id, tag_id, customer_id, segment_id, source, assigned_at, assigned_by, evidence, expires_at, ` +
          `removed_at, removed_by, removal_reason, rule_id, rule_version) ` +
          `SELECT a.id, a.tag_id, a.customer_id, a.segment_id, a.source, a.assigned_at, a.assigned_by, a.evidence, a.expires_at, ` +
          `?, ?, ?, a.rule_id, a.rule_version FROM tag_assignment a WHERE a.tag_id = ? ` +
          `AND NOT EXISTS (SELECT 1 FROM customer_profile p WHERE p.customer_id = a.customer_id AND ${pred.sql})`,
        [nowDb, by, TagRemovalReason.RULE_UNMATCHED, tag.id, ...pred.params],
      );
      await exec(
        m,
        `DELETE FROM tag_assignment WHERE tag_id = ? AND id IN ` + `(SELECT h.id FROM tag_assignment_history h WHERE h.tag_id = ? AND h.removed_at = ? AND h.removal_reason = ?)`,
        [tag.id, tag.id, nowDb, TagRemovalReason.RULE_UNMATCHED],
      );
      // 3. Newly matching: one INSERT ... SELECT. Coverage first: the new rows per segment, and
      //    the customers that had no tag of the category yet.
      if (l1) {
        await bumpFrom(
          m,
          `SELECT ? AS category_l1_id, p.segment_id AS segment_id, SUM(CASE WHEN EXISTS (SELECT 1 FROM tag_assignment o WHERE o.category_l1_id = ? ` +
            `AND o.segment_id = p.segment_id AND o.customer_id = p.customer_id) THEN 0 ELSE 1 END) AS customers, COUNT(*) AS assignments ` +
            `FROM customer_profile p WHERE ${pred.sql} ` +
            `AND NOT EXISTS (SELECT 1 FROM tag_assignment a WHERE a.customer_id = p.customer_id AND a.tag_id = ?) GROUP BY p.segment_id`,
          [l1, l1, ...pred.params, tag.id],
        );
      }
      const idSql =
        m.connection.options.type === 'better-sqlite3'
          ? `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))`
          : 'UUID()';
      const added = await exec(
        m,
        `INSERT INTO tag_assignment (id, tag_id, customer_id, segment_id, source, assigned_at, assigned_by, evidence, expires_at, rule_id, rule_version, category_l1_id) ` +
          `SELECT ${idSql}, ?, p.customer_id, p.segment_id, ?, ?, ?, ?, NULL, ?, ?, ? FROM customer_profile p WHERE ${pred.sql} ` +
          `AND NOT EXISTS (SELECT 1 FROM tag_assignment a WHERE a.customer_id = p.customer_id AND a.tag_id = ?)`,
        [tag.id, TagSource.RULE, nowDb, by, `${rule.summary}`.slice(0, 500), rule.id, rule.version, l1, ...pred.params, tag.id],
      );
      const run = m.create(TagRuleRun, {
        id: newId(),
        tagId: tag.id,
        ruleId: rule.id,
        ruleVersion: rule.version,
        ranAt: now,
        ranBy,
        matched,
        added,
        removed,
        restamped,
      });
      await m.insert(TagRuleRun, run);
      return run;
    });
  }
}

async function exec(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const result = await m.queryRunner!.query(sql, params, true);
  return Number(result.affected ?? 0);
}

const stale = (current: number | null, sent: number | null) => staleVersion('The tag rule', current, sent);
