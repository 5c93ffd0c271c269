/**
 * `npm run bench:bulk` (issue 22): the executive's whole-group report (companies → departments →
 * employees → customers with their tags → complaints) on the demo data plus `seed:large` at
 * BENCH_SCALE (default 0.01), two ways, through the same graph (processes, production mode, SQLite):
 *
 *   bulk    one bulkOperationRunQuery; the bulk subgraph pages every connection through the
 *           gateway and streams the JSON Lines to a file; then the file is downloaded.
 *   paged   a reporting tool paging the same report itself at the gateway's cost limit: each list
 *           100 at a time, each nested list through its parent's lookup (the requests it takes).
 *
 * Prints objects, seconds, objects/s, requests, and peak RSS (VmHWM) of the bulk subgraph, the
 * gateway and, for `paged`, of the client holding the report; writes test/bench/results/bulk-<time>.json.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '@group/shared';
import { build, ProcessGraph, startProcessGraph, SubgraphName, SUBGRAPHS, until, ROOT } from '../support/processes';
import { seedLarge } from './seed-large';

const SCALE = Number(process.env.BENCH_SCALE ?? '0.01');
const REPORT = `{ companies { edges { node { id name
  departments { edges { node { id name
    employees { edges { node { id name
      customers { edges { node { id name tags { code }
        complaints { edges { node { code status createdAt } } } } } } } } } } } } } } } }`;

/** Peak resident memory of a process (Linux), in MiB. */
const peakRss = (pid: number | undefined) => {
  if (!pid) return null;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : null;
};

async function prepare(dir: string) {
  const configs = {} as Record<SubgraphName, DatabaseConfig>;
  for (const s of SUBGRAPHS) {
    configs[s] = { type: 'sqlite', file: join(dir, `${s}.sqlite`) };
    const p = s.toUpperCase().replace(/-/g, '_');
    // The demo data first, in development mode (production refuses the demo seed).
    execFileSync(process.execPath, [join(ROOT, 'subgraphs', s, 'dist', 'main.js'), '--migrate-only'], {
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', [`${p}_SQLITE_FILE`]: join(dir, `${s}.sqlite`) },
      stdio: 'inherit',
    });
  }
  if (SCALE > 0) await seedLarge({ scale: SCALE, databases: configs, stderr: process.stderr });
}

async function main() {
  build();
  const dir = mkdtempSync(join(tmpdir(), 'gg-bench-bulk-'));
  let graph: ProcessGraph | undefined;
  let bulk: ChildProcess | undefined;
  try {
    console.log(`preparing the demo data + seed:large at scale ${SCALE} (SQLite)...`);
    await prepare(dir);
    const bulkPort = 21000 + Math.floor(Math.random() * 20000);
    const env = { NODE_ENV: 'production', AUTH_JWT_KEYS: `bench:${randomBytes(32).toString('hex')}`, BULK_URL: `http://127.0.0.1:${bulkPort}/graphql` };
    graph = await startProcessGraph({ sqliteDir: dir, env });
    bulk = spawn(process.execPath, [join(ROOT, 'subgraphs', 'bulk', 'dist', 'main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        LOG_LEVEL: process.env.BULK_LOG_LEVEL ?? 'info',
        BULK_PORT: String(bulkPort),
        BULK_SQLITE_FILE: join(dir, 'bulk.sqlite'),
        BULK_FILES_DIR: join(dir, 'files'),
        BULK_GATEWAY_URL: graph.gatewayUrl,
        BULK_PUBLIC_URL: new URL(graph.gatewayUrl).origin,
        BULK_POLL_MS: '200',
        ORGANIZATION_URL: graph.url('organization'),
        RATE_LIMIT_PER_MINUTE: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let bulkRequests = 0;
    bulk.stdout!.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (line.includes('bulk operation completed')) bulkRequests = JSON.parse(line).requests;
        if (line.includes('"bulk page"')) process.stderr.write(line + '\n');
      }
    });
    await until(async () => ((await fetch(`http://127.0.0.1:${bulkPort}/ready`)).ok ? true : undefined), 60_000, 'bulk ready');
    const token = await graph.login('executive@example.com');
    const gql = async (query: string, variables?: Record<string, unknown>) => {
      const res = await fetch(graph!.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: unknown[] };
      if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
      return body.data;
    };

    // --- bulk: one submission -----------------------------------------------------------
    let started = Date.now();
    const op = (await gql('mutation($q: String!) { bulkOperationRunQuery(query: $q) { id } }', { q: REPORT })).bulkOperationRunQuery;
    let done: any;
    for (;;) {
      done = (await gql('query($id: ID!) { bulkOperation(id: $id) { status objectCount fileSize url errorCode } }', { id: op.id })).bulkOperation;
      if (!['CREATED', 'RUNNING'].includes(done.status)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (done.status !== 'COMPLETED') throw new Error(`bulk operation ${done.status} ${done.errorCode}`);
    const file = await (await fetch(done.url)).text();
    const bulkSeconds = (Date.now() - started) / 1000;
    const bulkRow = {
      way: 'bulk (1 submission)',
      objects: done.objectCount,
      seconds: bulkSeconds,
      objectsPerSecond: done.objectCount / bulkSeconds,
      /** The client's: one submission (plus status polls); the pages the bulk subgraph sent the gateway are `graphRequests`. */
      requests: 1,
      graphRequests: 0,
      fileMiB: done.fileSize / 2 ** 20,
      bulkPeakRssMiB: peakRss(bulk.pid),
      gatewayPeakRssMiB: peakRss(graph.process('gateway').pid),
      clientPeakRssMiB: null as number | null,
    };
    if (file.split('\n').filter(Boolean).length !== done.objectCount) throw new Error('file and objectCount differ');
    await new Promise((r) => setTimeout(r, 200));
    bulkRow.graphRequests = bulkRequests;

    // --- paged by the client, at the cost limit -----------------------------------------
    started = Date.now();
    let requests = 0;
    const lines: unknown[] = [];
    const PAGE = 'pageInfo { hasNextPage endCursor }';
    const all = async (page: (after: string | null) => Promise<{ edges: { node: any }[]; pageInfo: { hasNextPage: boolean; endCursor: string } }>) => {
      const nodes: any[] = [];
      for (let after: string | null = null; ;) {
        requests++;
        const p = await page(after);
        nodes.push(...p.edges.map((e) => e.node));
        if (!p.pageInfo.hasNextPage) return nodes;
        after = p.pageInfo.endCursor;
      }
    };
    for (const c of await all(async (a) => (await gql(`query($a: String) { companies(first: 100, after: $a) { ${PAGE} edges { node { id name } } } }`, { a })).companies)) {
      lines.push(c);
      for (const d of await all(
        async (a) =>
          (await gql(`query($id: ID!, $a: String) { company(id: $id) { departments(first: 100, after: $a) { ${PAGE} edges { node { id name } } } } }`, { id: c.id, a })).company
            .departments,
      )) {
        lines.push({ ...d, __parentId: c.id });
        for (const e of await all(
          async (a) =>
            (await gql(`query($id: ID!, $a: String) { department(id: $id) { employees(first: 100, after: $a) { ${PAGE} edges { node { id name } } } } }`, { id: d.id, a }))
              .department.employees,
        )) {
          lines.push({ ...e, __parentId: d.id });
          const customers = await all(
            async (a) =>
              (
                await gql(
                  `query($id: ID!, $a: String) { employee(id: $id) { customers(first: 100, after: $a) { ${PAGE} edges { node { id name tags { code } complaints(first: 100) { ${PAGE} edges { node { code status createdAt } } } } } } } }`,
                  { id: e.id, a },
                )
              ).employee.customers,
          );
          for (const cu of customers) {
            const { complaints, ...customer } = cu;
            lines.push({ ...customer, __parentId: e.id });
            let more = complaints.pageInfo.hasNextPage ? complaints.pageInfo.endCursor : null;
            for (const co of complaints.edges) lines.push({ ...co.node, __parentId: cu.id });
            while (more) {
              requests++;
              const p = (
                await gql(`query($id: ID!, $a: String) { customer(id: $id) { complaints(first: 100, after: $a) { ${PAGE} edges { node { code status createdAt } } } } }`, {
                  id: cu.id,
                  a: more,
                })
              ).customer.complaints;
              for (const co of p.edges) lines.push({ ...co.node, __parentId: cu.id });
              more = p.pageInfo.hasNextPage ? p.pageInfo.endCursor : null;
            }
          }
        }
      }
    }
    const pagedSeconds = (Date.now() - started) / 1000;
    const pagedRow = {
      way: 'paged by the client',
      objects: lines.length,
      seconds: pagedSeconds,
      objectsPerSecond: lines.length / pagedSeconds,
      requests,
      graphRequests: requests,
      fileMiB: Buffer.byteLength(lines.map((l) => JSON.stringify(l)).join('\n')) / 2 ** 20,
      bulkPeakRssMiB: null as number | null,
      gatewayPeakRssMiB: peakRss(graph.process('gateway').pid),
      clientPeakRssMiB: process.memoryUsage().rss / 2 ** 20,
    };

    const rows = [bulkRow, pagedRow];
    console.log(`\nexecutive's report, demo + seed:large ${SCALE}, SQLite, production mode`);
    console.table(
      rows.map((r) => ({
        way: r.way,
        objects: r.objects,
        seconds: r.seconds.toFixed(1),
        'objects/s': Math.round(r.objectsPerSecond),
        'client requests': r.requests,
        'requests to the gateway': r.graphRequests,
        'MiB of JSON': r.fileMiB.toFixed(1),
        'bulk peak RSS MiB': r.bulkPeakRssMiB?.toFixed(0) ?? '—',
        'gateway peak RSS MiB': r.gatewayPeakRssMiB?.toFixed(0) ?? '—',
        'client RSS MiB': r.clientPeakRssMiB?.toFixed(0) ?? '—',
      })),
    );
    const out = join(__dirname, 'results');
    mkdirSync(out, { recursive: true });
    const path = join(out, `bulk-${new Date().toISOString().replace(/[:.]/g, '-')}-sqlite.json`);
    writeFileSync(path, JSON.stringify({ at: new Date().toISOString(), scale: SCALE, node: process.version, rows }, null, 2));
    console.log(`wrote ${path}`);
  } finally {
    bulk?.kill('SIGKILL');
    await graph?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
