import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * No Docker engine runs on the build machines, so the docker/ files are
 * checked for what can be checked here: the compose file parses, names only
 * files and services that exist, gives each subgraph its own database and
 * user, and starts commands that the build produces.
 */
const ROOT = join(__dirname, '..');
const compose = parse(readFileSync(join(ROOT, 'docker', 'compose.yaml'), 'utf8'));

describe('docker/', () => {
  it('compose file defines MySQL, the three subgraphs and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['customer-service', 'gateway', 'marketing', 'mysql', 'organization']);
  });

  it('every service command points at a compiled entry point of a source file that exists', () => {
    for (const [name, svc] of Object.entries<any>(compose.services)) {
      if (name === 'mysql') continue;
      const entry: string = svc.command[1];
      expect(entry).toMatch(/dist\/main\.js$/);
      expect(existsSync(join(ROOT, entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts')))).toBe(true);
      const deps = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
      for (const dep of deps) expect(compose.services[dep]).toBeDefined();
    }
  });

  it('gives each subgraph its own database and user, granted only that database', () => {
    const init = readFileSync(join(ROOT, 'docker', 'mysql-init.sql'), 'utf8');
    for (const [svc, db] of [
      ['organization', 'organization'],
      ['customer-service', 'customer_service'],
      ['marketing', 'marketing'],
    ]) {
      const env = compose.services[svc].environment;
      const url = new URL(Object.entries<string>(env).find(([k]) => k.endsWith('_DATABASE_URL'))![1]);
      expect(url.pathname).toBe(`/${db}`);
      expect(url.username).toBe(db);
      expect(init).toContain(`GRANT ALL PRIVILEGES ON ${db}.* TO '${db}'@'%';`);
    }
    expect(init).not.toMatch(/ON \*\.\*/);
    const mounted = compose.services.mysql.volumes.find((v: string) => v.includes('mysql-init.sql'));
    expect(existsSync(join(ROOT, 'docker', mounted.split(':')[0]))).toBe(true);
  });

  it('the Dockerfile copies every workspace and builds with tsc -b', () => {
    const dockerfile = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');
    const workspaces: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces;
    for (const w of workspaces) expect(dockerfile).toContain(`COPY ${w}/package.json`);
    expect(dockerfile).toContain('npx tsc -b');
  });
});
