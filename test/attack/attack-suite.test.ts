import { DEMO_SEGMENTS } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';

/**
 * The attack suite (issue 7): signs in as each role and tries every read path
 * to segment-scoped data (lists, lookups by id, nested fields, `_entities`
 * with forged representations, direct subgraph calls), forbidden mutations,
 * and the limit attacks. The ground truth of which segment a record belongs
 * to comes from the executive, who reads everything. It prints what it tried
 * and found; leaks and server errors must both be 0.
 */
/** The CRM lists (issue 5) and the GraphQL type of their records. */
const CRM_LISTS: [string, string][] = [
  ['leads', 'Lead'],
  ['opportunities', 'Opportunity'],
  ['generalActions', 'GeneralAction'],
  ['salesOrders', 'SalesOrder'],
];
type Role = 'executive' | 'sysadmin' | 'head' | 'staff' | 'admin';
const ACTORS: { role: Role; email: string; segments: string[] | 'ALL' }[] = [
  { role: 'executive', email: 'executive@example.com', segments: 'ALL' },
  { role: 'sysadmin', email: 'sysadmin@example.com', segments: [] },
  { role: 'head', email: 'head.resi@example.com', segments: ['RESI'] },
  { role: 'staff', email: 'staff.comm@example.com', segments: ['COMM'] },
  { role: 'admin', email: 'admin.hotl@example.com', segments: ['HOTL'] },
];

interface Tally {
  attempts: number;
  leaks: string[];
  serverErrors: string[];
}

describe.each(testDatabaseKinds())('attack suite on %s', (kind) => {
  let g: TestGraph;
  const tokens = {} as Record<Role, string>;
  /** Ground truth: customer id -> segment code; complaint id -> segment code. */
  const customerSegment = new Map<string, string>();
  const complaintSegment = new Map<string, string>();
  /** CRM records (leads, opportunities, general actions, sales orders): id -> type and segment code. */
  const crmRecords = new Map<string, { type: string; segment: string }>();
  const tally: Tally = { attempts: 0, leaks: [], serverErrors: [] };

  beforeAll(async () => {
    g = await startTestGraph(kind);
    for (const a of ACTORS) tokens[a.role] = await g.login(a.email);
    for (let after: string | null = null; ;) {
      const r: any = await g.request('query($a: String) { customers(first: 100, after: $a) { pageInfo { hasNextPage endCursor } edges { node { id segment { code } } } } }', {
        token: tokens.executive,
        variables: { a: after },
      });
      for (const e of r.body.data.customers.edges) customerSegment.set(e.node.id, e.node.segment.code);
      if (!r.body.data.customers.pageInfo.hasNextPage) break;
      after = r.body.data.customers.pageInfo.endCursor;
    }
    for (let after: string | null = null; ;) {
      const r: any = await g.request('query($a: String) { complaints(first: 100, after: $a) { pageInfo { hasNextPage endCursor } edges { node { id customer { id } } } } }', {
        token: tokens.executive,
        variables: { a: after },
      });
      for (const e of r.body.data.complaints.edges) complaintSegment.set(e.node.id, customerSegment.get(e.node.customer.id)!);
      if (!r.body.data.complaints.pageInfo.hasNextPage) break;
      after = r.body.data.complaints.pageInfo.endCursor;
    }
    for (const [field, type] of CRM_LISTS) {
      for (let after: string | null = null; ;) {
        const r: any = await g.request(`query($a: String) { ${field}(first: 100, after: $a) { pageInfo { hasNextPage endCursor } edges { node { id segment { code } } } } }`, {
          token: tokens.executive,
          variables: { a: after },
        });
        for (const e of r.body.data[field].edges) crmRecords.set(e.node.id, { type, segment: e.node.segment.code });
        if (!r.body.data[field].pageInfo.hasNextPage) break;
        after = r.body.data[field].pageInfo.endCursor;
      }
    }
  }, 180_000);

  afterAll(async () => {
    console.log(
      `attack suite (${kind}): ${tally.attempts} attempts, ${tally.leaks.length} leaks, ${tally.serverErrors.length} server errors` +
        [...tally.leaks, ...tally.serverErrors]
          .slice(0, 20)
          .map((l) => `\n  ${l}`)
          .join(''),
    );
    await g?.stop();
  });

  const allowed = (actor: (typeof ACTORS)[number], segment: string | undefined) => actor.segments === 'ALL' || (segment !== undefined && actor.segments.includes(segment));

  /** Sends one attack and records server errors (5xx or INTERNAL_SERVER_ERROR). */
  async function attempt(label: string, query: string, opts: { token?: string | null; variables?: Record<string, unknown>; url?: string } = {}) {
    tally.attempts++;
    const r = await g.request(query, opts);
    const internal = (r.body.errors ?? []).some((e: any) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
    if (r.status >= 500 || internal) tally.serverErrors.push(`${label}: HTTP ${r.status} ${JSON.stringify(r.body.errors?.[0])}`);
    return r;
  }

  /** Walks any JSON and collects every object that has an id and is a known customer/complaint. */
  function collect(data: unknown, out: { type: string; id: string }[] = []) {
    if (Array.isArray(data)) data.forEach((d) => collect(d, out));
    else if (data && typeof data === 'object') {
      const o = data as Record<string, unknown>;
      if (typeof o.id === 'string') {
        if (o.__typename === 'Complaint' || complaintSegment.has(o.id)) out.push({ type: 'complaint', id: o.id });
        else if (o.__typename === 'Customer' || customerSegment.has(o.id)) out.push({ type: 'customer', id: o.id });
        else if (crmRecords.has(o.id)) out.push({ type: crmRecords.get(o.id)!.type, id: o.id });
      }
      Object.values(o).forEach((v) => collect(v, out));
    }
    return out;
  }

  function checkLeaks(actor: (typeof ACTORS)[number], label: string, data: unknown) {
    for (const rec of collect(data)) {
      const seg = rec.type === 'customer' ? customerSegment.get(rec.id) : rec.type === 'complaint' ? complaintSegment.get(rec.id) : crmRecords.get(rec.id)?.segment;
      if (!allowed(actor, seg)) tally.leaks.push(`${actor.role} ${label}: ${rec.type} ${rec.id} of ${seg}`);
    }
  }

  const foreignCustomers = (actor: (typeof ACTORS)[number], n = 5) =>
    [...customerSegment]
      .filter(([, s]) => !allowed(actor, s))
      .slice(0, n)
      .map(([id]) => id);
  const foreignCrm = (actor: (typeof ACTORS)[number], type: string, n = 5) =>
    [...crmRecords]
      .filter(([, r]) => r.type === type && !allowed(actor, r.segment))
      .slice(0, n)
      .map(([id]) => id);
  const foreignComplaints = (actor: (typeof ACTORS)[number], n = 5) =>
    [...complaintSegment]
      .filter(([, s]) => !allowed(actor, s))
      .slice(0, n)
      .map(([id]) => id);

  const READS: [string, string][] = [
    ['list customers', '{ customers(first: 100) { edges { node { id __typename segment { code } } } } }'],
    ['list complaints', '{ complaints(first: 100) { edges { node { id __typename customer { id __typename } } } } }'],
    ['list tag assignments', '{ tagAssignments(first: 100) { edges { node { id customer { id __typename } } } } }'],
    ['Segment.customers', '{ segments(first: 10) { edges { node { code customers(first: 50) { edges { node { id __typename } } } } } } }'],
    ['Department.complaints', '{ departments(first: 100) { edges { node { complaints(first: 20) { edges { node { id __typename customer { id __typename } } } } } } } }'],
    [
      'Employee.customers/assignedComplaints',
      '{ employees(first: 100) { edges { node { customers(first: 20) { edges { node { id __typename } } } assignedComplaints(first: 20) { edges { node { id __typename } } } } } } }',
    ],
    ['Customer.complaints', '{ customers(first: 100) { edges { node { id __typename complaints(first: 20) { edges { node { id __typename } } } } } } }'],
    ['Tag.customers', '{ tags(first: 50) { edges { node { customers(first: 50) { edges { node { id __typename tags { code } } } } } } } }'],
    ...CRM_LISTS.map(([field]): [string, string] => [`list ${field}`, `{ ${field}(first: 100) { edges { node { id __typename customer { id __typename } } } } }`]),
    ['myGeneralActions', '{ myGeneralActions(first: 100) { edges { node { id __typename } } } }'],
    [
      'Employee.leads/opportunities',
      '{ employees(first: 100) { edges { node { leads(first: 20) { edges { node { id __typename } } } opportunities(first: 20) { edges { node { id __typename } } } } } } }',
    ],
    [
      'Customer.opportunities/orders/generalActions',
      '{ customers(first: 100) { edges { node { id opportunities(first: 10) { edges { node { id __typename } } } orders(first: 10) { edges { node { id __typename } } } generalActions(first: 10) { edges { node { id __typename } } } } } } }',
    ],
  ];

  it('every read path is a valid query that returns data to the executive (so an empty answer elsewhere means refused, not broken)', async () => {
    for (const [label, query] of READS) {
      const r = await attempt(`executive ${label}`, query, { token: tokens.executive });
      expect([label, r.body.errors ?? []]).toEqual([label, []]);
      // The executive has no actions of their own: that list only has to be a valid query.
      if (label !== 'myGeneralActions') expect([label, collect(r.body.data).length > 0]).toEqual([label, true]);
    }
  });

  it.each(ACTORS.map((a) => [a.role, a] as const))('CS-R35/CS-R38 %s: no read path returns another segment’s customers, complaints or CRM records', async (_r, actor) => {
    for (const [label, query] of READS) {
      const r = await attempt(`${actor.role} ${label}`, query, { token: tokens[actor.role] });
      checkLeaks(actor, label, r.body.data);
    }
    // Lookups by id of foreign records.
    for (const id of foreignCustomers(actor)) {
      const r = await attempt(`${actor.role} customer(id)`, 'query($id: ID!) { customer(id: $id) { id __typename complaints(first: 5) { edges { node { id } } } } }', {
        token: tokens[actor.role],
        variables: { id },
      });
      checkLeaks(actor, 'customer(id)', r.body.data);
    }
    for (const id of foreignComplaints(actor)) {
      const r = await attempt(`${actor.role} complaint(id)`, 'query($id: ID!) { complaint(id: $id) { id __typename customer { id } } }', {
        token: tokens[actor.role],
        variables: { id },
      });
      checkLeaks(actor, 'complaint(id)', r.body.data);
    }
    for (const [field, type] of [
      ['lead', 'Lead'],
      ['opportunity', 'Opportunity'],
      ['generalAction', 'GeneralAction'],
      ['salesOrder', 'SalesOrder'],
    ]) {
      for (const id of foreignCrm(actor, type)) {
        const r = await attempt(`${actor.role} ${field}(id)`, `query($id: ID!) { ${field}(id: $id) { id __typename } }`, { token: tokens[actor.role], variables: { id } });
        checkLeaks(actor, `${field}(id)`, r.body.data);
      }
    }
    expect(tally.leaks.filter((l) => l.startsWith(`${actor.role} `))).toEqual([]);
  });

  it.each(ACTORS.map((a) => [a.role, a] as const))('CS-R35 %s: forged _entities on each subgraph return nothing foreign', async (_r, actor) => {
    const customers = foreignCustomers(actor, 20).map((id) => ({ __typename: 'Customer', id }));
    const complaints = foreignComplaints(actor, 20).map((id) => ({ __typename: 'Complaint', id }));
    const crm = CRM_LISTS.flatMap(([, type]) => foreignCrm(actor, type, 10).map((id) => ({ __typename: type, id })));
    const probes: [string, string, unknown[]][] = [
      [
        'customer-service',
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id __typename name } ... on Complaint { id __typename title } } }',
        [...customers, ...complaints],
      ],
      [
        'customer-service',
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Lead { id __typename } ... on Opportunity { id __typename } ... on GeneralAction { id __typename } ... on SalesOrder { id __typename } } }',
        crm,
      ],
      ['marketing', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id __typename tags { code } tagAssignments { id } } } }', customers],
    ];
    for (const [name, query, reps] of probes) {
      const r = await attempt(`${actor.role} _entities@${name}`, query, { url: g.urls[name as 'marketing'], token: tokens[actor.role], variables: { r: reps } });
      checkLeaks(actor, `_entities@${name}`, r.body.data);
      const returned = (r.body.data?._entities ?? []).filter((e: unknown) => e !== null).length;
      if (actor.segments !== 'ALL' && returned > 0) tally.leaks.push(`${actor.role} _entities@${name}: ${returned} foreign entities resolved`);
    }
    expect(tally.leaks.filter((l) => l.startsWith(`${actor.role} _entities`))).toEqual([]);
  });

  it('direct subgraph calls without a token, or with a forged one, get no data', async () => {
    const forged = `${tokens.head.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    for (const [name, url] of Object.entries(g.urls)) {
      for (const token of [null, forged, 'garbage']) {
        for (const query of ['{ __typename }', '{ _service { sdl } }', '{ _entities(representations: [{ __typename: "Customer", id: "x" }]) { __typename } }']) {
          const r = await attempt(`direct ${name}`, query, { url, token });
          if (r.body.data) tally.leaks.push(`direct ${name} (${token ? 'forged' : 'no'} token) ${query}: got data`);
          expect(r.status).toBe(401);
          expect(r.body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: token ? 'INVALID_TOKEN' : 'MISSING_TOKEN' });
        }
      }
    }
  });

  it('the gateway answers a missing or bad token like every subgraph: 401, a reason, nothing internal (issue 17 item 7)', async () => {
    const forged = `${tokens.head.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    for (const token of [null, forged, 'garbage']) {
      for (const query of [
        '{ me { email } }',
        '{ customers(first: 1) { totalCount } }',
        'mutation { changePassword(input: { currentPassword: "a", newPassword: "b" }) { token } }',
      ]) {
        const r = await attempt(`gateway (${token ? 'bad' : 'no'} token) ${query}`, query, { token });
        expect([query, r.status, r.body.data, r.body.errors?.[0]?.extensions]).toEqual([
          query,
          401,
          undefined,
          { code: 'UNAUTHENTICATED', reason: token ? 'INVALID_TOKEN' : 'MISSING_TOKEN' },
        ]);
        expect(JSON.stringify(r.body)).not.toMatch(/https?:\/\/|"response"/);
      }
    }
  });

  it('forbidden mutations are refused with a clear code and change nothing', async () => {
    const resi = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
    const comm = DEMO_SEGMENTS.find((s) => s.code === 'COMM')!;
    const before = customerSegment.size;
    const cases: [Role, Record<string, unknown>][] = [
      ['staff', { name: '越权客户', kind: 'INDIVIDUAL', segmentId: resi.id }], // staff.comm into RESI
      ['executive', { name: '高管客户', kind: 'INDIVIDUAL', segmentId: comm.id }], // executives read and assign, do not create
      ['sysadmin', { name: '管理员客户', kind: 'INDIVIDUAL', segmentId: comm.id }],
      ['admin', { name: '版块管理员客户', kind: 'INDIVIDUAL', segmentId: DEMO_SEGMENTS.find((s) => s.code === 'HOTL')!.id }],
    ];
    for (const [role, input] of cases) {
      const r = await attempt(`${role} createCustomer`, 'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }', {
        token: tokens[role],
        variables: { i: input },
      });
      expect(r.body.data?.createCustomer ?? null).toBeNull();
      expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const foreign = foreignCustomers(
      ACTORS.find((a) => a.role === 'head')!,
      1,
    )[0];
    const complaint = await attempt('head createComplaint(foreign customer)', 'mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }', {
      token: tokens.head,
      variables: { i: { customerId: foreign, title: 't', description: 'd', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' } },
    });
    expect(complaint.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const tag = await g.request('{ tags(first: 50, filter: { kind: MANUAL }) { edges { node { id } } } }', { token: tokens.head });
    const assign = await attempt('head assignTag(foreign customer)', 'mutation($i: AssignTagInput!) { assignTag(input: $i) { id } }', {
      token: tokens.head,
      variables: { i: { customerId: foreign, tagId: tag.body.data.tags.edges[0].node.id } },
    });
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(assign.body.errors?.[0]?.extensions?.code);
    const after = await g.request('{ customers(first: 1) { totalCount } }', { token: tokens.executive });
    expect(after.body.data.customers.totalCount).toBe(before);
  });

  it('limit attacks get 4xx with a clear code, never a server error', async () => {
    const token = tokens.executive;
    let deep = 'name';
    for (let i = 0; i < 25; i++) deep = `parent { ${deep} }`;
    const aliasBomb = `{ me { ${Array.from({ length: 200 }, (_, i) => `a${i}: email`).join(' ')} } }`;
    // 25 root fields (limit 20) hidden in fragments: counted after expansion, like depth.
    const roots = Array.from({ length: 25 }, (_, i) => `r${i}: __typename`).join(' ');
    const attacks: [string, string, string][] = [
      ['deep query', `{ departments(first: 1) { edges { node { ${deep} } } } }`, 'DEPTH_LIMIT'],
      ['alias bomb', aliasBomb, 'ALIAS_LIMIT'],
      ['root fields in an inline fragment', `{ ... on Query { ${roots} } }`, 'ROOT_FIELD_LIMIT'],
      ['root fields in named fragments', `{ ...A } fragment A on Query { ...B } fragment B on Query { ${roots} }`, 'ROOT_FIELD_LIMIT'],
      [
        'huge lists',
        '{ customers(first: 100) { edges { node { complaints(first: 100) { edges { node { customer { complaints(first: 100) { edges { node { id } } } } } } } } } } }',
        'COST_LIMIT',
      ],
    ];
    for (const [label, query, reason] of attacks) {
      const r = await attempt(label, query, { token });
      expect(r.status).toBe(400);
      expect(r.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'LIMIT_EXCEEDED', reason }));
    }
    const raw = async (label: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
      tally.attempts++;
      const res = await fetch(g.gatewayUrl, { method: 'POST', headers: { ...headers, authorization: `Bearer ${token}` }, body });
      if (res.status >= 500) tally.serverErrors.push(`${label}: HTTP ${res.status}`);
      return res;
    };
    expect((await raw('oversized body', JSON.stringify({ query: `{ me { email } } # ${'x'.repeat(2 * 1024 * 1024)}` }))).status).toBe(413);
    expect((await raw('malformed JSON', '{"query": "{ me { email } }"')).status).toBe(400);
    expect((await raw('malformed GraphQL', JSON.stringify({ query: '{ me { email }' }))).status).toBe(400);
    expect((await raw('wrong variables', JSON.stringify({ query: 'query($id: ID!) { customer(id: $id) { id } }', variables: { id: { a: 1 } } }))).status).toBe(400);
    expect((await raw('no content type', '{ me { email } }', {})).status).toBeGreaterThanOrEqual(400);
    // Client mistakes that libraries used to answer with a 500 or a masked error (issue 17 item 6).
    const mistakes: [string, unknown, string][] = [
      ['unknown operationName', { query: 'query A { me { email } }', operationName: 'B' }, 'OPERATION_NOT_FOUND'],
      ['several operations without a name', { query: 'query A { me { email } } query B { me { role } }' }, 'OPERATION_NOT_FOUND'],
      ['subscription', { query: 'subscription { me { email } }' }, 'SUBSCRIPTIONS_NOT_SUPPORTED'],
      ['APQ hash mismatch', { query: '{ me { email } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }, 'PERSISTED_QUERY_HASH_MISMATCH'],
      ['APQ version 2', { query: '{ me { email } }', extensions: { persistedQuery: { version: 2, sha256Hash: 'f'.repeat(64) } } }, 'PERSISTED_QUERY_VERSION_UNSUPPORTED'],
    ];
    for (const [label, body, code] of mistakes) {
      const res = await raw(label, JSON.stringify(body));
      expect([label, res.status, (await res.json()).errors[0].extensions.code]).toEqual([label, 400, code]);
    }
    expect(tally.serverErrors).toEqual([]);
  });

  it('totals: 0 leaks, 0 server errors', () => {
    expect(tally.attempts).toBeGreaterThan(100);
    expect(tally.leaks).toEqual([]);
    expect(tally.serverErrors).toEqual([]);
  });
});
