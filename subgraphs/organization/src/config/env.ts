import { ConfigError, loadSubgraphConfig, SubgraphConfig } from '@group/shared';
import { DEFAULT_LOGIN_POLICY, LoginPolicy } from '../accounts/auth.service';

export const ORGANIZATION_DEFAULT_PORT = 4001;

/**
 * The only place the organization subgraph reads its environment. Production
 * refuses ORGANIZATION_SEED=true: the demo seed creates accounts whose password
 * ("demo-password") is public. The first account there comes from `npm run bootstrap-admin`.
 */
export function loadOrganizationConfig(source: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const config = loadSubgraphConfig('ORGANIZATION', ORGANIZATION_DEFAULT_PORT, source);
  if (config.nodeEnv === 'production' && config.seed) {
    throw new ConfigError([
      'ORGANIZATION_SEED=true is refused in production: the demo seed creates accounts with the public password "demo-password". Create the first administrator with `npm run bootstrap-admin`.',
    ]);
  }
  return config;
}

/** Login lockout (issue 7): LOGIN_MAX_FAILURES consecutive failures lock an account for LOGIN_LOCK_MINUTES. */
export function loadLoginPolicy(source: NodeJS.ProcessEnv = process.env): LoginPolicy {
  const int = (name: string, fallback: number, min: number) => {
    const raw = source[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
    return n;
  };
  return { maxFailures: int('LOGIN_MAX_FAILURES', DEFAULT_LOGIN_POLICY.maxFailures, 1), lockMinutes: int('LOGIN_LOCK_MINUTES', DEFAULT_LOGIN_POLICY.lockMinutes, 1) };
}
