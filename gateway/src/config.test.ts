import { randomBytes } from 'node:crypto';
import { ConfigError } from '@group/shared';
import { loadGatewayConfig } from './config';

describe('gateway configuration', () => {
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
});
