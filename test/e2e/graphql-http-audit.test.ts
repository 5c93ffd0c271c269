import { auditServer } from 'graphql-http';
import { startTestGraph, TestGraph } from '../support/graph';

/**
 * GraphQL-over-HTTP conformance of the gateway (graphql-http's audit suite):
 * zero MUST failures. Warnings and notices are printed for the record (Apollo
 * answers 400 rather than 200 to some bad requests; CSRF prevention blocks
 * simple GETs).
 */
describe('graphql-http audit of the gateway', () => {
  let g: TestGraph;
  beforeAll(async () => {
    g = await startTestGraph('sqlite');
  }, 120_000);
  afterAll(() => g?.stop());

  it('has zero MUST failures', async () => {
    const results = await auditServer({ url: g.gatewayUrl });
    const count = (status: string) => results.filter((r) => r.status === status).length;
    const failures = results.filter((r) => r.status === 'error');
    console.log(
      `graphql-http audit: ${results.length} audits, ${count('ok')} ok, ${count('warn')} warnings, ${count('notice')} notices, ${failures.length} failures` +
        results
          .filter((r) => r.status !== 'ok')
          .map((r) => `\n  ${r.status}: ${r.name}`)
          .join(''),
    );
    expect(failures.map((f) => f.name)).toEqual([]);
  });
});
