import { startTestGraph, TestGraph } from '../support/graph';
import { describeFuzz, fuzzGateway } from './fuzz';

/**
 * Malformed requests against the gateway with the rate limit off, with and without a token: no 5xx,
 * no masked internal error, no reset connection. A sample here; `npm run fuzz` sends 10,000 of each
 * (the figures in the README).
 */
describe('gateway fuzz (issue 17)', () => {
  let g: TestGraph;
  let token: string;
  beforeAll(async () => {
    g = await startTestGraph('sqlite', { gatewayEnv: { NODE_ENV: 'development' } });
    token = await g.login('head.resi@example.com');
  }, 120_000);
  afterAll(() => g?.stop());

  it.each([
    ['without a token', undefined],
    ['with a token', 'token'],
  ])(
    '%s: 400 malformed requests, 0 5xx',
    async (label, withToken) => {
      const r = await fuzzGateway(g.gatewayUrl, { requests: 400, seed: 17, token: withToken ? token : undefined });
      console.log(describeFuzz(`gateway fuzz ${label}`, r));
      expect([r.serverErrors, r.internalErrors, r.transportErrors]).toEqual([[], [], []]);
    },
    120_000,
  );
});
