import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadSubgraphConfig } from './env';

const ROOT = join(__dirname, '..', '..', '..');
const strongKey = () => `k1:${randomBytes(32).toString('base64url')}`;

/** Every `kid:secret` value the repository publishes for AUTH_JWT_KEYS: its documentation, compose files and the development default. */
function publishedKeys(): string[] {
  const files = ['README.md', 'shared/src/config/env.ts', ...readdirSync(join(ROOT, 'docker')).map((f) => `docker/${f}`)];
  const keys = new Set<string>();
  for (const f of files) {
    for (const line of readFileSync(join(ROOT, f), 'utf8').split('\n')) {
      if (!/AUTH_JWT_KEY|DEV_JWT_KEY/.test(line)) continue;
      for (const m of line.matchAll(/[\w.][\w.-]*:[\w.~+/=-]{20,}/g)) keys.add(m[0]);
    }
  }
  return [...keys];
}

/** The problems of loading `env` in production, or [] when it loads. */
function productionProblems(env: Record<string, string>): string[] {
  try {
    loadSubgraphConfig('ORGANIZATION', 1, { NODE_ENV: 'production', CUSTOMER_SERVICE_URL: CS_URL, ...env });
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
}

const CS_URL = 'http://customer-service:4002/graphql';

describe('loadSubgraphConfig', () => {
  it('defaults to an embedded SQLite file and seeds outside production', () => {
    const c = loadSubgraphConfig('ORGANIZATION', 4001, {});
    expect(c.database).toEqual({ type: 'sqlite', file: 'data/organization.sqlite' });
    expect(c.port).toBe(4001);
    expect(c.seed).toBe(true);
  });

  it('picks the driver from the URL scheme: mariadb:// -> mariadb, mysql:// -> mysql', () => {
    expect(loadSubgraphConfig('MARKETING', 1, { MARKETING_DATABASE_URL: 'mariadb://u:p@h:3306/m' }).database).toEqual({
      type: 'mariadb',
      url: 'mysql://u:p@h:3306/m',
    });
    expect(loadSubgraphConfig('MARKETING', 1, { MARKETING_DATABASE_URL: 'mysql://u:p@h:3306/m' }).database.type).toBe('mysql');
  });

  it('fails fast with ONE error listing every bad variable', () => {
    let error: unknown;
    try {
      loadSubgraphConfig('ORGANIZATION', 4001, { ORGANIZATION_PORT: 'abc', ORGANIZATION_DATABASE_URL: 'postgres://x/y', ORGANIZATION_SEED: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([expect.stringContaining('ORGANIZATION_PORT'), expect.stringContaining('ORGANIZATION_DATABASE_URL'), expect.stringContaining('ORGANIZATION_SEED')]);
  });

  it('refuses to run in production without signing keys, and with short keys', () => {
    expect(() => loadSubgraphConfig('ORGANIZATION', 1, { NODE_ENV: 'production', CUSTOMER_SERVICE_URL: CS_URL })).toThrow(/AUTH_JWT_KEYS is required/);
    expect(() => loadSubgraphConfig('ORGANIZATION', 1, { AUTH_JWT_KEYS: 'k1:short' })).toThrow(/at least 32/);
    const c = loadSubgraphConfig('ORGANIZATION', 1, {
      NODE_ENV: 'production',
      CUSTOMER_SERVICE_URL: CS_URL,
      AUTH_JWT_KEYS: `new:${randomBytes(32).toString('hex')},old:${randomBytes(32).toString('base64')}`,
    });
    expect(c.auth.keys.map((k) => k.kid)).toEqual(['new', 'old']);
    expect(c.seed).toBe(false);
  });

  it('production refuses every signing key the repository publishes (development default, compose placeholder, documented examples), naming the variable and why, never the key', () => {
    // Whatever the docs and compose show today, the development default, and compose's default of 578e473.
    const keys = new Set([...publishedKeys(), 'dev:development-only-secret-change-me-0123456789', 'k1:change-me-to-a-long-random-secret-of-32-chars-or-more']);
    expect(publishedKeys()).toContain('dev:development-only-secret-change-me-0123456789');
    for (const key of keys) {
      const problems = productionProblems({ AUTH_JWT_KEYS: key });
      expect(problems).toEqual([expect.stringMatching(/^AUTH_JWT_KEYS key "[\w.-]+" .*(published in this repository|placeholder)/)]);
      expect(problems.join()).not.toContain(key.slice(key.indexOf(':') + 1));
    }
    // Also when the published key is not the first of the ring.
    expect(productionProblems({ AUTH_JWT_KEYS: `${strongKey()},dev:development-only-secret-change-me-0123456789` })).toHaveLength(1);
  });

  it('production refuses a key shorter than 32 bytes (bytes, not characters) and placeholder-looking keys; every problem listed at once', () => {
    expect(productionProblems({ AUTH_JWT_KEYS: `k1:${randomBytes(15).toString('hex')}` })).toEqual([expect.stringMatching(/AUTH_JWT_KEYS key "k1" .*32 bytes/)]);
    for (const secret of [
      'change-me-please-0123456789abcdefghijklmn',
      'CHANGEME0123456789abcdefghijklmnopqrstuv',
      'an-example-key-0123456789abcdefghijklmn',
      'super-secret-signing-key-0123456789abcdefg',
      'placeholder-0123456789abcdefghijklmnopqrst',
      'replace-me-0123456789abcdefghijklmnopqrstu',
    ]) {
      const problems = productionProblems({ AUTH_JWT_KEYS: `k9:${secret}` });
      expect(problems).toEqual([expect.stringMatching(/AUTH_JWT_KEYS key "k9" .*placeholder/)]);
      expect(problems[0]).not.toContain(secret);
    }
    expect(productionProblems({ AUTH_JWT_KEYS: `a:${'x'.repeat(10)},b:change-me-0123456789abcdefghijklmnopqrstu` })).toHaveLength(2);
    expect(productionProblems({ AUTH_JWT_KEYS: strongKey() })).toEqual([]);
  });

  it('outside production the development default still signs (npm start needs no key)', () => {
    expect(loadSubgraphConfig('ORGANIZATION', 1, {}).auth.keys.map((k) => k.kid)).toEqual(['dev']);
    expect(loadSubgraphConfig('ORGANIZATION', 1, { NODE_ENV: 'test' }).auth.keys.map((k) => k.kid)).toEqual(['dev']);
  });

  it('revocation: refuses tokens after REVOCATION_MAX_STALENESS_MS (default 60 s, longer than the poll); production needs the feed (ORGANIZATION_URL, polling on) in the subgraphs that do not own accounts', () => {
    const dev = loadSubgraphConfig('CUSTOMER_SERVICE', 1, {});
    expect(dev.revocation).toEqual({ organizationUrl: 'http://127.0.0.1:4001/graphql', pollMs: 2000, maxStalenessMs: 60_000 });
    expect(loadSubgraphConfig('MARKETING', 1, { REVOCATION_POLL_MS: '50', REVOCATION_MAX_STALENESS_MS: '400' }).revocation).toMatchObject({ pollMs: 50, maxStalenessMs: 400 });
    expect(() => loadSubgraphConfig('MARKETING', 1, { REVOCATION_POLL_MS: '5000', REVOCATION_MAX_STALENESS_MS: '5000' })).toThrow(
      /REVOCATION_MAX_STALENESS_MS .* must be longer than REVOCATION_POLL_MS/,
    );

    const key = strongKey();
    const productionProblems = (prefix: string, env: Record<string, string>) => {
      try {
        loadSubgraphConfig(prefix, 1, { NODE_ENV: 'production', AUTH_JWT_KEYS: key, ...env });
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    for (const prefix of ['CUSTOMER_SERVICE', 'MARKETING']) {
      const problems = (env: Record<string, string>) => productionProblems(prefix, env);
      // Marketing also asks customer-service whether the viewer sees a record before attaching data to it.
      const csUrl: Record<string, string> = prefix === 'MARKETING' ? { CUSTOMER_SERVICE_URL: 'http://customer-service:4002/graphql' } : {};
      expect(problems(csUrl)).toEqual([expect.stringMatching(/^ORGANIZATION_URL is required in production/)]);
      expect(problems({ ...csUrl, ORGANIZATION_URL: 'http://organization:4001/graphql', REVOCATION_POLL_MS: '0' })).toEqual([
        expect.stringMatching(/^REVOCATION_POLL_MS=0 turns token revocation off/),
      ]);
      expect(problems({ ...csUrl, ORGANIZATION_URL: 'http://organization:4001/graphql' })).toEqual([]);
    }
    expect(productionProblems('MARKETING', { ORGANIZATION_URL: 'http://organization:4001/graphql' })).toEqual([
      expect.stringMatching(/^CUSTOMER_SERVICE_URL is required in production/),
    ]);
    // The organization subgraph checks tokens against its own database: it needs no feed, but it
    // reads company working calendars from customer-service (CS-R21, CS-R30).
    expect(productionProblems('ORGANIZATION', {})).toEqual([expect.stringMatching(/^CUSTOMER_SERVICE_URL is required in production: organization counts working days/)]);
    expect(loadSubgraphConfig('ORGANIZATION', 1, { NODE_ENV: 'production', AUTH_JWT_KEYS: key, CUSTOMER_SERVICE_URL: CS_URL }).customerServiceUrl).toBe(CS_URL);
  });
});
