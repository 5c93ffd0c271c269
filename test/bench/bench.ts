/**
 * `npm run bench`: three query shapes, side by side in ONE run, against four
 * targets — the gateway; the same plan's subgraph calls made directly; a
 * raw-SQL floor (one hand-written query per database, same JSON, plain
 * node:http); and the gateway with DataLoader batching off — and a fifth that
 * isolates the gateway's own work: a gateway process over subgraphs that answer
 * instantly (replayed answers). Beside them: Hive Gateway + Rust query planner (hive-gateway.ts, the
 * best Node peer, same supergraph and subgraph processes, its JSON checked identical) and this
 * gateway with GATEWAY_WORKERS=2. Prints per shape
 * and target: requests/s, p50/p99 latency, SQL statements and subgraph
 * requests per request, gateway RSS and CPU per request, and the ratios gateway/floor and
 * gateway/direct; then each subgraph call of a shape's plan timed alone, and a
 * trivial request to a subgraph back to back and after 15 ms idle; writes the
 * results to test/bench/results/<time>-<db>.json.
 *
 * Options (environment): BENCH_DURATION seconds per measurement (default 5),
 * BENCH_CONNECTIONS for the throughput runs (default 10), BENCH_WARMUP seconds of unmeasured
 * requests to every target before a shape's measurements (default 3), BENCH_DB=sqlite|mariadb,
 * BENCH_SCALE (default 0.005): the demo data plus `seed:large` at that scale, so
 * the report shape returns about 1,000 leaf rows (0 = demo data only), BENCH_SHAPES: a comma-separated
 * subset of mobile,list,deep,report (default all; deep is the list's page halfway down),
 * BENCH_KEEP_DATA=1 (MariaDB): seed databases named after the scale once and reuse them in later runs
 * (drop them by hand: `t_bench_keep_*`).
 * Latency at one connection is timed per request with a keep-alive node:http
 * client (autocannon's histogram keeps whole milliseconds: a sub-millisecond
 * floor would read 0), the targets taking turns; throughput and p99 come from
 * autocannon at BENCH_CONNECTIONS. Loopback only; every run is bounded in time.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { DatabaseConfig, DEMO_COMPANIES, demoCustomerId } from '@group/shared';
import type { GraphQLBody } from '../support/graph';
import { build, ProcessGraph, ROOT, startGatewayProcess, startProcessGraph, SubgraphName, SUBGRAPHS, until } from '../support/processes';
import { NODE_FLAGS } from '../../shared/src/server/node-flags';
import { createTestDatabase, TestDatabase } from '@group/shared/testing';
import { createFloor, Floor, Shape } from './floor';
import { seedLarge } from './seed-large';
import { createSubgraphFetch } from '../../shared/src/server/subgraph-fetch';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DB = (process.env.BENCH_DB ?? 'sqlite') as 'sqlite' | 'mariadb';
const SCALE = Number(process.env.BENCH_SCALE ?? 0.005);
/** Seconds each target runs, unmeasured, before a shape's measurements. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
/** Turns the targets take in the latency measurement (see `interleavedLatency`). */
const ROUNDS = 10;
/** Above this scale the report is not run without batching (minutes of N+1 statements per request). */
const NO_BATCH_MAX_SCALE = 0.05;
/** MariaDB: keep the seeded databases for the next run at the same scale (seeding scale 1.0 takes minutes). */
const KEEP_DATA = process.env.BENCH_KEEP_DATA === '1';
const ONLY = process.env.BENCH_SHAPES?.split(',').map((s) => s.trim());

export const SHAPES: Shape[] = [
  {
    name: 'mobile',
    query: 'query Mobile($id: ID!) { customer(id: $id) { name kind segment { code name } tags { code name } } }',
    variables: { id: demoCustomerId(0) },
  },
  {
    name: 'list',
    query: 'query ComplaintList { complaints(first: 20) { edges { node { code title status customer { name tags { code } } responsibleDepartment { name } } } } }',
    variables: {},
  },
  {
    // The list's page halfway down (`after` is set once the data is there: Floor.middleCursor).
    // Keyset pages cost what the first one costs however deep they are (target 4).
    name: 'deep',
    query:
      'query ComplaintPage($after: String) { complaints(first: 20, after: $after) { edges { node { code title status customer { name tags { code } } responsibleDepartment { name } } } } }',
    variables: { after: null },
  },
  {
    name: 'report',
    query:
      'query Report($company: ID!) { company(id: $company) { departments(first: 50) { edges { node { name complaints(first: 100) { edges { node { code customer { name tags { code } } } } } } } } } }',
    variables: { company: DEMO_COMPANIES.find((c) => c.code === 'JARE')!.id },
  },
];

interface Row {
  shape: string;
  target: string;
  rps: number;
  /** Latency at one connection, timed per request (ms, fractional). */
  p50: number;
  mean1: number;
  p99: number;
  sqlPerRequest: number | null;
  subgraphRequestsPerRequest: number | null;
  gatewayRssMb: number | null;
  /** The gateway's highest resident memory so far (after this target's run at BENCH_CONNECTIONS). */
  gatewayPeakRssMb: number | null;
  /** CPU of the gateway process per request over the throughput run (ms), for the gateways. */
  gatewayCpuMs: number | null;
  leafRows: number;
}

const HIVE = 'Hive Gateway + Rust planner';
const TWO_WORKERS = 'gateway, 2 workers';

/** CPU milliseconds (user + system) a process has used so far (/proc; USER_HZ = 100). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Resident memory of a process now (VmRSS) or at its highest so far (VmHWM: under load, for the gateways). */
const rssMb = (pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS') => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** The peer (hive-gateway.ts) as its own process over the graph's subgraph processes. */
async function startHiveGateway(graph: ProcessGraph, env: Record<string, string>) {
  const port = 21000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [...NODE_FLAGS, '-r', join(ROOT, 'test', 'support', 'register-ts.js'), join(__dirname, 'hive-gateway.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      NODE_NO_WARNINGS: '1',
      HIVE_PORT: String(port),
      ORGANIZATION_URL: graph.url('organization'),
      CUSTOMER_SERVICE_URL: graph.url('customer-service'),
      MARKETING_URL: graph.url('marketing'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`the Hive gateway exited with ${child.exitCode}`);
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      return res.ok ? true : undefined;
    },
    60_000,
    'the Hive gateway',
  );
  return { url, pid: child.pid!, stop: () => void child.kill('SIGKILL') };
}

async function scrape(url: string, metric: string): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(metric) && !line.startsWith('#')) sum += Number(line.split(' ').pop());
  return sum;
}

async function run(url: string, body: string, headers: Record<string, string>, connections: number) {
  const result = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections, duration: DURATION });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

/** One keep-alive client per target (the gateway's own: the least client cost per request). */
function poster(url: string, body: string, headers: Record<string, string>) {
  const client = createSubgraphFetch(30_000);
  const once = async () => {
    const res = await client(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  };
  return Object.assign(once, { close: () => client.close() });
}

/**
 * Latency at one connection, each request timed (fractional ms). The targets take turns, ROUNDS
 * times for DURATION/ROUNDS seconds each, so that a shared machine's drift (other tenants, CPU
 * frequency) falls on all of them alike instead of on whichever ran during a bad second.
 */
async function interleavedLatency(targets: { url: string; headers: Record<string, string>; body: string }[]) {
  const posts = targets.map((t) => poster(t.url, t.body, t.headers));
  const times: number[][] = targets.map(() => []);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, post] of posts.entries()) {
        const until = performance.now() + (DURATION * 1000) / ROUNDS;
        while (performance.now() < until) {
          const t = performance.now();
          await post();
          times[i].push(performance.now() - t);
        }
      }
    }
  } finally {
    for (const p of posts) p.close();
  }
  return times.map((list) => {
    list.sort((a, b) => a - b);
    return { p50: list[Math.floor(list.length / 2)], mean: list.reduce((a, b) => a + b, 0) / list.length };
  });
}

/**
 * One request's latency (p50) back to back, and after the process has been idle for `gapMs`: on a
 * shared virtual machine a process that waited starts again with cold caches, and every hop of a
 * chain of processes waits for the others.
 */
async function idleLatency(url: string, body: string, headers: Record<string, string>, gapMs: number) {
  const post = poster(url, body, headers);
  const p50 = async (gap: number) => {
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      if (gap) await new Promise((r) => setTimeout(r, gap));
      const t = performance.now();
      await post();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[times.length >> 1];
  };
  try {
    await p50(0); // warm-up
    return { backToBack: await p50(0), afterIdle: await p50(gapMs) };
  } finally {
    post.close();
  }
}

/** Unmeasured requests for `seconds`: brings a target's code paths to their JIT-compiled steady state. */
async function warmUp(url: string, body: string, headers: Record<string, string>, seconds: number) {
  const post = poster(url, body, headers);
  try {
    const until = performance.now() + seconds * 1000;
    while (performance.now() < until) await post();
  } finally {
    post.close();
  }
}

/** Counts the leaves (objects without object children) of a JSON answer: the "rows" a shape returns. */
function leafRows(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((n: number, d) => n + leafRows(d), 0);
  if (data && typeof data === 'object') {
    const children = Object.values(data).filter((v) => v && typeof v === 'object');
    return children.length ? children.reduce((n: number, d) => n + leafRows(d), 0) : 1;
  }
  return 0;
}

/** Records the subgraph calls the gateway makes for one execution of a shape (its plan, with real data). */
export async function recordPlan(graph: ProcessGraph, shape: Shape, token: string) {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true'; // as in the gateway: no calls beyond the subgraphs
  const calls: { subgraph: string; url: string; body: string; start: number; end: number }[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(join(__dirname, '..', '..', 'gateway', 'supergraph.graphql'), 'utf8'),
    buildService: ({ name }) =>
      new (class extends RemoteGraphQLDataSource {
        override willSendRequest({ request }: Parameters<RemoteGraphQLDataSource['willSendRequest'] & object>[0]) {
          request.http?.headers.set('authorization', `Bearer ${token}`);
        }
      })({
        url: graph.url(name as SubgraphName),
        fetcher: (async (input: string, init: RequestInit) => {
          const call = { subgraph: name, url: input, body: typeof init.body === 'string' ? init.body : '', start: performance.now(), end: 0 };
          calls.push(call);
          const res = await fetch(input, init);
          call.end = performance.now();
          return res;
        }) as never,
      }),
  });
  const server = new ApolloServer({ gateway });
  await server.start();
  await server.executeOperation({ query: shape.query, variables: shape.variables });
  await server.stop();
  // Stages: a call that started before the previous stage ended runs in parallel with it.
  const stages: (typeof calls)[] = [];
  for (const c of calls) {
    const last = stages[stages.length - 1];
    if (last && c.start < Math.min(...last.map((x) => x.end))) last.push(c);
    else stages.push([c]);
  }
  return stages;
}

/**
 * A plain node:http server answering every request by replaying a recorded plan straight to the
 * subgraphs, with the gateway's own HTTP client (keep-alive node:http), so the difference is the gateway.
 */
async function directServer(stages: Awaited<ReturnType<typeof recordPlan>>, token: string): Promise<Server> {
  const client = createSubgraphFetch(10_000);
  const server = serve(async (req, res) => {
    req.resume();
    const parts: unknown[] = [];
    for (const stage of stages) {
      parts.push(
        ...(await Promise.all(
          stage.map(async (c) => (await client(c.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: c.body })).json()),
        )),
      );
    }
    const text = JSON.stringify(parts);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  server.on('close', () => client.close());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

/**
 * Subgraphs that answer instantly, for measuring the gateway's own work: one node:http server per
 * subgraph that passes a request it has not seen to the real subgraph once, then replays that
 * answer (keyed by the request body: the gateway sends the same body for the same operation).
 */
async function instantSubgraphs(graph: ProcessGraph) {
  const client = createSubgraphFetch(30_000);
  const answers = new Map<string, string>();
  const servers = await Promise.all(
    SUBGRAPHS.map(async (name) => {
      const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => void replay().catch((e: Error) => res.destroy(e)));
        const replay = async () => {
          if (req.url === '/ready') return void res.end('{}');
          const body = Buffer.concat(chunks).toString('utf8');
          const key = `${name}\n${body}`;
          let text = answers.get(key);
          if (text === undefined) {
            const headers = { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' };
            try {
              text = await (await client(graph.url(name), { method: 'POST', headers, body })).text();
            } catch (e) {
              res.writeHead(502).end(String(e));
              return;
            }
            answers.set(key, text);
          }
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
          res.end(text);
        };
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return server;
    }),
  );
  return {
    urls: servers.map(urlOf),
    /** Answers recorded so far: constant while a shape is measured, or some request was not replayed. */
    recorded: () => answers.size,
    close() {
      for (const s of servers) s.close();
      client.close();
    },
  };
}

async function floorServer(floor: Floor, shape: Shape): Promise<Server> {
  const server = serve(async (req, res) => {
    req.resume();
    const text = JSON.stringify({ data: await floor.answer(shape) });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

/** An HTTP server whose async handler's failure ends the response (instead of an unhandled rejection). */
const serve = (handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => createServer((req, res) => void handler(req, res).catch((e: Error) => res.destroy(e)));

const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/graphql`;
const fmt = (n: number | null, digits = 1) => (n === null ? '—' : n.toFixed(digits));

/** The databases of one graph: demo data (+ seed:large at SCALE), made before its processes start (MariaDB ones pushed on `dbs`). */
export async function prepareData(label: string, dbs: TestDatabase[], db: 'sqlite' | 'mariadb' = DB, scale = SCALE) {
  const sqliteDir = db === 'sqlite' ? mkdtempSync(join(tmpdir(), `gg-bench-${label}-`)) : undefined;
  const urls: Partial<Record<SubgraphName, string>> = {};
  const configs = {} as Record<SubgraphName, DatabaseConfig>;
  for (const s of SUBGRAPHS) {
    if (sqliteDir) {
      configs[s] = { type: 'sqlite', file: join(sqliteDir, `${s}.sqlite`) };
    } else {
      const created = KEEP_DATA
        ? await createTestDatabase('mariadb', `bench_keep_${String(scale).replace('.', '_')}_${label}_${s}`, { keep: true })
        : await createTestDatabase('mariadb', `bench_${label}_${s}`);
      dbs.push(created);
      urls[s] = (created.config as { url: string }).url;
      configs[s] = created.config;
    }
  }
  // Production refuses ORGANIZATION_SEED=true (public demo passwords): the demo data goes in first, in development mode.
  for (const s of SUBGRAPHS) {
    const p = s.toUpperCase().replace(/-/g, '_');
    const c = configs[s];
    execFileSync(process.execPath, [join(__dirname, '..', '..', 'subgraphs', s, 'dist', 'main.js'), '--migrate-only'], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        ...(c.type === 'sqlite' ? { [`${p}_SQLITE_FILE`]: c.file } : { [`${p}_DATABASE_URL`]: c.url }),
      },
      stdio: 'inherit',
    });
  }
  if (scale > 0) await seedLarge({ scale, databases: configs, stderr: process.stderr });
  return { sqliteDir, databaseUrls: sqliteDir ? undefined : urls };
}

async function main() {
  const shapes = SHAPES.filter((s) => !ONLY || ONLY.includes(s.name));
  if (!shapes.length) throw new Error(`BENCH_SHAPES: none of ${ONLY?.join(', ')} is one of ${SHAPES.map((s) => s.name).join(', ')}`);
  build();
  const dbs: TestDatabase[] = [];
  const prepare = (label: string) => prepareData(label, dbs);
  console.log(`preparing the data (demo + seed:large at scale ${SCALE}; SQLite: two copies) and starting the graph on it twice (batching on and off) on ${DB}...`);
  // Measured as production runs: NODE_ENV=production switches graphql-js's development-only
  // checks off (its instanceOf guard alone was ~9% of CPU); the demo data is seeded beforehand (prepare).
  const env = {
    LIMIT_MAX_COST: '100000000',
    NODE_ENV: 'production',
    AUTH_JWT_KEYS: `bench:${randomBytes(32).toString('hex')}`,
  };
  const data = await prepare('on');
  const graph = await startProcessGraph({ ...data, env });
  // On MariaDB both graphs read the same databases (a large data set is seeded once); SQLite files
  // are cheap to copy and keep each graph's processes to their own files.
  const noBatch = await startProcessGraph({ ...(DB === 'mariadb' ? { databaseUrls: data.databaseUrls } : await prepare('off')), env: { ...env, DATALOADER_BATCH: 'false' } });
  const instant = await instantSubgraphs(graph);
  const alone = await startGatewayProcess(instant.urls, env);
  const hive = await startHiveGateway(graph, env);
  // The same gateway with GATEWAY_WORKERS=2 (cluster): what a second core buys under load.
  const twoWorkers = await startGatewayProcess(
    SUBGRAPHS.map((s) => graph.url(s)),
    { ...env, GATEWAY_WORKERS: '2' },
  );
  const floor = await createFloor(
    DB === 'sqlite' ? { sqliteDir: graph.dir } : { mysqlUrls: Object.fromEntries(SUBGRAPHS.map((s, i) => [s, (dbs[i].config as { url: string }).url])) as never },
  );
  for (const shape of shapes) if (shape.name === 'deep') shape.variables = { after: await floor.middleCursor() };
  const servers: Server[] = [];
  const rows: Row[] = [];
  const callsAlone: Record<string, Record<string, number>> = {};
  try {
    const token = await graph.login('executive@example.com');
    const tokenNoBatch = await noBatch.login('executive@example.com');
    for (const shape of shapes) {
      const body = JSON.stringify({ query: shape.query, variables: shape.variables });
      const viaGateway = await fetch(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }).then(
        (r) => r.json() as Promise<GraphQLBody>,
      );
      if (viaGateway.errors) throw new Error(`${shape.name}: ${JSON.stringify(viaGateway.errors)}`);
      const floorAnswer = await floor.answer(shape);
      const same = JSON.stringify(floorAnswer) === JSON.stringify(viaGateway.data);
      if (!same) console.warn(`warning: the raw-SQL floor's JSON differs from the gateway's for ${shape.name}`);
      const viaAlone = await fetch(alone.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }).then((r) => r.text());
      if (JSON.stringify(JSON.parse(viaAlone)) !== JSON.stringify(viaGateway))
        throw new Error(`${shape.name}: the gateway over instant subgraphs answers differently: ${viaAlone.slice(0, 300)}`);
      const viaHive = await fetch(hive.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }).then((r) => r.text());
      const hiveSame = JSON.stringify(JSON.parse(viaHive)) === JSON.stringify(viaGateway);
      if (!hiveSame) console.warn(`warning: ${HIVE} answers ${shape.name} differently: ${viaHive.slice(0, 300)}`);
      const leaves = leafRows(viaGateway.data);
      const stages = await recordPlan(graph, shape, token);
      const direct = await directServer(stages, token);
      const floorHttp = await floorServer(floor, shape);
      servers.push(direct, floorHttp);
      // `g`: the graph whose statements are counted; `gateway`: the gateway whose subgraph fetches are.
      // `pid`: the gateway process whose CPU and RSS are read.
      const targets: { name: string; url: string; headers: Record<string, string>; g?: ProcessGraph; gateway?: string; pid?: number }[] = [
        { name: 'gateway', url: graph.gatewayUrl, headers: { authorization: `Bearer ${token}` }, g: graph, gateway: graph.gatewayUrl, pid: graph.process('gateway').pid },
        { name: HIVE, url: hive.url, headers: { authorization: `Bearer ${token}` }, g: graph, pid: hive.pid },
        { name: TWO_WORKERS, url: twoWorkers.url, headers: { authorization: `Bearer ${token}` }, g: graph },
        { name: 'direct subgraph calls', url: urlOf(direct), headers: {}, g: graph },
        { name: 'raw-SQL floor', url: urlOf(floorHttp), headers: {} },
        // Without batching a report costs a statement per row: at scale 1 (thousands of rows) a request
        // outlasts the subgraph timeout, so the target runs only at the scales it can answer.
        ...(SCALE <= NO_BATCH_MAX_SCALE || shape.name !== 'report'
          ? [{ name: 'gateway, batching off', url: noBatch.gatewayUrl, headers: { authorization: `Bearer ${tokenNoBatch}` }, g: noBatch, gateway: noBatch.gatewayUrl }]
          : []),
        { name: 'gateway alone', url: alone.url, headers: { authorization: `Bearer ${token}` }, gateway: alone.url, pid: alone.pid },
      ];
      const recorded = instant.recorded();
      // Warm every target up before measuring any: the first target measured would otherwise pay
      // the processes' JIT warm-up for this shape's code paths (and the others would not).
      for (const t of targets) await warmUp(t.url, body, t.headers, WARMUP);
      const latencies = await interleavedLatency(targets.map((t) => ({ ...t, body })));
      for (const [i, t] of targets.entries()) {
        const latency = latencies[i];
        // Statements and subgraph requests are counted over the throughput run (one target at a time).
        const sqlBefore = t.g ? (await Promise.all(SUBGRAPHS.map((s) => scrape(t.g!.url(s), 'db_statements_total')))).reduce((a, b) => a + b, 0) : 0;
        const fetchBefore = t.gateway ? await scrape(t.gateway, 'gateway_subgraph_fetch_duration_seconds_count') : 0;
        // The peer has no fetch metric: its subgraph requests are counted by the subgraphs.
        const subgraphRequests = async () => (await Promise.all(SUBGRAPHS.map((s) => scrape(graph.url(s), 'graphql_requests_total')))).reduce((a, b) => a + b, 0);
        const countedBySubgraphs = t.name === HIVE || t.name === TWO_WORKERS;
        const requestsBefore = countedBySubgraphs ? await subgraphRequests() : 0;
        const cpuBefore = t.pid ? cpuMs(t.pid) : 0;
        const throughput = await run(t.url, body, t.headers, CONNECTIONS);
        const cpuAfter = t.pid ? cpuMs(t.pid) : 0;
        // Per request over every request sent: the last ones were still in flight when autocannon
        // stopped (a tenth of a report run at 10 connections); they finish before the counts are read.
        const requests = throughput.requests.sent;
        await new Promise((r) => setTimeout(r, 1000));
        const sqlAfter = t.g ? (await Promise.all(SUBGRAPHS.map((s) => scrape(t.g!.url(s), 'db_statements_total')))).reduce((a, b) => a + b, 0) : 0;
        const fetchAfter = t.gateway ? await scrape(t.gateway, 'gateway_subgraph_fetch_duration_seconds_count') : 0;
        const requestsAfter = countedBySubgraphs ? await subgraphRequests() : 0;
        rows.push({
          shape: shape.name,
          target: t.name,
          rps: throughput.requests.average,
          p50: latency.p50,
          mean1: latency.mean,
          p99: throughput.latency.p99,
          sqlPerRequest: t.g ? (sqlAfter - sqlBefore) / requests : t.name === 'raw-SQL floor' ? floor.statementsPerAnswer : 0,
          subgraphRequestsPerRequest: t.gateway
            ? (fetchAfter - fetchBefore) / requests
            : countedBySubgraphs
              ? (requestsAfter - requestsBefore) / requests
              : t.name.startsWith('direct')
                ? stages.flat().length
                : 0,
          gatewayRssMb: t.pid ? rssMb(t.pid) : null,
          gatewayPeakRssMb: t.pid ? rssMb(t.pid, 'VmHWM') : null,
          gatewayCpuMs: t.pid ? (cpuAfter - cpuBefore) / requests : null,
          leafRows: leaves,
        });
        const r = rows[rows.length - 1];
        console.log(
          `${shape.name.padEnd(7)} ${t.name.padEnd(27)} ${fmt(r.rps).padStart(8)} req/s  p50 ${fmt(r.p50, 2).padStart(6)} ms  p99 ${fmt(r.p99).padStart(6)} ms  SQL/req ${fmt(r.sqlPerRequest).padStart(6)}  subgraph req/req ${fmt(r.subgraphRequestsPerRequest).padStart(5)}  gateway RSS ${fmt(r.gatewayRssMb, 0).padStart(4)} MB (peak ${fmt(r.gatewayPeakRssMb, 0)})  CPU/req ${fmt(r.gatewayCpuMs, 2).padStart(5)} ms  (${leaves} leaf rows${t.name === 'raw-SQL floor' ? (same ? ', same JSON' : ', JSON DIFFERS') : t.name === HIVE ? (hiveSame ? ', same JSON' : ', JSON DIFFERS') : ''})`,
        );
      }
      // Each subgraph call of the plan timed alone, and what any request costs each subgraph.
      const trivial = JSON.stringify({ query: '{ __typename }' });
      const calls = [
        ...stages.flat().map((c) => ({ label: c.subgraph, url: c.url, body: c.body })),
        ...SUBGRAPHS.map((s) => ({ label: `${s} { __typename }`, url: graph.url(s), body: trivial })),
      ];
      const callTimes = await interleavedLatency(calls.map((c) => ({ ...c, headers: { authorization: `Bearer ${token}` } })));
      callsAlone[shape.name] = Object.fromEntries(calls.map((c, i) => [c.label, callTimes[i].p50]));
      console.log(`${shape.name.padEnd(7)} subgraph calls alone, p50: ${calls.map((c, i) => `${c.label} ${fmt(callTimes[i].p50, 2)} ms`).join(', ')}`);
      if (instant.recorded() !== recorded) throw new Error(`${shape.name}: the gateway alone sent a request that was not replayed, so it did not measure the gateway alone`);
    }
    // Last, with every process warm.
    const idle = await idleLatency(graph.url('organization'), JSON.stringify({ query: '{ __typename }' }), { authorization: `Bearer ${token}` }, 15);
    console.log(
      `\na trivial request to a subgraph ({ __typename }): p50 ${fmt(idle.backToBack, 2)} ms back to back, ${fmt(idle.afterIdle, 2)} ms after 15 ms idle (what a hop costs when its process was waiting)`,
    );
    console.log('\nratios (p50 latency at 1 connection; throughput at ' + CONNECTIONS + ' connections in brackets):');
    for (const shape of shapes) {
      const get = (t: string) => rows.find((r) => r.shape === shape.name && r.target === t)!;
      const find = (t: string) => rows.find((r) => r.shape === shape.name && r.target === t);
      const gw = get('gateway');
      const floorRow = get('raw-SQL floor');
      const direct = get('direct subgraph calls');
      const off = find('gateway, batching off');
      const alone = get('gateway alone');
      const peer = get(HIVE);
      console.log(
        `  ${shape.name.padEnd(7)} gateway/floor ${(gw.p50 / floorRow.p50).toFixed(1)}x [${(floorRow.rps / gw.rps).toFixed(1)}x]   gateway/direct ${(gw.p50 / direct.p50).toFixed(1)}x [${(direct.rps / gw.rps).toFixed(1)}x]   batching off/on ${off ? `${(off.p50 / gw.p50).toFixed(1)}x` : `— (not run above scale ${NO_BATCH_MAX_SCALE})`}   gateway overhead per subgraph fetch ${((gw.p50 - direct.p50) / gw.subgraphRequestsPerRequest!).toFixed(2)} ms`,
      );
      // The gateway's own work, whatever the subgraphs cost: over subgraphs that answer instantly.
      console.log(
        `          gateway alone (instant subgraphs) ${alone.p50.toFixed(2)} ms = ${(alone.p50 / alone.subgraphRequestsPerRequest!).toFixed(2)} ms per subgraph fetch = ${(alone.p50 / floorRow.p50).toFixed(1)}x the floor`,
      );
      const two = get(TWO_WORKERS);
      console.log(
        `          GATEWAY_WORKERS=2 vs 1: ${two.rps.toFixed(1)} vs ${gw.rps.toFixed(1)} req/s at ${CONNECTIONS} connections (${(two.rps / gw.rps).toFixed(2)}x; the subgraphs share the same ${cpus().length} cores)`,
      );
      // Target 3: this gateway against the best Node peer, same supergraph, subgraphs and data.
      console.log(
        `          this gateway vs ${HIVE}: p50 ${gw.p50.toFixed(2)} / ${peer.p50.toFixed(2)} ms, ${gw.rps.toFixed(1)} / ${peer.rps.toFixed(1)} req/s, gateway CPU ${fmt(gw.gatewayCpuMs, 2)} / ${fmt(peer.gatewayCpuMs, 2)} ms per request`,
      );
    }
    const dir = join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${DB}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        { at: new Date().toISOString(), db: DB, scale: SCALE, durationSeconds: DURATION, connections: CONNECTIONS, node: process.version, rows, callsAlone, trivialRequest: idle },
        null,
        2,
      ),
    );
    console.log(`\nresults written to ${file}`);
  } finally {
    for (const s of servers) s.close();
    alone.stop();
    hive.stop();
    twoWorkers.stop();
    instant.close();
    await floor.close();
    await graph.stop();
    await noBatch.stop();
    for (const d of dbs) await d.drop().catch(() => undefined);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

/*
 * Session 10 (issue 23), MariaDB, scale 0.005, one run on a quiet machine after idle polling was made
 * cheap (keep-alive node:http and reused service tokens for feed and revocation polls: an idle gateway
 * 43.5 -> 21.5 ms CPU/s, a subgraph 47-65 -> 34-42), p50 / req/s / gateway CPU per request:
 *
 *                 gateway               Hive+Rust             direct     floor     gateway/floor
 *   list         11.5 / 142 / 2.95     13.4 / 120 / 4.52      8.2 ms    1.5 ms    7.5x [6.5x]
 *   deep         12.8 / 136 / 3.39     13.2 / 149 / 3.43      8.9 ms    2.4 ms    5.3x [5.0x]
 *   report       30.0 /  52 / 9.70     30.4 /  60 / 7.08     23.5 ms   11.2 ms    2.7x [2.4x]
 *
 * Scale 1.0 (BENCH_SCALE=1 BENCH_KEEP_DATA=1, list,deep): list 14.6 ms / 133 req/s, deep page (the
 * 100,000th complaint) 11.9 ms / 140 req/s. The report at scale 1 returns 46,116 leaf rows (1.55 MB):
 * 1.8-2.0 s p50 by hand, 1.2 req/s at 10 connections, gateway peak RSS 452 MB; the bench's 30 s client
 * timeout stops its report run at this scale. See README, Performance.
 */

/*
 * Session 6 (issue 23), report only, 2-core machine shared with four engineers running test suites
 * (load average 5-7; the MariaDB floor measured 17.9 ms against 9.8 ms in session 5), p50 / req/s:
 *
 *                gateway       Hive+Rust     2 workers     direct        floor          alone   calls alone org/cs/mkt  gateway CPU/req ours/Hive
 *   MariaDB      29.7 / 42     27.9 / 45     28.3 / 44     22.5 / 59     17.9 / 129     7.0     1.4 / 5.4 / 7.7 ms     8.9 / 8.7 ms
 *   SQLite       21.7 / 39     21.1 / 44     26.0 / 32     16.2 / 63      3.7 / 200     6.3     0.8 / 4.5 / 5.4 ms     9.8 / 8.1 ms
 *
 * Main (413ad59) an hour earlier, same load: SQLite 39.6 / 30.6 / 5.3 ms (gateway / direct / floor),
 * calls alone 1.1 / 5.7 / 6.7 ms. Wall-clock moved by more than the changes between runs here, so each
 * change was judged by `npm run bench:calls` (CPU per subgraph call, the previous build side by side):
 * on MariaDB, main -> session 6: organization 1.00 -> 0.93, customer-service 3.57 -> 3.13, marketing
 * 4.90 -> 4.40 ms per report call (-11%). Per change: argument validation without type-graphql's
 * per-call require (customer-service -6%), plain fields on graphql-js's default resolver (with the
 * former -12%), Customer.tags as one batched loader (marketing -9%), mysql2 trace off and selected
 * columns cached per operation field (organization -8%, marketing -3%). Target 3 (ahead of Hive
 * Gateway + Rust planner) not met: 3-6% behind at p50, 6-12% in req/s. See README, Performance.
 *
 * Last figures (issue #9, session 5), 2-core shared virtual machine (drifts 10-20% and more from
 * run to run), BENCH_SCALE 0.005 (report: 1,192 leaf rows), p50 at one connection (targets in
 * turns, after warm-up) / requests per second at 10 connections:
 *
 *   SQLite              gateway          direct calls     raw-SQL floor     gateway alone    gateway/floor  overhead per fetch
 *   mobile (3 rows)      6.8 ms / 228     3.8 ms / 588    0.27 ms / 3861     2.0 ms / 1135   25x [17x]      1.0 ms (alone 0.7)
 *   list (69 rows)       9.4 ms / 223     5.6 ms / 313    0.55 ms / 2143     2.3 ms / 515    17x [9.6x]     1.3 ms (alone 0.8)
 *   report (1,192 rows) 27.2 ms / 42     20.6 ms / 65     4.0 ms / 275      9.8 ms / 134    6.9x [6.5x]    2.2 ms (alone 3.3)
 *   subgraph calls alone (report): organization 1.3, customer-service 6.1, marketing 6.4 ms;
 *   a trivial request 0.8 ms back to back, 1.6 ms after 15 ms idle.
 *
 *   MariaDB
 *   mobile              10.9 ms / 184     7.6 ms / 345    0.80 ms / 2206     1.7 ms / 1065   14x [12x]      1.1 ms (alone 0.6)
 *   list                12.0 ms / 113     8.1 ms / 147    1.5 ms / 585       2.2 ms / 359    8.2x [5.2x]    1.3 ms (alone 0.7)
 *   report              31.6 ms / 52     24.7 ms / 66     9.8 ms / 122       7.0 ms / 108    3.2x [2.3x]    2.3 ms (alone 2.3)
 *
 * Two other full runs the same day: SQLite report 25.5 / 18.9 / 4.4 ms (5.8x), gateway alone 7.0 ms;
 * 28.8 / 22.2 / 5.9 ms (4.9x), alone 9.8 ms. MariaDB report 29.7 / 25.4 / 10.5 ms (2.8x, overhead per
 * fetch 1.4 ms); a report-only run 48.1 / 37.7 / 23.1 ms (3.3 ms per fetch).
 *
 * History. Session 5 (measurement only, no change to the graph): the gateway alone (over subgraphs
 * that answer instantly) and each subgraph call alone show where the report's p50 goes: the gateway's
 * own work 7-10 ms (a quarter of its CPU in Apollo's result shaping, a sixth in GC), the subgraphs'
 * 13.8 ms timed alone, and ~3.6 ms of processes taking turns (a process that waited 15 ms answers a
 * trivial request in 1.6 ms instead of 0.8 ms on this machine; a bare node:http echo: 0.08 -> 0.65 ms).
 * Per-request counts now divide by requests sent (in-flight ones at autocannon's stop had made a
 * report look like 3.1 fetches).
 *
 * Session 4 figures (same method; the same floor measured 3.5 ms then, 4.0-5.9 ms today): SQLite mobile 6.7 ms (29x), list 6.7 ms (14x),
 * report 20.7 / 15.2 / 3.5 ms (5.9x); MariaDB mobile 11.2 ms, list 13.1 ms, report 38.3 / 29.8 /
 * 12.7 ms (3.0x).
 *
 * History. Session 4: reads run outside the AsyncLocalStorage scopes (promise hooks off: ~10% of a
 * subgraph's CPU), loaders by id hydrate without TypeORM's transformer, cursors are encoded only
 * when selected, entity fetches' cost estimates are cached. CPU per report request (profiles):
 * marketing ~7.7 -> ~5.6 ms, customer-service ~6.9 -> ~6.2 ms; the direct calls 17.5 -> 15.2 ms at
 * p50 (this bench, same method, on the previous commit: report 21.5 / 17.5 / 3.2 ms = 6.7x, mobile
 * 6.7 ms, list 6.0 ms). The method changed in the same session: before it, the first target of each
 * shape (the gateway) paid the processes' JIT warm-up and the targets ran one after another, which
 * inflated the gateway's overhead per fetch for mobile and list (2.0 and 1.6 ms in session 3).
 * What is left is mostly the gateway's own work per row (~9 ms CPU for the report: Apollo's result
 * shaping, JSON in and out, GC), about 2.5 times the whole floor by itself.
 *
 * Session 3 (old method), SQLite: mobile 9.6 ms (49x), list 10.0 ms (21x), report 23.0 ms (6.4x);
 * MariaDB report 38.2 ms (3.8x). Before session 3 (same machine, same data, SQLite, measured with CPU
 * time per report request in each process): gateway 29.6 -> 12.9 ms, customer-service 27.1 -> 8.6,
 * marketing 66.1 -> 9.1, organization 9.8 -> 4.6; the report's p50 through the gateway 116 -> 28 ms
 * (under load) with byte-identical answers. What did it, in order of effect: marketing no longer
 * joins every tag column to every assignment (ids, then the distinct tags: 16.7 -> 2 ms of SQL);
 * nested lists read only the selected columns (the complaints page: 33 -> 5 columns); keep-alive
 * node:http from the gateway instead of fetch; 32 MB semi-spaces; verified tokens and cost
 * estimates remembered; no cache-control plugin; entity representations de-duplicated.
 *
 * The demo-only report (192 rows, BENCH_SCALE=0) is dominated by the fixed cost per HTTP hop.
 */
