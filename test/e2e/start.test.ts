import { execFileSync, spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphQLBody } from '../support/graph';

/**
 * What `npm start` runs: the launcher brings up the three subgraphs (fresh
 * embedded SQLite files, migrated and seeded) and the gateway; a query works
 * end to end; Ctrl-C (SIGINT) stops everything cleanly.
 */
const ROOT = join(__dirname, '..', '..');

async function until<T>(fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let v: T | undefined;
    try {
      v = await fn();
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('launcher exited')) throw e;
    }
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('npm start (launcher)', () => {
  beforeAll(() => {
    // Incremental: a no-op when dist/ is current (CI builds first).
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: ROOT, stdio: 'inherit' });
  }, 180_000);

  const launch = (env: Record<string, string>, args: string[] = []) => {
    const child = spawn(process.execPath, [join(ROOT, 'gateway', 'dist', 'launcher.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<{ code: number | null; output: string }>((resolve) => child.once('exit', (code) => resolve({ code, output })));
    return { child, exited, output: () => output };
  };
  const occupy = (port: number) =>
    new Promise<Server>((resolve) => {
      const s = createServer((c) => c.end());
      s.listen(port, '127.0.0.1', () => resolve(s));
    });

  it('honours <NAME>_PORT and, when a port is taken, exits within seconds naming it, having started nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-busy-'));
    const base = 20000 + Math.floor(Math.random() * 20000);
    const busy = await occupy(base + 2);
    try {
      const started = Date.now();
      const { exited } = launch({
        GATEWAY_PORT: String(base),
        ORGANIZATION_PORT: String(base + 1),
        CUSTOMER_SERVICE_PORT: String(base + 2),
        MARKETING_PORT: String(base + 3),
        ORGANIZATION_SQLITE_FILE: join(dir, 'organization.sqlite'),
        CUSTOMER_SERVICE_SQLITE_FILE: join(dir, 'customer-service.sqlite'),
        MARKETING_SQLITE_FILE: join(dir, 'marketing.sqlite'),
      });
      const { code, output } = await exited;
      expect(code).toBe(1);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(output).toContain(`port ${base + 2} (CUSTOMER_SERVICE_PORT) is already in use`);
      expect(output).not.toContain('group graph is up');
      // Nothing was started: the other ports are free and no database was created.
      for (const port of [base, base + 1, base + 3]) await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      expect(existsSync(join(dir, 'organization.sqlite'))).toBe(false);
    } finally {
      busy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses a <NAME>_PORT that contradicts <NAME>_URL', async () => {
    const { exited } = launch({ ORGANIZATION_PORT: '23001', ORGANIZATION_URL: 'http://127.0.0.1:23002/graphql' });
    const { code, output } = await exited;
    expect(code).toBe(1);
    expect(output).toContain('ORGANIZATION_PORT=23001 but ORGANIZATION_URL points at port 23002');
  }, 30_000);

  it('npm run migrate reports, per subgraph, the migrations it ran and whether it seeded; a second run runs none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-migrate-'));
    const env = {
      ORGANIZATION_SQLITE_FILE: join(dir, 'organization.sqlite'),
      CUSTOMER_SERVICE_SQLITE_FILE: join(dir, 'customer-service.sqlite'),
      MARKETING_SQLITE_FILE: join(dir, 'marketing.sqlite'),
      MARKETING_SEED: 'false',
    };
    try {
      const first = await launch(env, ['--migrate-only']).exited;
      expect(first.code).toBe(0);
      expect(first.output).toMatch(/^organization: ran \d+ migration\(s\): .+; demo data seeded$/m);
      expect(first.output).toMatch(/^customer-service: ran \d+ migration\(s\): .+; demo data seeded$/m);
      expect(first.output).toMatch(/^marketing: ran \d+ migration\(s\): .+; seed off$/m);
      const second = await launch(env, ['--migrate-only']).exited;
      expect(second.code).toBe(0);
      expect(second.output).toContain('organization: no pending migrations; seed skipped (database not empty)');
      // A database that cannot be opened fails the run, naming the subgraph.
      const broken = await launch({ ...env, MARKETING_DATABASE_URL: 'mysql://nobody@127.0.0.1:1/none' }, ['--migrate-only']).exited;
      expect(broken.code).toBe(1);
      expect(broken.output).toMatch(/marketing: process exited \(code 1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('starts the graph on SQLite with demo data, answers through the gateway, and stops on SIGINT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-start-'));
    const base = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, [join(ROOT, 'gateway', 'dist', 'launcher.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        GATEWAY_PORT: String(base),
        ORGANIZATION_PORT: String(base + 1),
        CUSTOMER_SERVICE_URL: `http://127.0.0.1:${base + 2}/graphql`,
        MARKETING_PORT: String(base + 3),
        ORGANIZATION_SQLITE_FILE: join(dir, 'organization.sqlite'),
        CUSTOMER_SERVICE_SQLITE_FILE: join(dir, 'customer-service.sqlite'),
        MARKETING_SQLITE_FILE: join(dir, 'marketing.sqlite'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      await until(async () => {
        if (child.exitCode !== null) throw new Error(`launcher exited with ${child.exitCode}:\n${output}`);
        return (await fetch(`http://127.0.0.1:${base}/ready`)).ok ? true : undefined;
      }, 90_000);
      const gql = async (query: string, token?: string) =>
        (
          await fetch(`http://127.0.0.1:${base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ query }),
          })
        ).json() as Promise<GraphQLBody>;
      // A browser landing on / is pointed to the IDE and the endpoint.
      const home = await (await fetch(`http://127.0.0.1:${base}/`)).text();
      expect(home).toContain('href="/ide"');
      expect(home).toContain('/graphql');
      const login = await gql('mutation { login(input: { email: "executive@example.com", password: "demo-password" }) { token } }');
      const token = login.data.login.token;
      const res = await gql('{ customers(first: 2) { totalCount edges { node { name segment { code } tags { code } } } } }', token);
      expect(res.errors).toBeUndefined();
      expect(res.data.customers.totalCount).toBeGreaterThan(100);
      expect(res.data.customers.edges[0].node.segment.code).toMatch(/^[A-Z]{4}$/);
    } finally {
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) console.error(output);
      expect(code).toBe(0);
    }
    // Every port is released: the subgraphs stopped too.
    for (const port of [base, base + 1, base + 2, base + 3]) {
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    }
  }, 150_000);
});
