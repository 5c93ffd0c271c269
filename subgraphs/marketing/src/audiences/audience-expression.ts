import { audienceErrors as errors } from './audience.errors';

/** An audience's tag expression: AND / OR / NOT over "has the tag (effective now)". */
export type TagExpression = { and: TagExpression[] } | { or: TagExpression[] } | { not: TagExpression } | { tagId: string };
export interface TagExpressionShape {
  and?: TagExpressionShape[] | null;
  or?: TagExpressionShape[] | null;
  not?: TagExpressionShape | null;
  tagId?: string | null;
}

/** Exactly one operator per node, <= 6 levels, <= 50 nodes. Tag existence is checked by the service. */
export function normaliseTagExpression(e: TagExpressionShape | null | undefined): TagExpression {
  let nodes = 0;
  const walk = (n: TagExpressionShape | null | undefined, path: string, depth: number): TagExpression => {
    if (!n || typeof n !== 'object') throw errors.expressionInvalid(path, 'missing');
    if (++nodes > 50 || depth > 6) throw errors.expressionInvalid(path, 'too large');
    const set = (['and', 'or', 'not', 'tagId'] as const).filter((k) => n[k] !== undefined && n[k] !== null);
    if (set.length !== 1) throw errors.expressionInvalid(path, 'set exactly one of and, or, not, tagId');
    const k = set[0];
    if (k === 'and' || k === 'or') {
      if (!n[k]!.length) throw errors.expressionInvalid(path, `${k} needs operands`);
      const out = n[k]!.map((c, i) => walk(c, `${path}.${k}[${i}]`, depth + 1));
      return k === 'and' ? { and: out } : { or: out };
    }
    if (k === 'not') return { not: walk(n.not, `${path}.not`, depth + 1) };
    return { tagId: n.tagId! };
  };
  return walk(e, '$', 1);
}

export const tagIdsOf = (e: TagExpression): string[] => ('and' in e ? e.and.flatMap(tagIdsOf) : 'or' in e ? e.or.flatMap(tagIdsOf) : 'not' in e ? tagIdsOf(e.not) : [e.tagId]);

/**
 * Compiles to a predicate over `customer_profile p`: each leaf is an EXISTS on
 * the (customer_id, tag_id) unique index of tag_assignment, effective at `now`.
 */
export function compileTagExpression(e: TagExpression, nowDb: unknown): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const walk = (n: TagExpression): string => {
    if ('and' in n) return `(${n.and.map(walk).join(' AND ')})`;
    if ('or' in n) return `(${n.or.map(walk).join(' OR ')})`;
    if ('not' in n) return `(NOT ${walk(n.not)})`;
    params.push(n.tagId, nowDb);
    return `EXISTS (SELECT 1 FROM tag_assignment a WHERE a.customer_id = p.customer_id AND a.tag_id = ? AND (a.expires_at IS NULL OR a.expires_at > ?))`;
  };
  return { sql: walk(e), params };
}
