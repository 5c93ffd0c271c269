import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DEMO_CUSTOMER_COUNT, DEMO_SEGMENTS } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { parseCsv } from '../../shared/src/bulk/csv';
import { runExport } from '../../shared/src/bulk/export-main';
import { startTestGraph, TestGraph } from '../support/graph';

/** `npm run export`: a GraphQL query through the gateway, as a signed-in user, written as CSV. */
const QUERY = `query Customers($first: Int, $after: String) {
  customers(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id name kind segment { code } tags { code } } }
  }
}`;

describe.each(testDatabaseKinds())('export CLI through the gateway on %s', (kind) => {
  let graph: TestGraph;
  let dir: string;
  const quiet = new Writable({ write: (_c, _e, cb) => cb() });

  beforeAll(async () => {
    graph = await startTestGraph(kind);
    dir = mkdtempSync(join(tmpdir(), 'gg-export-'));
    writeFileSync(join(dir, 'customers.graphql'), QUERY);
  }, 120_000);
  afterAll(async () => {
    await graph?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const exportAs = async (email: string, out: string, extra: string[] = []) => {
    const args = ['--query', join(dir, 'customers.graphql'), '--email', email, '--password', 'demo-password', '--url', graph.gatewayUrl, '--out', out, ...extra];
    expect(await runExport(args, quiet)).toBe(0);
    return parseCsv(readFileSync(out, 'utf8'));
  };

  it('flattens the nodes of the first connection into dotted columns, across all pages', async () => {
    const rows = await exportAs('executive@example.com', join(dir, 'all.csv'), ['--variables', '{"first": 100}', '--all-pages']);
    expect(rows[0]).toEqual(['id', 'name', 'kind', 'segment.code', 'tags.code']);
    expect(rows.length - 1).toBe(DEMO_CUSTOMER_COUNT);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(DEMO_CUSTOMER_COUNT);
    expect(new Set(rows.slice(1).map((r) => r[3]))).toEqual(new Set(DEMO_SEGMENTS.map((s) => s.code)));
    expect(rows.slice(1).some((r) => r[4].includes('; '))).toBe(true); // several tags in one cell
  });

  it('CS-R35 exports only what the user may read (segment isolation applies), one page without --all-pages', async () => {
    const rows = await exportAs('staff.resi@example.com', join(dir, 'resi.csv'), ['--variables', '{"first": 100}', '--all-pages']);
    expect(rows.length - 1).toBe(DEMO_CUSTOMER_COUNT / DEMO_SEGMENTS.length);
    expect(new Set(rows.slice(1).map((r) => r[3]))).toEqual(new Set(['RESI']));
    const page = await exportAs('executive@example.com', join(dir, 'page.csv'), ['--variables', '{"first": 7}']);
    expect(page.length - 1).toBe(7);
  });

  it('fails with the GraphQL error when signing in fails', async () => {
    await expect(
      runExport(
        ['--query', join(dir, 'customers.graphql'), '--email', 'executive@example.com', '--password', 'wrong', '--url', graph.gatewayUrl, '--out', join(dir, 'x.csv')],
        quiet,
      ),
    ).rejects.toThrow(/INVALID_CREDENTIALS|UNAUTHENTICATED/);
  });
});
