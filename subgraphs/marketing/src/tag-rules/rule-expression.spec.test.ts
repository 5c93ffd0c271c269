import { compileExpression, describeExpression, MAX_DEPTH, MAX_NODES, normaliseExpression, RuleExpressionShape } from './rule-expression';

/** Tag rule expressions (G-20), without a database: validation, normal form, description, compiled SQL. */
const cond = (over: Partial<NonNullable<RuleExpressionShape['condition']>> = {}): RuleExpressionShape => ({
  condition: { indicator: 'COMPLAINT_COUNT', aggregate: 'SUM', windowDays: 30, op: 'GTE', value: 1, ...over },
});
/** The DomainError's kind (the GraphQL code), code (the reason) and fault path. */
const reasonOf = (e: unknown) => {
  try {
    normaliseExpression(e as RuleExpressionShape);
  } catch (err: any) {
    return { code: err.kind, reason: err.code, path: err.details?.path };
  }
  return null;
};
const nest = (depth: number): RuleExpressionShape => (depth <= 1 ? cond() : { not: nest(depth - 1) });

describe('rule expressions', () => {
  it.each<[string, unknown, string]>([
    ['nothing', null, '$'],
    ['two operators on one node', { ...cond(), segmentIn: ['s1'] }, '$'],
    ['no operator', {}, '$'],
    ['an empty AND', { and: [] }, '$'],
    ['an empty segment list', { segmentIn: [] }, '$'],
    ['more than 20 segments', { segmentIn: Array.from({ length: 21 }, (_, i) => `s${i}`) }, '$'],
    ['an unknown indicator', cond({ indicator: 'NOPE' }), '$.condition'],
    ['an unknown aggregate', cond({ aggregate: 'AVG' as never }), '$.condition'],
    ['an unknown comparison', cond({ op: 'LIKE' as never }), '$.condition'],
    ['a value that is not finite', cond({ value: Infinity }), '$.condition'],
    ['a window of 0 days', cond({ windowDays: 0 }), '$.condition'],
    ['a fractional window', cond({ windowDays: 1.5 }), '$.condition'],
    ['a window over 3660 days', cond({ windowDays: 3661 }), '$.condition'],
    ['a fault deep inside', { and: [cond(), { or: [cond({ indicator: 'NOPE' })] }] }, '$.and[1].or[0].condition'],
    ['nesting deeper than the limit', nest(MAX_DEPTH + 1), '$' + '.not'.repeat(MAX_DEPTH)],
    ['more nodes than the limit', { or: Array.from({ length: MAX_NODES }, () => cond()) }, `$.or[${MAX_NODES - 1}]`],
  ])('rejects %s as BAD_USER_INPUT RULE_EXPRESSION_INVALID at its path', (_name, expression, path) => {
    expect(reasonOf(expression)).toEqual({ code: 'BAD_USER_INPUT', reason: 'RULE_EXPRESSION_INVALID', path });
  });

  it.each<[string, RuleExpressionShape, unknown]>([
    ['a condition without window', cond({ windowDays: undefined }), { condition: { indicator: 'COMPLAINT_COUNT', aggregate: 'SUM', windowDays: null, op: 'GTE', value: 1 } }],
    ['segments, sorted and unique', { segmentIn: ['b', 'a', 'b'] }, { segmentIn: ['a', 'b'] }],
    ['nesting at the limit', nest(MAX_DEPTH), nest(MAX_DEPTH)],
  ])('accepts %s', (_name, expression, normal) => {
    expect(normaliseExpression(expression)).toEqual(normal);
  });

  it.each<[RuleExpressionShape, string]>([
    [cond(), 'SUM(COMPLAINT_COUNT, 30d) >= 1'],
    [{ and: [cond({ windowDays: null, aggregate: 'LATEST', op: 'LT', value: 3 }), { segmentIn: ['s1'] }] }, '(LATEST(COMPLAINT_COUNT) < 3 AND segment IN (s1))'],
    [{ not: { or: [cond({ op: 'NEQ', value: 0 })] } }, 'NOT SUM(COMPLAINT_COUNT, 30d) <> 0'],
  ])('describes %j as %s', (expression, text) => {
    expect(describeExpression(normaliseExpression(expression))).toBe(text);
  });

  it('compiles to one predicate with placeholders, the window as a lower bound on as_of', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const { sql, params } = compileExpression(normaliseExpression({ and: [cond(), { segmentIn: ['s1', 's2'] }] }), now, (d) => d.toISOString());
    expect(sql).toContain('FROM customer_indicator i WHERE i.customer_id = p.customer_id AND i.code = ? AND i.as_of <= ? AND i.as_of > ?');
    expect(sql).toContain('(p.segment_id IN (?, ?))');
    expect(sql.split('?').length - 1).toBe(params.length);
    expect(params).toEqual(expect.arrayContaining(['COMPLAINT_COUNT', '2026-06-01T00:00:00.000Z', '2026-05-02T00:00:00.000Z', 's1', 's2']));
  });
});
