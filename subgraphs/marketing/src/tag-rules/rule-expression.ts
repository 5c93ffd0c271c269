import { tagRuleErrors as errors } from './tag-rule.errors';
import { INDICATOR_CODES } from '../indicators/indicator-catalogue';

/**
 * A tag rule's expression over customer indicators (G-20): comparisons of an
 * aggregated indicator within an optional time window, the customer's
 * segment, and AND / OR / NOT. Stored as JSON (the normalised form below),
 * validated on save, compiled to ONE SQL predicate over `customer_profile p`
 * so a rule run evaluates every customer in the database, never in Node.
 */
export type Aggregate = 'SUM' | 'COUNT' | 'MAX' | 'MIN' | 'LATEST';
export type Comparison = 'GT' | 'GTE' | 'LT' | 'LTE' | 'EQ' | 'NEQ';

export interface IndicatorCondition {
  indicator: string;
  aggregate: Aggregate;
  /** Only observations with asOf in (now - windowDays, now]; null = all observations up to now. */
  windowDays: number | null;
  op: Comparison;
  value: number;
}

export type RuleExpression = { and: RuleExpression[] } | { or: RuleExpression[] } | { not: RuleExpression } | { condition: IndicatorCondition } | { segmentIn: string[] };

export const AGGREGATES: readonly Aggregate[] = ['SUM', 'COUNT', 'MAX', 'MIN', 'LATEST'];
export const COMPARISONS: readonly Comparison[] = ['GT', 'GTE', 'LT', 'LTE', 'EQ', 'NEQ'];
const SQL_OP: Record<Comparison, string> = { GT: '>', GTE: '>=', LT: '<', LTE: '<=', EQ: '=', NEQ: '<>' };

export const MAX_DEPTH = 6;
export const MAX_NODES = 50;
export const MAX_WINDOW_DAYS = 3660;

/** The loose shape a client sends (GraphQL input): exactly one member set per node. */
export interface RuleExpressionShape {
  and?: RuleExpressionShape[] | null;
  or?: RuleExpressionShape[] | null;
  not?: RuleExpressionShape | null;
  condition?: { indicator: string; aggregate: Aggregate; windowDays?: number | null; op: Comparison; value: number } | null;
  segmentIn?: string[] | null;
}

/**
 * Checks and normalises an expression: exactly one operator per node, known
 * indicators and aggregates, a window of 1..3660 whole days, finite values,
 * non-empty AND/OR/segment lists, depth <= 6 and <= 50 nodes.
 * Throws BAD_USER_INPUT RULE_EXPRESSION_INVALID with the path of the fault.
 */
export function normaliseExpression(e: RuleExpressionShape | null | undefined): RuleExpression {
  let nodes = 0;
  const walk = (n: RuleExpressionShape | null | undefined, path: string, depth: number): RuleExpression => {
    if (!n || typeof n !== 'object') throw errors.expressionInvalid(path, 'missing');
    if (++nodes > MAX_NODES) throw errors.expressionInvalid(path, `more than ${MAX_NODES} nodes`);
    if (depth > MAX_DEPTH) throw errors.expressionInvalid(path, `nested deeper than ${MAX_DEPTH}`);
    const set = (['and', 'or', 'not', 'condition', 'segmentIn'] as const).filter((k) => n[k] !== undefined && n[k] !== null);
    if (set.length !== 1) throw errors.expressionInvalid(path, 'set exactly one of and, or, not, condition, segmentIn');
    const k = set[0];
    if (k === 'and' || k === 'or') {
      const list = n[k]!;
      if (!Array.isArray(list) || list.length === 0) throw errors.expressionInvalid(path, `${k} needs at least one operand`);
      const out = list.map((c, i) => walk(c, `${path}.${k}[${i}]`, depth + 1));
      return k === 'and' ? { and: out } : { or: out };
    }
    if (k === 'not') return { not: walk(n.not, `${path}.not`, depth + 1) };
    if (k === 'segmentIn') {
      const ids = n.segmentIn!;
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 20) throw errors.expressionInvalid(path, 'segmentIn needs 1 to 20 segment ids');
      if (ids.some((s) => typeof s !== 'string' || s.length === 0 || s.length > 36)) throw errors.expressionInvalid(path, 'segment ids are 1-36 characters');
      return { segmentIn: [...new Set(ids)].sort() };
    }
    const c = n.condition!;
    if (!INDICATOR_CODES.has(c.indicator)) throw errors.expressionInvalid(`${path}.condition`, `unknown indicator ${c.indicator}`);
    if (!AGGREGATES.includes(c.aggregate)) throw errors.expressionInvalid(`${path}.condition`, `unknown aggregate ${c.aggregate}`);
    if (!COMPARISONS.includes(c.op)) throw errors.expressionInvalid(`${path}.condition`, `unknown comparison ${c.op}`);
    if (typeof c.value !== 'number' || !Number.isFinite(c.value)) throw errors.expressionInvalid(`${path}.condition`, 'value must be a finite number');
    const w = c.windowDays ?? null;
    if (w !== null && (!Number.isInteger(w) || w < 1 || w > MAX_WINDOW_DAYS))
      throw errors.expressionInvalid(`${path}.condition`, `windowDays must be a whole number 1..${MAX_WINDOW_DAYS}`);
    return { condition: { indicator: c.indicator, aggregate: c.aggregate, windowDays: w, op: c.op, value: c.value } };
  };
  return walk(e, '$', 1);
}

/** Human-readable form, e.g. `SUM(COMPLAINT_COUNT, 30d) >= 1 AND segment IN (…)`. */
export function describeExpression(e: RuleExpression): string {
  if ('and' in e) return e.and.length === 1 ? describeExpression(e.and[0]) : `(${e.and.map(describeExpression).join(' AND ')})`;
  if ('or' in e) return e.or.length === 1 ? describeExpression(e.or[0]) : `(${e.or.map(describeExpression).join(' OR ')})`;
  if ('not' in e) return `NOT ${describeExpression(e.not)}`;
  if ('segmentIn' in e) return `segment IN (${e.segmentIn.join(', ')})`;
  const c = e.condition;
  return `${c.aggregate}(${c.indicator}${c.windowDays ? `, ${c.windowDays}d` : ''}) ${SQL_OP[c.op]} ${c.value}`;
}

export interface CompiledPredicate {
  /** A boolean SQL expression over the alias `p` (customer_profile); never NULL. */
  sql: string;
  params: unknown[];
}

/**
 * Compiles to a portable (SQLite + MariaDB) predicate with `?` placeholders.
 * Each condition is a correlated scalar sub-query on the customer_indicator
 * primary key (customer_id, code, as_of); comparisons are wrapped in CASE so a
 * missing value (NULL) is plain false and NOT behaves as in two-valued logic.
 * `toDbDate` converts instants to what the driver stores for DATETIME.
 */
export function compileExpression(e: RuleExpression, now: Date, toDbDate: (d: Date) => unknown): CompiledPredicate {
  const params: unknown[] = [];
  const DAY = 24 * 3600 * 1000;
  const walk = (n: RuleExpression): string => {
    if ('and' in n) return `(${n.and.map(walk).join(' AND ')})`;
    if ('or' in n) return `(${n.or.map(walk).join(' OR ')})`;
    if ('not' in n) return `(NOT ${walk(n.not)})`;
    if ('segmentIn' in n) {
      params.push(...n.segmentIn);
      return `(p.segment_id IN (${n.segmentIn.map(() => '?').join(', ')}))`;
    }
    const c = n.condition;
    let where = 'i.customer_id = p.customer_id AND i.code = ? AND i.as_of <= ?';
    const whereParams: unknown[] = [c.indicator, toDbDate(now)];
    if (c.windowDays) {
      where += ' AND i.as_of > ?';
      whereParams.push(toDbDate(new Date(now.getTime() - c.windowDays * DAY)));
    }
    let sub: string;
    switch (c.aggregate) {
      case 'SUM':
        sub = `(SELECT COALESCE(SUM(i.value), 0) FROM customer_indicator i WHERE ${where})`;
        break;
      case 'COUNT':
        sub = `(SELECT COUNT(*) FROM customer_indicator i WHERE ${where})`;
        break;
      case 'MAX':
      case 'MIN':
        sub = `(SELECT ${c.aggregate}(i.value) FROM customer_indicator i WHERE ${where})`;
        break;
      case 'LATEST':
        sub = `(SELECT i.value FROM customer_indicator i WHERE ${where} ORDER BY i.as_of DESC LIMIT 1)`;
        break;
    }
    params.push(...whereParams, c.value);
    return `(CASE WHEN ${sub} ${SQL_OP[c.op]} ? THEN 1 ELSE 0 END = 1)`;
  };
  const sql = walk(e);
  return { sql, params };
}
