import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCompose, requiredComposeVariables } from './support/compose';
import { loadGatewayConfig } from '../gateway/src/config';
import { loadOrganizationConfig } from '../subgraphs/organization/src/config/env';
import { loadCustomerServiceConfig, loadMarketingUrl } from '../subgraphs/customer-service/src/config/env';
import { loadMarketingConfig } from '../subgraphs/marketing/src/config/env';
import { loadBulkConfig } from '../subgraphs/bulk/src/config/env';

/**
 * No Docker engine runs on the build machines, so the docker/ files are
 * checked for what can be checked here: the compose file refuses to start
 * without secrets, gives every service what its configuration needs, names
 * only files and services that exist, gives each subgraph its own database
 * and user, and starts commands that the build produces. test/e2e/compose.test.ts
 * runs the services as compose configures them.
 */
const ROOT = join(__dirname, '..');
const SECRETS = ['AUTH_JWT_KEYS', 'BULK_DB_PASSWORD', 'CUSTOMER_SERVICE_DB_PASSWORD', 'MARIADB_ROOT_PASSWORD', 'MARKETING_DB_PASSWORD', 'ORGANIZATION_DB_PASSWORD'];
const testSecrets = () => Object.fromEntries(SECRETS.map((k) => [k, k === 'AUTH_JWT_KEYS' ? `k1:${randomBytes(32).toString('hex')}` : randomBytes(16).toString('hex')]));
const compose = loadCompose(testSecrets());
const APPS = ['organization', 'customer-service', 'marketing', 'bulk', 'gateway'] as const;

describe('docker/', () => {
  it('compose file defines MariaDB, NATS JetStream, the four subgraphs and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['bulk', 'customer-service', 'gateway', 'mariadb', 'marketing', 'nats', 'organization']);
    // The event backbone's broker: JetStream on, every service pointed at it (docs/events.md).
    expect((compose.services.nats as { command: string[] }).command).toContain('-js');
    for (const name of APPS) expect(compose.services[name].environment!.EVENTS_NATS_URL).toBe('nats://nats:4222');
    expect(compose.services.mariadb.image).toMatch(/^mariadb:(11|10\.11)/);
    // MySQL 8's default sql_mode, so that what runs here runs on MySQL 8.
    expect((compose.services.mariadb as { command: string[] }).command).toContain(
      '--sql-mode=ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION',
    );
  });

  it('refuses to start without real secrets: every secret is required, none has a default, none is written in docker/', () => {
    expect(requiredComposeVariables()).toEqual(SECRETS);
    for (const missing of SECRETS) {
      const vars = testSecrets();
      delete vars[missing];
      expect(() => loadCompose(vars)).toThrow(`required variable ${missing} is missing a value`);
    }
    const example = readFileSync(join(ROOT, 'docker', '.env.example'), 'utf8');
    for (const k of SECRETS) expect(example).toMatch(new RegExp(`^${k}=`, 'm'));
    for (const file of ['compose.yaml', 'mariadb-init.sh', 'Dockerfile']) {
      const text = readFileSync(join(ROOT, 'docker', file), 'utf8');
      expect(text).not.toMatch(/change-me|:-k1:|PASSWORD:-|IDENTIFIED BY '[^$]/);
    }
  });

  it('every service command points at a compiled entry point of a source file that exists; each waits for healthy dependencies and has a healthcheck', () => {
    for (const name of APPS) {
      const svc = compose.services[name];
      const entry = svc.command![1];
      expect(entry).toMatch(/dist\/main\.js$/);
      expect(existsSync(join(ROOT, entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts')))).toBe(true);
      expect(Object.keys(svc.depends_on!).length).toBeGreaterThan(0);
      for (const [dep, { condition }] of Object.entries(svc.depends_on!)) {
        expect(compose.services[dep]).toBeDefined();
        expect(condition).toBe('service_healthy');
        expect(compose.services[dep].healthcheck).toBeDefined();
      }
      expect(svc.healthcheck!.test.join(' ')).toContain(
        `http://127.0.0.1:${svc.environment![name === 'gateway' ? 'GATEWAY_PORT' : `${name.toUpperCase().replace(/-/g, '_')}_PORT`]}/ready`,
      );
    }
  });

  it("sets every variable each service's configuration requires in production, pointing at the right services", () => {
    const env = (name: string) => compose.services[name].environment!;
    const portOf = (name: string) => env(name)[`${name.toUpperCase().replace(/-/g, '_')}_PORT`];
    const serviceUrl = (name: string) => `http://${name}:${portOf(name)}/graphql`;
    for (const name of APPS) {
      expect(env(name).NODE_ENV).toBe('production');
      expect(env(name).AUTH_JWT_KEYS).toMatch(/^k1:[0-9a-f]{64}$/);
    }
    // The loaders throw on anything missing or invalid; defaults that only fit one machine are checked below.
    const org = loadOrganizationConfig(env('organization'));
    const cs = loadCustomerServiceConfig(env('customer-service'));
    const mkt = loadMarketingConfig(env('marketing'));
    const gw = loadGatewayConfig(env('gateway'));
    const bulk = loadBulkConfig(env('bulk'));
    for (const c of [org, cs, mkt, bulk]) {
      expect(c.database.type).toBe('mariadb');
      expect(c.seed).toBe(false);
      expect(c.port).toBe(Number(portOf(c.name)));
    }
    // Every other service polls the organization's revocation feed.
    for (const c of [cs, mkt, bulk]) expect(c.revocation.organizationUrl).toBe(serviceUrl('organization'));
    // Bulk pages run through the gateway; its files live on a volume.
    expect(bulk.bulk.gatewayUrl).toBe(`http://gateway:${env('gateway').GATEWAY_PORT}/graphql`);
    expect(compose.services.bulk.volumes).toEqual([`bulk-files:${bulk.bulk.filesDir}`]);
    expect(cs.jobsIntervalMs).toBeGreaterThan(0);
    expect(loadMarketingUrl(env('customer-service'))).toBe(serviceUrl('marketing'));
    expect(gw.subgraphs.map((s) => s.url)).toEqual([serviceUrl('organization'), serviceUrl('customer-service'), serviceUrl('marketing'), serviceUrl('bulk')]);
    expect(gw.port).toBe(Number(env('gateway').GATEWAY_PORT));
    expect(compose.services.gateway.ports).toEqual([`${gw.port}:${gw.port}`]);
  });

  it('gives each subgraph its own database and user, granted only that database', () => {
    const init = readFileSync(join(ROOT, 'docker', 'mariadb-init.sh'), 'utf8');
    for (const [svc, db] of [
      ['organization', 'organization'],
      ['customer-service', 'customer_service'],
      ['marketing', 'marketing'],
      ['bulk', 'bulk'],
    ]) {
      const env = compose.services[svc].environment!;
      const url = new URL(Object.entries(env).find(([k]) => k.endsWith('_DATABASE_URL'))![1]);
      expect(url.pathname).toBe(`/${db}`);
      expect(url.username).toBe(db);
      expect(url.host).toBe('mariadb:3306');
      expect(url.password).toBe(compose.services.mariadb.environment![`${svc.toUpperCase().replace(/-/g, '_')}_DB_PASSWORD`]);
      expect(init).toContain(`GRANT ALL PRIVILEGES ON ${db}.* TO '${db}'@'%';`);
      expect(init).toContain(`CREATE USER IF NOT EXISTS '${db}'@'%' IDENTIFIED BY '\${${svc.toUpperCase().replace(/-/g, '_')}_DB_PASSWORD}';`);
    }
    expect(init).not.toMatch(/ON \*\.\*/);
    const mounted = compose.services.mariadb.volumes!.find((v) => v.includes('mariadb-init.sh'))!;
    expect(existsSync(join(ROOT, 'docker', mounted.split(':')[0]))).toBe(true);
  });

  it('the Dockerfile copies every workspace and builds with tsc -b', () => {
    const dockerfile = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');
    const workspaces: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces;
    for (const w of workspaces) expect(dockerfile).toContain(`COPY ${w}/package.json`);
    expect(dockerfile).toContain('npx tsc -b');
  });
});
