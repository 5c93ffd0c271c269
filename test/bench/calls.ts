/**
 * `npm run bench:calls`: CPU time per subgraph call of a shape's plan — what each subgraph process
 * spends serving one call, read from /proc (utime + stime) over many calls made back to back. CPU
 * time, unlike wall-clock latency, moves little when other processes share the machine, so this is
 * the figure to compare before and after a change to a subgraph's execution path.
 *
 * `CALLS_BEFORE=<git revision>` (e.g. HEAD) compares: that revision is built once into
 * /tmp/gg-before-<revision> (its own copy, sharing this node_modules) and both graphs run side by
 * side on the same data, their measurements taking turns so that the machine's drift falls on both.
 *
 * Options (environment): BENCH_DB=sqlite|mariadb, BENCH_SCALE (default 0.005), BENCH_SHAPES
 * (default report), CALLS per measurement (default 300), REPS (default 5; the least and the median
 * are printed), CALLS_DATA_DIR (SQLite: keep the prepared data there and reuse it), CPU_PROF=1: a
 * V8 CPU profile of each call's first measured repetition in CPU_PROF_DIR (default
 * /tmp/gg-cpu-prof; see cpu-prof-preload.js).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { build, ProcessGraph, ROOT, startProcessGraph, SubgraphName } from '../support/processes';
import type { TestDatabase } from '@group/shared/testing';
import { createSubgraphFetch } from '../../shared/src/server/subgraph-fetch';
import { prepareData, recordPlan, SHAPES } from './bench';

const CALLS = Number(process.env.CALLS ?? 300);
const REPS = Number(process.env.REPS ?? 5);
const ONLY = (process.env.BENCH_SHAPES ?? 'report').split(',');
const PROF_DIR = process.env.CPU_PROF_DIR ?? '/tmp/gg-cpu-prof';
const SQLITE = (process.env.BENCH_DB ?? 'sqlite') === 'sqlite';

/** CPU milliseconds (user + system) the process has used so far. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** A built copy of the repository at `rev`: its sources (git archive), this node_modules (links), tsc -b. */
function buildRevision(rev: string): string {
  const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = join(tmpdir(), `gg-before-${sha}`);
  if (existsSync(join(dir, 'subgraphs', 'marketing', 'dist', 'main.js'))) return dir;
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${sha} | tar -x -C ${dir}`], { cwd: ROOT });
  // Every package links to this node_modules, except the workspaces (@group/*), which are the copy's own.
  mkdirSync(join(dir, 'node_modules', '@group'), { recursive: true });
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== '@group' && name !== '.bin') symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  for (const name of readdirSync(join(ROOT, 'node_modules', '@group'))) {
    const target = name === 'shared' || name === 'gateway' ? join('..', '..', name) : join('..', '..', 'subgraphs', name);
    symlinkSync(target, join(dir, 'node_modules', '@group', name));
  }
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: dir, stdio: 'inherit' });
  } catch (e) {
    // Declaration errors about the linked node_modules (TS2742) still emit the JavaScript.
    if (!existsSync(join(dir, 'subgraphs', 'marketing', 'dist', 'main.js'))) throw e;
  }
  return dir;
}

async function main() {
  build();
  const before = process.env.CALLS_BEFORE ? buildRevision(process.env.CALLS_BEFORE) : undefined;
  const dbs: TestDatabase[] = [];
  const keep = process.env.CALLS_DATA_DIR;
  const data = async (label: string) => {
    if (!keep || !SQLITE) return prepareData(label, dbs);
    if (!existsSync(join(keep, 'marketing.sqlite'))) cpSync((await prepareData(label, dbs)).sqliteDir!, keep, { recursive: true });
    const sqliteDir = mkdtempSync(join(tmpdir(), 'gg-calls-'));
    cpSync(keep, sqliteDir, { recursive: true });
    return { sqliteDir, databaseUrls: undefined };
  };
  const env: Record<string, string> = { LIMIT_MAX_COST: '100000000', NODE_ENV: 'production', AUTH_JWT_KEYS: `bench:${randomBytes(32).toString('hex')}` };
  if (process.env.CPU_PROF) Object.assign(env, { NODE_OPTIONS: `--require ${join(__dirname, 'cpu-prof-preload.js')}`, CPU_PROF_DIR: PROF_DIR });
  const graphs: { label: string; graph: ProcessGraph; token: string }[] = [];
  const client = createSubgraphFetch(30_000);
  try {
    for (const [label, root] of [...(before ? [['before', before]] : []), ['this tree', ROOT]]) {
      const graph = await startProcessGraph({ ...(await data(label.replace(/ /g, '_'))), env, root });
      graphs.push({ label, graph, token: await graph.login('executive@example.com') });
    }
    for (const shape of SHAPES.filter((s) => ONLY.includes(s.name))) {
      const plan = (await recordPlan(graphs[0].graph, shape, graphs[0].token)).flat();
      const totals = graphs.map(() => 0);
      for (const c of plan) {
        const name = c.subgraph as SubgraphName;
        const runs = graphs.map(({ graph, token }) => {
          const url = graph.url(name);
          const post = async () => {
            const res = await client(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: c.body });
            const text = await res.text();
            if (res.status !== 200 || text.includes('"errors"')) throw new Error(`${name}: ${res.status} ${text.slice(0, 300)}`);
            return text;
          };
          return { pid: graph.process(name).pid!, post, perCall: [] as number[] };
        });
        const answers = await Promise.all(runs.map((r) => r.post()));
        if (answers.some((a) => a !== answers[0])) console.warn(`warning: ${name} answers differently in the two builds`);
        for (const r of runs) for (let i = 0; i < CALLS / 2; i++) await r.post(); // warm-up
        for (let rep = 0; rep < REPS; rep++) {
          for (const r of runs) {
            const profile = process.env.CPU_PROF && rep === 0;
            if (profile) process.kill(r.pid, 'SIGUSR2');
            const t = cpuMs(r.pid);
            for (let i = 0; i < CALLS; i++) await r.post();
            r.perCall.push((cpuMs(r.pid) - t) / CALLS);
            if (profile) process.kill(r.pid, 'SIGUSR2');
          }
        }
        const line = runs.map((r, i) => {
          const sorted = [...r.perCall].sort((a, b) => a - b);
          totals[i] += sorted[0];
          return `${graphs[i].label} ${sorted[0].toFixed(2)} (median ${sorted[sorted.length >> 1].toFixed(2)})`;
        });
        console.log(`${shape.name} ${name.padEnd(16)} CPU ms per call, least of ${REPS}: ${line.join('   ')}`);
      }
      console.log(`${shape.name} total: ${graphs.map((g, i) => `${g.label} ${totals[i].toFixed(2)} ms`).join('   ')}`);
    }
  } finally {
    client.close();
    for (const g of graphs) await g.graph.stop();
    for (const d of dbs) await d.drop().catch(() => undefined);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
