import { execFile, execFileSync, spawn, ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { createTestDatabase, TestDatabase } from '@group/shared/testing';
import { closeNatsConnections, deleteStream } from '@group/shared';
import { ComposeService, COMPOSE_FILE, loadCompose, requiredComposeVariables } from '../support/compose';

/**
 * The production deployment of docker/compose.yaml, without a Docker engine:
 * every service started with its compose command and exactly its compose
 * environment (secrets as docker/.env would give them), on MariaDB with fresh
 * databases. Only what Docker's network provides is mapped: service host names
 * and ports become 127.0.0.1 and random ports, the database credentials those
 * of the test server. Services start in depends_on order, each once the
 * healthchecks it waits for pass; then the documented bootstrap command, a
 * sign-in and the README's example queries through the gateway.
 */
const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);
const APPS = ['organization', 'customer-service', 'marketing', 'bulk', 'gateway'];
const prefix = (name: string) => (name === 'gateway' ? 'GATEWAY' : name.toUpperCase().replace(/-/g, '_'));

/** The README's example queries: the graphql blocks of "Three example queries" (the first signs in). */
function readmeExamples(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Three example queries'), readme.indexOf('\n### ', readme.indexOf('### Three example queries') + 1));
  return [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe('docker/compose.yaml run as processes (production, MariaDB)', () => {
  const secrets = Object.fromEntries(requiredComposeVariables().map((k) => [k, k === 'AUTH_JWT_KEYS' ? `k1:${randomBytes(32).toString('hex')}` : randomBytes(16).toString('hex')]));
  const compose = loadCompose(secrets);
  const dbs: TestDatabase[] = [];
  const databaseOf: Record<string, string> = {};
  const procs: ChildProcess[] = [];
  const output: string[] = [];
  const base = 22000 + Math.floor(Math.random() * 20000);
  const ports = Object.fromEntries(APPS.map((name, i) => [name, base + i]));
  const composePort = (name: string) => compose.services[name].environment![`${prefix(name)}_PORT`];
  /** The broker: the machine's NATS JetStream (as .ci/run starts it), on a stream of this run's own. */
  const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
  const stream = `COMPOSE_${randomBytes(4).toString('hex')}`;
  /** Docker's network, here: `http://<service>:<port>` and healthcheck ports. */
  const localise = (value: string) =>
    APPS.reduce(
      (v, name) =>
        v.replaceAll(`http://${name}:${composePort(name)}/`, `http://127.0.0.1:${ports[name]}/`).replaceAll(`127.0.0.1:${composePort(name)}/`, `127.0.0.1:${ports[name]}/`),
      value,
    );
  let env: Record<string, Record<string, string>>;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: ROOT, stdio: 'inherit' });
    env = {};
    for (const name of APPS) {
      const e: Record<string, string> = {};
      for (const [k, v] of Object.entries(compose.services[name].environment!)) {
        if (k.endsWith('_DATABASE_URL')) {
          const db = await createTestDatabase('mariadb', `compose_${name}`);
          dbs.push(db);
          databaseOf[name] = (db.config as { url: string }).url;
          const url = new URL(v);
          expect(url.protocol).toBe('mariadb:');
          e[k] = (db.config as { url: string }).url;
        } else if (k === 'EVENTS_NATS_URL') {
          expect(v).toBe('nats://nats:4222');
          e[k] = natsUrl; // the machine's NATS JetStream, on a stream of this run's own
        } else if (k === 'BULK_FILES_DIR') e[k] = mkdtempSync(join(tmpdir(), 'compose-bulk-'));
        else e[k] = localise(v);
      }
      e.EVENTS_STREAM = stream;
      e[`${prefix(name)}_PORT`] = String(ports[name]);
      env[name] = e;
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : (p.once('exit', r), p.kill('SIGTERM'))))));
    for (const db of dbs) await db.drop();
    await deleteStream({ url: natsUrl, stream });
    await closeNatsConnections();
  }, 60_000);

  const healthy = async (name: string, timeoutMs = 90_000) => {
    const [cmd, ...args] = compose.services[name].healthcheck!.test.slice(1).map(localise);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ok = await run(cmd === 'node' ? process.execPath : cmd, args, { cwd: ROOT }).then(
        () => true,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${name} not healthy after ${timeoutMs} ms:\n${output.join('')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const start = async (name: string) => {
    const svc: ComposeService = compose.services[name];
    for (const dep of Object.keys(svc.depends_on ?? {})) if (dep !== 'mariadb' && dep !== 'nats') await healthy(dep);
    const [cmd, ...args] = svc.command!;
    expect(cmd).toBe('node');
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH, ...env[name] }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => output.push(`[${name}] ${d}`));
    child.stderr.on('data', (d) => output.push(`[${name}] ${d}`));
    procs.push(child);
  };

  it('starts, bootstraps the first administrator, signs in and runs the README examples', async () => {
    // One customer for customer-service's indicator publisher to send to marketing (the database
    // migrated first, as `npm run migrate` would; production seeds nothing).
    await run(process.execPath, [...compose.services['customer-service'].command!.slice(1), '--migrate-only'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env['customer-service'] },
    });
    const customerId = randomUUID();
    const segmentId = randomUUID();
    const cs = await createConnection(databaseOf['customer-service']);
    await cs.query(
      "INSERT INTO customer (id, name, kind, segment_id, owner_id, created_at, updated_at, version) VALUES (?, 'Compose Test Ltd', 'ORGANIZATION', ?, NULL, NOW(), NOW(), 1)",
      [customerId, segmentId],
    );
    await cs.end();

    await start('organization');
    await Promise.all([start('customer-service'), start('marketing'), start('bulk')]);
    await start('gateway');
    await healthy('gateway');

    // The documented one-time command, in the organization service's environment.
    const bootstrap = 'node subgraphs/organization/dist/bootstrap-admin.js';
    expect(readFileSync(COMPOSE_FILE, 'utf8')).toContain(`run --rm organization ${bootstrap}`);
    const created = await run(process.execPath, bootstrap.split(' ').slice(1), {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env.organization, BOOTSTRAP_ADMIN_EMAIL: 'admin@corp.example', BOOTSTRAP_ADMIN_PASSWORD: 'Blue-Harbour-42' },
    });
    expect(created.stdout).toContain('"created":"SYSTEM_ADMIN"');

    const gateway = `http://127.0.0.1:${ports.gateway}/graphql`;
    const post = async (query: string, variables?: Record<string, unknown>, token?: string) =>
      (
        await fetch(gateway, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        })
      ).json();
    // No demo accounts in production.
    const demo = await post('mutation { login(input: { email: "executive@example.com", password: "demo-password" }) { token } }');
    expect(demo.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

    const [login, ...examples] = readmeExamples();
    expect(login).toContain('login(input');
    expect(examples).toHaveLength(4);
    const signedIn = await post(login.replace('executive@example.com', 'admin@corp.example').replace('demo-password', 'Blue-Harbour-42'));
    expect(signedIn.errors).toBeUndefined();
    const token = signedIn.data.login.token;
    expect((await post('{ me { email role } }', undefined, token)).data.me).toEqual({ email: 'admin@corp.example', role: 'SYSTEM_ADMIN' });
    let id: string = randomUUID();
    for (const query of examples) {
      const res = await post(query, query.includes('$id') ? { id } : undefined, token);
      expect({ query, errors: res.errors }).toEqual({ query, errors: undefined });
      id = res.data.customers?.edges[0]?.node.id ?? id;
    }

    // A bulk operation runs through the gateway as configured (the administrator reads no business data: no lines).
    // The administrator was created moments ago: the job is dated from its token, issued after the creation.
    const op = (await post('mutation { bulkOperationRunQuery(query: "{ customers { edges { node { id } } } }") { id status } }', undefined, token)).data.bulkOperationRunQuery;
    let bulkStatus = op.status;
    for (let i = 0; i < 60 && !['COMPLETED', 'FAILED'].includes(bulkStatus); i++) {
      await new Promise((r) => setTimeout(r, 500));
      bulkStatus = (await post(`{ bulkOperation(id: "${op.id}") { status objectCount } }`, undefined, token)).data.bulkOperation.status;
    }
    expect(bulkStatus).toBe('COMPLETED');

    // customer-service runs its scheduled jobs as configured: escalation, the roster and indicator repair runs (the latter reaches marketing).
    const [csDb, mktDb] = await Promise.all([createConnection(databaseOf['customer-service']), createConnection(databaseOf.marketing)]);
    try {
      const deadline = Date.now() + 60_000;
      let ran: string[] = [];
      let profiles: unknown[] = [];
      while (Date.now() < deadline && !(ran.length === 4 && profiles.length === 1)) {
        await new Promise((r) => setTimeout(r, 1000));
        ran = ((await csDb.query('SELECT name FROM job_tick ORDER BY name'))[0] as { name: string }[]).map((r) => r.name);
        profiles = (await mktDb.query('SELECT customer_id, segment_id FROM customer_profile'))[0] as unknown[];
      }
      expect({ ran, profiles }).toEqual({
        ran: ['complaint-escalation', 'employee-roster-repair', 'indicator-repair', 'outbox-retention'],
        profiles: [{ customer_id: customerId, segment_id: segmentId }],
      });
    } finally {
      await Promise.all([csDb.end(), mktDb.end()]);
    }
  }, 300_000);
});
