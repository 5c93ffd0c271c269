import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_FLAGS } from '../../shared/src/server/node-flags';

/**
 * The fault suite runs the real processes (built dist/, as production does)
 * so it can kill, restart and signal them. All traffic is on loopback; every
 * load loop is bounded in count and time.
 */
export const ROOT = join(__dirname, '..', '..');
export const SUBGRAPHS = ['organization', 'customer-service', 'marketing'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];
const PREFIX: Record<SubgraphName, string> = { organization: 'ORGANIZATION', 'customer-service': 'CUSTOMER_SERVICE', marketing: 'MARKETING' };

export function build() {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: ROOT, stdio: 'inherit' });
}

export async function until<T>(fn: () => Promise<T | undefined>, timeoutMs: number, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Every service process here: development mode, quiet logs, no rate limit (tests fire many requests
 * per account), no scheduled jobs (a test that needs one runs it itself).
 */
const SERVICE_ENV = { NODE_ENV: 'development', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', JOBS_INTERVAL_MS: '0' };

/** One service process (built dist/ script) on our environment, SERVICE_ENV and `env`; its stderr on ours. */
function spawnService(script: string, env: Record<string, string>, root = ROOT): ChildProcess {
  return spawn(process.execPath, [...NODE_FLAGS, join(root, script)], { cwd: root, env: { ...process.env, ...SERVICE_ENV, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

function ready(u: string, child: ChildProcess) {
  return until(
    async () => {
      if (child.exitCode !== null) throw new Error(`${u} exited with ${child.exitCode}`);
      return (await fetch(u.replace(/\/graphql$/, '/ready'))).ok ? true : undefined;
    },
    60_000,
    `${u} ready`,
  );
}

/** A gateway process alone, over the given subgraph URLs (`urls` in SUBGRAPHS order). */
/**
 * A random port (and the few after it) for a spawned process, below Linux's ephemeral range (32768 and up):
 * there, an outgoing connection of any process could take the port between our pick and the child's listen
 * (seen in CI: EADDRINUSE on a subgraph port).
 */
const randomPortBase = () => 20000 + Math.floor(Math.random() * 12000);

export async function startGatewayProcess(urls: string[], env: Record<string, string> = {}) {
  const port = randomPortBase();
  const child = spawnService('gateway/dist/main.js', {
    REVOCATION_POLL_MS: '0',
    ...env,
    GATEWAY_PORT: String(port),
    ORGANIZATION_URL: urls[0],
    CUSTOMER_SERVICE_URL: urls[1],
    MARKETING_URL: urls[2],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await ready(url, child);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return { url, pid: child.pid!, stop: () => void child.kill('SIGKILL') };
}

export interface ProcessGraph {
  base: number;
  /** Folder of the SQLite files (when no database URLs were given). */
  dir: string;
  gatewayUrl: string;
  url(name: SubgraphName): string;
  start(name: SubgraphName): Promise<void>;
  kill(name: SubgraphName, signal?: NodeJS.Signals): Promise<number | null>;
  process(name: SubgraphName | 'gateway'): ChildProcess;
  login(email: string): Promise<string>;
  post(query: string, token?: string, url?: string, timeoutMs?: number): Promise<{ status: number; body: any; ms: number }>;
  stop(): Promise<void>;
}

/** Three subgraph processes and a gateway process on fresh databases (SQLite unless `databaseUrls` are given). */
export async function startProcessGraph(
  opts: {
    databaseUrls?: Partial<Record<SubgraphName, string>>;
    env?: Record<string, string>;
    /** Folder of already prepared SQLite files. */
    sqliteDir?: string;
    /** Another build of the repository to run (the benchmark's before/after comparisons); default this one. */
    root?: string;
  } = {},
): Promise<ProcessGraph> {
  const dir = opts.sqliteDir ?? mkdtempSync(join(tmpdir(), 'gg-faults-'));
  const base = randomPortBase();
  const port = (name: SubgraphName) => base + 1 + SUBGRAPHS.indexOf(name);
  const url = (name: SubgraphName) => `http://127.0.0.1:${port(name)}/graphql`;
  const procs = new Map<string, ChildProcess>();
  const env: Record<string, string> = {
    SUBGRAPH_TIMEOUT_MS: '3000',
    SHUTDOWN_GRACE_MS: '5000',
    GATEWAY_PORT: String(base),
    ORGANIZATION_URL: url('organization'),
    CUSTOMER_SERVICE_URL: url('customer-service'),
    MARKETING_URL: url('marketing'),
    ...opts.env,
  };
  const spawnNode = (key: string, script: string, extra: Record<string, string>) => {
    const child = spawnService(script, { ...env, ...extra }, opts.root);
    procs.set(key, child);
    return child;
  };

  const graph: ProcessGraph = {
    base,
    dir,
    gatewayUrl: `http://127.0.0.1:${base}/graphql`,
    url,
    async start(name) {
      const p = PREFIX[name];
      const child = spawnNode(name, `subgraphs/${name}/dist/main.js`, {
        [`${p}_PORT`]: String(port(name)),
        [`${p}_SQLITE_FILE`]: join(dir, `${name}.sqlite`),
        ...(opts.databaseUrls?.[name] ? { [`${p}_DATABASE_URL`]: opts.databaseUrls[name] } : {}),
      });
      await ready(url(name), child);
    },
    async kill(name, signal = 'SIGKILL') {
      const child = procs.get(name)!;
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill(signal);
      return exited;
    },
    process: (name) => procs.get(name)!,
    async login(email) {
      const r = await graph.post(`mutation { login(input: { email: "${email}", password: "demo-password" }) { token } }`);
      return r.body.data.login.token;
    },
    async post(query, token, target = graph.gatewayUrl, timeoutMs = 10_000) {
      const started = Date.now();
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, ms: Date.now() - started };
    },
    async stop() {
      await Promise.all([...procs.keys()].map((k) => graph.kill(k as SubgraphName, 'SIGKILL')));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.all(SUBGRAPHS.map((s) => graph.start(s)));
    const gw = spawnNode('gateway', 'gateway/dist/main.js', {});
    await ready(graph.gatewayUrl, gw);
  } catch (e) {
    await graph.stop();
    throw e;
  }
  return graph;
}

/** Prints a block of figures the way every fault prints them. */
export function report(title: string, figures: Record<string, string | number>) {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  console.log(
    `\n${title}\n${Object.entries(figures)
      .map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)
      .join('\n')}`,
  );
}
