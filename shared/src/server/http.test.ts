import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { mayWrite } from './http';
import { startScopeServer } from '../../../test/support/scope-server';

describe('mayWrite', () => {
  it('a document without the `mutation` keyword is read-only; anything else may write', () => {
    expect(mayWrite({ query: '{ customers { id } }' })).toBe(false);
    expect(mayWrite({ query: 'query Q { a }' })).toBe(false);
    expect(mayWrite({ query: 'mutation M { a }' })).toBe(true);
    expect(mayWrite({ query: 'query Q { a } mutation M { b }', operationName: 'Q' })).toBe(true); // conservative
    // A persisted-query hash without text, a GET, a malformed body: may write.
    expect(mayWrite({ extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } })).toBe(true);
    expect(mayWrite(undefined)).toBe(true);
    expect(mayWrite('mutation { a }')).toBe(true);
  });
});

/**
 * Requests that may write run in the audit (and read-your-writes) scope; reads run outside it, so
 * that on Node 20 their promises do not pay for AsyncLocalStorage's hooks.
 */
describe('request scopes', () => {
  let server: Awaited<ReturnType<typeof startScopeServer>>;
  beforeAll(async () => {
    server = await startScopeServer();
  });
  afterAll(() => server.stop());

  it('a mutation runs in its request scope; a query runs outside any, also while a mutation is in flight', async () => {
    expect(await server.post('mutation { scope }', 'req-m1')).toEqual({ scope: 'req-m1' });
    expect(await server.post('{ scope }', 'req-q1')).toEqual({ scope: null });
    const slow = server.post('mutation { slow }', 'req-m2');
    await new Promise((r) => setTimeout(r, 50));
    expect(await server.post('{ scope }', 'req-q2')).toEqual({ scope: null });
    server.release();
    // The write in flight kept its scope across the read's request.
    expect(await slow).toEqual({ slow: 'req-m2' });
    expect(await server.post('mutation { scope }', 'req-m3')).toEqual({ scope: 'req-m3' });
  });

  it('promise hooks run only while a write is in flight (in a fresh process: jest keeps them on)', () => {
    const root = join(__dirname, '..', '..', '..');
    const out = execFileSync(process.execPath, ['-r', join(root, 'test/support/register-ts.js'), join(root, 'test/support/scope-server.ts')], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(JSON.parse(out)).toEqual({ beforeAnyWrite: 'off', afterWrite: 'off', duringWrite: 'on', afterSecondWrite: 'off' });
  });
});
