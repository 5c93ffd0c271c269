import 'reflect-metadata';
import { startTestGraph } from '../support/graph';
import { describeFuzz, fuzzGateway } from './fuzz';

/**
 * `npm run fuzz`: 10,000 malformed requests (FUZZ_REQUESTS) against a whole graph on SQLite with the
 * gateway's rate limit off, without and with a valid token. Prints the figures; exits 1 on any 5xx,
 * masked internal error or reset connection.
 */
async function main() {
  const requests = Number(process.env.FUZZ_REQUESTS ?? 10_000);
  const g = await startTestGraph('sqlite', { gatewayEnv: { NODE_ENV: 'development', LOG_LEVEL: 'silent' } });
  let failed = false;
  try {
    const token = await g.login('head.resi@example.com');
    for (const [label, t] of [
      ['without a token', undefined],
      ['with a token', token],
    ] as const) {
      const started = Date.now();
      const r = await fuzzGateway(g.gatewayUrl, { requests, seed: 2026, token: t });
      console.log(`${describeFuzz(`gateway fuzz ${label}`, r)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      failed ||= r.serverErrors.length + r.internalErrors.length + r.transportErrors.length > 0;
    }
  } finally {
    await g.stop();
  }
  process.exit(failed ? 1 : 0);
}

void main();
