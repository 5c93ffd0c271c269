import { randomBytes } from 'node:crypto';
import { ConfigError, originAllowed } from '@group/shared';
import { loadGatewayConfig } from './config';

describe('loadGatewayConfig', () => {
  it('production refuses the development key, the compose placeholder and short keys, naming AUTH_JWT_KEYS and never printing the key', () => {
    for (const key of ['dev:development-only-secret-change-me-0123456789', 'k1:change-me-to-a-long-random-secret-of-32-chars-or-more', `k1:${randomBytes(8).toString('hex')}`]) {
      let error: unknown;
      try {
        loadGatewayConfig({ NODE_ENV: 'production', AUTH_JWT_KEYS: key });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^AUTH_JWT_KEYS key "(dev|k1)" /)]);
      expect((error as Error).message).not.toContain(key.slice(key.indexOf(':') + 1));
    }
    const strong = `k1:${randomBytes(32).toString('base64url')}`;
    expect(loadGatewayConfig({ NODE_ENV: 'production', AUTH_JWT_KEYS: strong }).auth.keys).toEqual([{ kid: 'k1', secret: strong.slice(3) }]);
  });

  it('CORS_ORIGINS: none by default in production, localhost (any port) elsewhere, a validated list when set (issue 17 item 13)', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'production', AUTH_JWT_KEYS: `k:${'a'.repeat(40)}` }).corsOrigins).toEqual([]);
    expect(loadGatewayConfig({ NODE_ENV: 'development' }).corsOrigins).toEqual(['http://localhost:*', 'http://127.0.0.1:*']);
    expect(loadGatewayConfig({ CORS_ORIGINS: 'https://App.example.com, http://localhost:5173' }).corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(loadGatewayConfig({ NODE_ENV: 'development', CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
    expect(() => loadGatewayConfig({ CORS_ORIGINS: '*,https://ok.example.com,https://app.example.com/path' })).toThrow(/CORS_ORIGINS .*"\*", "https:\/\/app\.example\.com\/path"/);
  });

  it('the persisted-query store is bounded by bytes (APQ_CACHE_MAX_BYTES, 16 MiB by default; issue 17 item 8)', () => {
    expect(loadGatewayConfig({}).apqCacheMaxBytes).toBe(16 * 1024 * 1024);
    expect(loadGatewayConfig({ APQ_CACHE_MAX_BYTES: '1024' }).apqCacheMaxBytes).toBe(1024);
    expect(loadGatewayConfig({}).limits.maxDocumentBytes).toBe(128 * 1024);
  });
});

describe('originAllowed', () => {
  it('matches exact origins, and any port for host:*', () => {
    const list = ['https://app.example.com', 'http://localhost:*'];
    expect(['https://app.example.com', 'http://localhost:5173', 'http://localhost', 'HTTP://LOCALHOST:3000'].map((o) => originAllowed(o, list))).toEqual([true, true, true, true]);
    expect(
      ['https://app.example.com:8443', 'http://app.example.com', 'https://app.example.com.evil.net', 'http://localhost.evil.net', 'http://localhost:5173.evil.net', 'null'].map(
        (o) => originAllowed(o, list),
      ),
    ).toEqual([false, false, false, false, false, false]);
  });
});
