import { DEMO_SEGMENTS, demoCustomerId, demoCustomerSegment } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';

/**
 * End-to-end through the gateway, on each database: login, the deep nested
 * query across the three subgraphs with its SQL cost, segment isolation, and
 * subgraphs that refuse direct, unauthenticated or forged calls.
 */
const NESTED = `query($segments: Int!, $departments: Int!, $complaints: Int!) {
  segments(first: $segments) {
    edges { node {
      code
      company {
        name
        departments(first: $departments) {
          edges { node {
            name
            complaints(first: $complaints) {
              totalCount
              edges { node {
                code status channel
                customer { name segment { code } tags { code name } }
              } }
            }
          } }
        }
      }
    } }
  }
}`;

/** The report chain, one list or reference per level. */
const CHAIN = `query($segments: Int!, $departments: Int!, $complaints: Int!) {
  segments(first: $segments) { edges { node { code
    company { name
      departments(first: $departments) { edges { node { name
        complaints(first: $complaints) { edges { node { code
          customer { name
            tags { code }
          } } } }
      } } }
    }
  } } }
}`;

describe.each(testDatabaseKinds())('the federated graph on %s', (kind) => {
  let g: TestGraph;
  let executive: string;
  let headResi: string;
  beforeAll(async () => {
    g = await startTestGraph(kind);
    executive = await g.login('executive@example.com');
    headResi = await g.login('head.resi@example.com');
  }, 120_000);
  afterAll(() => g?.stop());

  it('rejects every operation but login without a token', async () => {
    const r = await g.request('{ customers(first: 1) { totalCount } }');
    expect(r.body.data ?? null).toBeNull();
    expect(r.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('runs Segment → company → departments → complaints → customer → tags across the three subgraphs', async () => {
    const r = await g.request(NESTED, { token: executive, variables: { segments: 10, departments: 6, complaints: 5 } });
    expect(r.body.errors).toBeUndefined();
    const segments = r.body.data.segments.edges;
    expect(segments).toHaveLength(10);
    const complaints = segments.flatMap((s: any) => s.node.company.departments.edges.flatMap((d: any) => d.node.complaints.edges.map((c: any) => c.node)));
    expect(complaints.length).toBeGreaterThan(50);
    for (const c of complaints) {
      expect(c.customer.name).toEqual(expect.any(String));
      expect(c.customer.segment.code).toMatch(/^[A-Z]{4}$/);
      expect(Array.isArray(c.customer.tags)).toBe(true);
    }
    expect(complaints.some((c: any) => c.customer.tags.length > 0)).toBe(true);
  });

  it('costs a fixed number of SQL statements per level (one, two for tags), not per row (N+1 guarantee)', async () => {
    const cost = async (query: string, variables: Record<string, number>) => {
      const before = g.sqlCount();
      const r = await g.request(query, { token: executive, variables });
      expect(r.body.errors).toBeUndefined();
      return g.sqlCount() - before;
    };
    // Six levels: segments, company, departments, complaints, customer, tags; the tags level costs two
    // (marketing reads the customers' tag ids with their segments, then the distinct tags once); plus
    // one per request to organization, which reads the viewer's account to check the token is not revoked.
    expect(await cost(CHAIN, { segments: 1, departments: 1, complaints: 1 })).toBe(8);
    expect(await cost(CHAIN, { segments: 10, departments: 6, complaints: 10 })).toBe(8);
    // The wider query adds a COUNT for totalCount and the customers' segments: still per level, not per row.
    const small = await cost(NESTED, { segments: 1, departments: 1, complaints: 1 });
    const large = await cost(NESTED, { segments: 10, departments: 6, complaints: 10 });
    expect(small).toBeLessThanOrEqual(11); // two requests to organization here
    expect(large).toBe(small);
  });

  it('CS-R35: isolates segments: a segment head sees only its own customers, everywhere', async () => {
    const resi = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
    const r = await g.request('{ customers(first: 100) { totalCount edges { node { id segment { code } } } } }', { token: headResi });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.customers.totalCount).toBeGreaterThan(0);
    expect(new Set(r.body.data.customers.edges.map((e: any) => e.node.segment.code))).toEqual(new Set(['RESI']));

    // Lookup by id of another segment's customer: nothing.
    let other = 0;
    while (demoCustomerSegment(other).id === resi.id) other++;
    const byId = await g.request('query($id: ID!) { customer(id: $id) { id } }', { token: headResi, variables: { id: demoCustomerId(other) } });
    expect(byId.body.data?.customer ?? null).toBeNull();

    // Nested: complaints reached through another company's departments are filtered too.
    const nested = await g.request(NESTED, { token: headResi, variables: { segments: 10, departments: 6, complaints: 10 } });
    expect(nested.body.errors).toBeUndefined();
    const codes = nested.body.data.segments.edges.flatMap((s: any) =>
      s.node.company.departments.edges.flatMap((d: any) => d.node.complaints.edges.map((c: any) => c.node.customer.segment.code)),
    );
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(['RESI']));
  });

  it('subgraphs verify the token themselves: direct calls without one get no data, forged _entities get nothing', async () => {
    for (const url of Object.values(g.urls)) {
      const r = await g.request('{ _entities(representations: [{ __typename: "Customer", id: "x" }]) { __typename } }', { url });
      expect(r.status).toBe(401);
      expect(r.body.data).toBeUndefined();
    }
    const resi = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
    let other = 0;
    while (demoCustomerSegment(other).id === resi.id) other++;
    const reps = [{ __typename: 'Customer', id: demoCustomerId(other) }];
    for (const [name, query] of [
      ['customer-service', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id name } } }'],
      ['marketing', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id tags { code } } } }'],
    ] as const) {
      const r = await g.request(query, { url: g.urls[name], token: headResi, variables: { r: reps } });
      expect(r.body.data?._entities ?? [null]).toEqual([null]);
    }
  });
});
