import { ApolloServer } from '@apollo/server';
import { DEFAULT_LIMITS, operationLimitsPlugin } from './limits';
import { RateLimiter } from './rate-limit';
import { GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';

/** A tiny recursive schema for the limits tests (no database needed). */
function recursiveSchema(): GraphQLSchema {
  const Node: GraphQLObjectType = new GraphQLObjectType({
    name: 'Node',
    fields: () => ({
      name: { type: GraphQLString, resolve: () => 'n' },
      children: { type: new GraphQLList(Node), args: { first: { type: new GraphQLNonNull(GraphQLInt) } }, resolve: (_s, a) => Array.from({ length: a.first }, () => ({})) },
    }),
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        ping: { type: GraphQLString, resolve: () => 'pong' },
        nodes: { type: new GraphQLList(Node), args: { first: { type: new GraphQLNonNull(GraphQLInt) } }, resolve: (_s, a) => Array.from({ length: a.first }, () => ({})) },
      },
    }),
  });
}

/** Operation limits: the attacks of issue 7 against a small schema with a recursive list. */
describe('operationLimitsPlugin', () => {
  const server = new ApolloServer({
    schema: recursiveSchema(),
    plugins: [operationLimitsPlugin({ ...DEFAULT_LIMITS, maxDepth: 8, maxAliases: 5, maxRootFields: 3, maxCost: 5000, bulkMaxCost: 50_000 })],
    parseOptions: { maxTokens: 500 },
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  const run = async (query: string) => {
    const res = await server.executeOperation({ query });
    if (res.body.kind !== 'single') throw new Error('single');
    return { http: res.http.status, ...res.body.singleResult };
  };
  const reason = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;

  it('lets a reasonable nested report through', async () => {
    const r = await run('{ nodes(first: 10) { name children(first: 10) { name children(first: 5) { name } } } }');
    expect(r.errors).toBeUndefined();
  });

  it('stops a deep query (DEPTH_LIMIT), fragments included', async () => {
    const deep =
      '{ nodes(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { name } } } } } } } } } }';
    expect(reason(await run(deep))).toEqual(expect.objectContaining({ code: 'LIMIT_EXCEEDED', reason: 'DEPTH_LIMIT' }));
    const viaFragments =
      'query { nodes(first: 1) { ...A } } fragment A on Node { children(first: 1) { ...B } } fragment B on Node { children(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { name } } } } } } } }';
    expect(reason(await run(viaFragments))).toEqual(expect.objectContaining({ reason: 'DEPTH_LIMIT' }));
  });

  it('stops an alias bomb (ALIAS_LIMIT) and too many root fields (ROOT_FIELD_LIMIT)', async () => {
    const aliases = `{ nodes(first: 1) { ${Array.from({ length: 6 }, (_, i) => `a${i}: name`).join(' ')} } }`;
    expect(reason(await run(aliases))).toEqual(expect.objectContaining({ reason: 'ALIAS_LIMIT', actual: 6 }));
    expect(reason(await run('{ a: ping b: ping c: ping d: ping }'))).toEqual(expect.objectContaining({ reason: 'ROOT_FIELD_LIMIT' }));
  });

  it('counts root fields after fragment expansion: inline and named fragments at the root do not bypass ROOT_FIELD_LIMIT', async () => {
    const four = 'a: ping b: ping c: ping d: ping';
    for (const query of [
      `{ ... on Query { ${four} } }`,
      `{ ...Roots } fragment Roots on Query { ${four} }`,
      `{ a: ping ... on Query { b: ping ...More } } fragment More on Query { c: ping ... on Query { d: ping } }`,
    ]) {
      expect([query, reason(await run(query))]).toEqual([query, expect.objectContaining({ reason: 'ROOT_FIELD_LIMIT', actual: 4 })]);
    }
    expect((await run('{ ... on Query { a: ping b: ping } c: ping }')).errors).toBeUndefined();
  });

  it('stops huge lists of huge lists by cost (COST_LIMIT), with HTTP 400', async () => {
    const r = await run('{ nodes(first: 100) { children(first: 100) { name } } }');
    expect(reason(r)).toEqual(expect.objectContaining({ code: 'LIMIT_EXCEEDED', reason: 'COST_LIMIT' }));
    expect(r.http).toBe(400);
  });

  it("a bulk operation's page (a viewer with the bulk claim) runs under the bulk cost limit, and only there", async () => {
    const as = async (query: string, viewer: Record<string, unknown> | null) => {
      const res = await server.executeOperation({ query }, { contextValue: { viewer } });
      return res.body.kind === 'single' ? res.body.singleResult : undefined;
    };
    const staff = { accountId: 'a', employeeId: null, role: 'BUSINESS_STAFF', segmentIds: [] };
    const page = '{ nodes(first: 100) { children(first: 100) { name } } }'; // cost ~20,000: over 5,000, under 50,000
    expect(reason((await as(page, staff))!)).toEqual(expect.objectContaining({ reason: 'COST_LIMIT', limit: 5000 }));
    expect((await as(page, { ...staff, bulkOperationId: 'op-1' }))?.errors).toBeUndefined();
    const tooBig = '{ nodes(first: 100) { children(first: 100) { children(first: 10) { name } } } }';
    expect(reason((await as(tooBig, { ...staff, bulkOperationId: 'op-1' }))!)).toEqual(expect.objectContaining({ reason: 'COST_LIMIT', limit: 50_000 }));
  });

  it('estimates the cost per document AND variables: a cached estimate never lets bigger pages through', async () => {
    const query = 'query ($n: Int!) { nodes(first: $n) { children(first: $n) { name } } }';
    const exec = async (n: number) => {
      const res = await server.executeOperation({ query, variables: { n } });
      return res.body.kind === 'single' ? res.body.singleResult : undefined;
    };
    for (let i = 0; i < 3; i++) {
      expect((await exec(5))?.errors).toBeUndefined();
      expect(reason((await exec(100))!)).toEqual(expect.objectContaining({ reason: 'COST_LIMIT' }));
    }
  });

  it('refuses documents with too many tokens while parsing', async () => {
    const r = await run(`{ ${Array.from({ length: 600 }, () => 'ping').join(' ')} }`);
    expect(r.errors?.[0]?.message).toMatch(/more tha\w* 500 tokens/);
  });
});

describe('RateLimiter', () => {
  it('allows a burst, then refuses with a Retry-After until tokens refill', () => {
    const limiter = new RateLimiter(60, 3); // 1 per second sustained
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('a', t0).ok)).toEqual([true, true, true]);
    const refused = limiter.take('a', t0);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('b', t0).ok).toBe(true); // other keys unaffected
    expect(limiter.take('a', t0 + 1000).ok).toBe(true);
  });
});
