import { ConfigError, loadSubgraphConfig } from './env';

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
    expect(problems).toEqual([
      expect.stringContaining('ORGANIZATION_PORT'),
      expect.stringContaining('ORGANIZATION_DATABASE_URL'),
      expect.stringContaining('ORGANIZATION_SEED'),
    ]);
  });

  it('refuses to run in production without signing keys, and with short keys', () => {
    expect(() => loadSubgraphConfig('ORGANIZATION', 1, { NODE_ENV: 'production' })).toThrow(/AUTH_JWT_KEYS is required/);
    expect(() => loadSubgraphConfig('ORGANIZATION', 1, { AUTH_JWT_KEYS: 'k1:short' })).toThrow(/at least 32/);
    const c = loadSubgraphConfig('ORGANIZATION', 1, { NODE_ENV: 'production', AUTH_JWT_KEYS: `new:${'a'.repeat(32)},old:${'b'.repeat(32)}` });
    expect(c.auth.keys.map((k) => k.kid)).toEqual(['new', 'old']);
    expect(c.seed).toBe(false);
  });
});
