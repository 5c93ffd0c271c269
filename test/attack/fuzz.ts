import { request } from 'node:http';

/**
 * The gateway fuzzer (issue 17): malformed requests of every kind the audit sent — broken JSON,
 * wrong shapes, mutated GraphQL, bad persisted-query extensions, odd methods, content types and
 * headers, chunked and oversized bodies — with or without a valid token. Deterministic for a
 * seed. A 5xx (or an INTERNAL_SERVER_ERROR in a body) is always our bug; every other answer is fine.
 */
export interface FuzzResult {
  requests: number;
  byStatus: Record<number, number>;
  serverErrors: string[];
  internalErrors: string[];
  transportErrors: string[];
}

/** mulberry32: a small seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID = [
  '{ me { email role } }',
  'query Q($first: Int!) { customers(first: $first) { totalCount edges { node { id name } } } }',
  'query C($id: ID!) { customer(id: $id) { id name complaints(first: 2) { edges { node { id title } } } } }',
  'mutation L($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { token } }',
  'mutation { createCustomer(input: { name: "x", kind: INDIVIDUAL, segmentId: "nope" }) { id } }',
  '{ segments(first: 3) { edges { node { code company { name } } } } }',
  'query A { me { email } } query B { me { role } }',
  '{ __typename }',
];
const WEIRD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  'x',
  '',
  [],
  {},
  [null],
  { a: { b: [1, 'x'] } },
  true,
  '\u0000',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'a'.repeat(5000),
  '%s%n',
  '../../etc/passwd',
  "' OR 1=1 --",
];

export async function fuzzGateway(url: string, opts: { requests: number; seed: number; token?: string; concurrency?: number }): Promise<FuzzResult> {
  const rnd = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const int = (n: number) => Math.floor(rnd() * n);
  const result: FuzzResult = { requests: 0, byStatus: {}, serverErrors: [], internalErrors: [], transportErrors: [] };
  const auth: Record<string, string> = opts.token ? { authorization: `Bearer ${opts.token}` } : {};

  const mutate = (text: string): string => {
    let s = text;
    for (let i = 0, n = 1 + int(4); i < n; i++) {
      const at = int(s.length + 1);
      switch (int(5)) {
        case 0:
          s = s.slice(0, at) + s.slice(at + 1 + int(5));
          break; // delete
        case 1:
          s = s.slice(0, at) + pick(['{', '}', '(', ')', '$', '!', '...', '@skip', '"', '#', '\\', ':', '[', ']', '\u0000', 'query', 'fragment F on Query']) + s.slice(at);
          break;
        case 2:
          s = s.slice(0, at);
          break; // truncate
        case 3:
          s = s.slice(0, at) + s.slice(at).repeat(2 + int(3));
          break; // repeat
        default:
          s = s.slice(0, at) + String.fromCharCode(int(0x3000)) + s.slice(at);
      }
    }
    return s;
  };

  type Req = { method: string; path: string; headers: Record<string, string>; body?: string | Buffer; chunked?: boolean };
  const json = (body: unknown, extra: Record<string, string> = {}): Req => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...auth, ...extra },
    body: JSON.stringify(body),
  });
  const generators: (() => Req)[] = [
    // Broken JSON text.
    () => ({ ...json(null), body: mutate(JSON.stringify({ query: pick(VALID), variables: { first: 1 } })) }),
    () => ({ ...json(null), body: Buffer.from(Array.from({ length: int(300) }, () => int(256))) }),
    // Valid JSON, wrong shapes.
    () => json(pick(WEIRD_VALUES)),
    () => json({ query: pick(WEIRD_VALUES) }),
    () => json({ query: pick(VALID), variables: pick(WEIRD_VALUES), operationName: pick([...WEIRD_VALUES, 'A', 'B', 'Nope']) }),
    () => json({ query: pick(VALID), variables: { first: pick(WEIRD_VALUES), id: pick(WEIRD_VALUES), e: pick(WEIRD_VALUES), p: pick(WEIRD_VALUES) } }),
    () => json([{ query: pick(VALID) }, { query: pick(VALID) }]), // batching is off
    // Mutated GraphQL.
    () => json({ query: mutate(pick(VALID)), variables: { first: 1, id: 'x' } }),
    () => json({ query: `{ ${'me { '.repeat(int(60))}email${' }'.repeat(int(60))} }` }),
    () => json({ query: `{ ${Array.from({ length: int(80) }, (_, i) => `a${i}: __typename`).join(' ')} }` }),
    () => json({ query: `{ ...F } fragment F on Query { ...F }` }),
    () => json({ query: `subscription { ${pick(['me { email }', '__typename'])} }` }),
    () => json({ query: `{ me { email } } # ${'x'.repeat(int(300_000))}` }),
    // Persisted queries.
    () => json({ extensions: { persistedQuery: { version: pick([1, 2, '1', null, {}]), sha256Hash: pick([...WEIRD_VALUES, 'ab'.repeat(32)]) } } }),
    () => json({ query: pick(VALID), extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    () => json({ query: pick(VALID), extensions: pick(WEIRD_VALUES) }),
    // Methods, paths, content types, headers.
    () => ({
      method: pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']),
      path: `/graphql?query=${encodeURIComponent(mutate(pick(VALID)))}&variables=${encodeURIComponent(mutate('{"first":1}'))}`,
      headers: { ...auth, ...(rnd() < 0.5 ? { 'apollo-require-preflight': 'true' } : {}) },
    }),
    () => ({
      method: 'GET',
      path: `/graphql?${pick(['query=%', 'query=%7B', 'extensions=%7B%22persistedQuery%22%3A1%7D', 'operationName[]=x', 'query=' + 'a'.repeat(int(5000))])}`,
      headers: { 'apollo-require-preflight': 'true', ...auth },
    }),
    () => ({
      ...json({ query: pick(VALID) }),
      headers: {
        'content-type': pick(['text/plain', 'application/graphql', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/x-www-form-urlencoded', '']),
        ...auth,
      },
    }),
    () => ({ ...json({ query: pick(VALID) }), path: pick(['/graphql/', '/GRAPHQL', '/graphql/../ready', '/%00', '/graphql?x=%zz']) }),
    () =>
      json({ query: pick(VALID) }, { authorization: pick(['Bearer', 'Bearer ', 'Basic x', `Bearer ${'a'.repeat(int(6000))}`, 'Bearer a.b.c', 'bearer eyJhbGciOiJub25lIn0.e30.']) }),
    () =>
      json(
        { query: pick(VALID) },
        { 'x-request-id': pick(['', ' ', '\t', 'a'.repeat(300), '<script>']), traceparent: pick(['00-zz', 'garbage', '00-' + '0'.repeat(32) + '-' + '0'.repeat(16) + '-01']) },
      ),
    // Bodies: chunked, oversized, empty.
    () => ({ ...json({ query: pick(VALID) }), chunked: true }),
    () => ({ ...json(null), body: Buffer.alloc(int(2) ? 1_100_000 : 2_000_000, 'a'), chunked: rnd() < 0.5 }),
    () => ({ ...json(null), body: '' }),
  ];

  const send = (r: Req) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const target = new URL(url);
      const body = r.body ?? '';
      const headers = { ...r.headers, ...(r.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(Buffer.byteLength(body)) }) };
      const req = request({ host: target.hostname, port: target.port, method: r.method, path: r.path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      if (r.chunked && body.length > 65_536) {
        for (let i = 0; i < body.length; i += 65_536) req.write(body.slice(i, i + 65_536));
        req.end();
      } else req.end(body);
    });

  let next = 0;
  const worker = async () => {
    while (next < opts.requests) {
      const n = next++;
      const g = int(generators.length);
      const r = generators[g]();
      result.requests++;
      try {
        const { status, text } = await send(r);
        result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
        const label = `#${n} generator ${g} ${r.method} ${r.path} -> ${status} ${text.slice(0, 200)}`;
        if (status >= 500) result.serverErrors.push(label);
        else if (text.includes('INTERNAL_SERVER_ERROR')) result.internalErrors.push(label);
      } catch (e) {
        result.transportErrors.push(`#${n} generator ${g} ${r.method} ${r.path}: ${(e as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 8 }, worker));
  return result;
}

export function describeFuzz(label: string, r: FuzzResult): string {
  const statuses = Object.entries(r.byStatus)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  return (
    `${label}: ${r.requests} requests, ${r.serverErrors.length} 5xx, ${r.internalErrors.length} INTERNAL_SERVER_ERROR bodies, ${r.transportErrors.length} transport errors (${statuses})` +
    [...r.serverErrors, ...r.internalErrors, ...r.transportErrors]
      .slice(0, 10)
      .map((l) => `\n  ${l}`)
      .join('')
  );
}
