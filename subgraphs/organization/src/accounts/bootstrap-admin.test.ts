import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createSubgraphApp } from '@group/shared';
import { createTestDatabase, TestDatabase, testDatabaseKinds } from '@group/shared/testing';
import { loadOrganizationConfig } from '../config/env';
import { organizationModule } from '../module';

/**
 * `npm run bootstrap-admin` on a fresh production database (no seed): it
 * migrates, creates the first SYSTEM_ADMIN, who can sign in; it refuses a
 * second time, a weak password, and production refuses ORGANIZATION_SEED=true.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const CLI = join(ROOT, 'subgraphs', 'organization', 'dist', 'bootstrap-admin.js');
const KEYS = `k1:${randomBytes(32).toString('hex')}`;

const envFor = (db: TestDatabase): Record<string, string> =>
  db.config.type === 'sqlite' ? { ORGANIZATION_SQLITE_FILE: db.config.file } : { ORGANIZATION_DATABASE_URL: db.config.url };

function runCli(env: Record<string, string>, stdin?: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', AUTH_JWT_KEYS: KEYS, CUSTOMER_SERVICE_URL: 'http://127.0.0.1:9/graphql', LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.stdin.end(stdin ?? '');
    child.once('exit', (code) => resolve({ code, out }));
  });
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: ROOT, stdio: 'inherit' });
}, 180_000);

it('production refuses ORGANIZATION_SEED=true (the demo seed has public passwords)', () => {
  expect(() => loadOrganizationConfig({ NODE_ENV: 'production', AUTH_JWT_KEYS: KEYS, CUSTOMER_SERVICE_URL: 'http://127.0.0.1:9/graphql', ORGANIZATION_SEED: 'true' })).toThrow(
    /ORGANIZATION_SEED=true is refused in production/,
  );
  expect(loadOrganizationConfig({ NODE_ENV: 'production', AUTH_JWT_KEYS: KEYS, CUSTOMER_SERVICE_URL: 'http://127.0.0.1:9/graphql' }).seed).toBe(false);
});

describe.each(testDatabaseKinds())('bootstrap-admin on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind, 'org_bootstrap');
  });
  afterAll(() => db?.drop());

  it('refuses a weak password and creates nothing', async () => {
    const r = await runCli({ ...envFor(db), BOOTSTRAP_ADMIN_EMAIL: 'admin@corp.example', BOOTSTRAP_ADMIN_PASSWORD: 'demo-password' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('bootstrap-admin refused: the password breaks the password policy');
  }, 60_000);

  it('creates the first SYSTEM_ADMIN (password on stdin), who signs in; a second run is refused', async () => {
    const created = await runCli({ ...envFor(db), BOOTSTRAP_ADMIN_EMAIL: 'Admin@Corp.example' }, 'Blue-Harbour-42\n');
    expect(created.code).toBe(0);
    expect(created.out).toContain('"created":"SYSTEM_ADMIN"');

    const again = await runCli({ ...envFor(db) }, 'second@corp.example\nBlue-Harbour-43\n');
    expect(again.code).toBe(1);
    expect(again.out).toContain('bootstrap-admin refused: a SYSTEM_ADMIN account already exists');

    const app = await createSubgraphApp(organizationModule, loadOrganizationConfig({ NODE_ENV: 'test', ORGANIZATION_SEED: 'false', AUTH_JWT_KEYS: KEYS, ...envFor(db) }));
    try {
      const url = (await app.server.start(0)).url;
      const post = async (query: string, token?: string) =>
        (
          await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ query }),
          })
        ).json();
      const login = await post('mutation { login(input: { email: "admin@corp.example", password: "Blue-Harbour-42" }) { token } }');
      expect(login.errors).toBeUndefined();
      const me = await post('{ me { email role status } }', login.data.login.token);
      expect(me.data.me).toEqual({ email: 'admin@corp.example', role: 'SYSTEM_ADMIN', status: 'ACTIVE' });
      // Nothing was seeded: the only account is the administrator.
      const accounts = await post('{ accounts(first: 10) { totalCount } }', login.data.login.token);
      expect(accounts.data.accounts.totalCount).toBe(1);
    } finally {
      await app.stop();
    }
  }, 90_000);
});
