import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { connect } from 'node:net';
import { DEMO_CUSTOMER_COUNT, verifyToken } from '@group/shared';
import { runExport } from '../../shared/src/bulk/export-main';
import { parseCsv } from '../../shared/src/bulk/csv';
import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';
import { bulkModule } from '../../subgraphs/bulk/src/module';
import type { BulkRunner } from '../../subgraphs/bulk/src/runner';
import { BulkOperation } from '../../subgraphs/bulk/src/bulk-operation.entity';

/**
 * Bulk operations (issue 22) through the real gateway and subgraphs: a query submitted once is run
 * to the end of every connection, as the submitter, into JSON Lines. The runner is driven by the
 * tests (BULK_POLL_MS=0) and asks for pages of at most 3, so that every connection takes several
 * pages and continuations (and a restart falls in the middle of a job).
 */
const REPORT = `{
  companies { edges { node { id name
    departments { edges { node { id name
      employees { edges { node { id name
        customers { edges { node { id name tags { code }
          complaints { edges { node { code status } } }
        } } }
      } } }
    } } }
  } } }
}`;

type Line = Record<string, unknown>;

/** The same report paged by hand, as a reporting tool does without bulk operations: every list followed by its cursors. */
async function pagedByHand(g: TestGraph, token: string): Promise<Line[]> {
  const lines: Line[] = [];
  const all = async (fetchPage: (after: string | null) => Promise<{ edges: { node: Line }[]; pageInfo: { hasNextPage: boolean; endCursor: string } }>) => {
    const nodes: Line[] = [];
    for (let after: string | null = null; ;) {
      const page = await fetchPage(after);
      nodes.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
    }
  };
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const r = await g.request(query, { token, variables });
    if (!r.body.data) throw new Error(JSON.stringify(r.body.errors));
    return r.body.data;
  };
  const PAGE = 'pageInfo { hasNextPage endCursor }';
  const companies = await all(async (after) => (await ask(`query($a: String) { companies(first: 7, after: $a) { ${PAGE} edges { node { id name } } } }`, { a: after })).companies);
  for (const c of companies) {
    lines.push(c);
    const departments = await all(
      async (after) =>
        (await ask(`query($id: ID!, $a: String) { company(id: $id) { departments(first: 7, after: $a) { ${PAGE} edges { node { id name } } } } }`, { id: c.id, a: after })).company
          .departments,
    );
    for (const d of departments) {
      lines.push({ ...d, __parentId: c.id });
      const employees = await all(
        async (after) =>
          (await ask(`query($id: ID!, $a: String) { department(id: $id) { employees(first: 7, after: $a) { ${PAGE} edges { node { id name } } } } }`, { id: d.id, a: after }))
            .department.employees,
      );
      for (const e of employees) {
        lines.push({ ...e, __parentId: d.id });
        const customers = await all(
          async (after) =>
            (
              await ask(`query($id: ID!, $a: String) { employee(id: $id) { customers(first: 7, after: $a) { ${PAGE} edges { node { id name tags { code } } } } } }`, {
                id: e.id,
                a: after,
              })
            ).employee.customers,
        );
        for (const cu of customers) {
          lines.push({ ...cu, __parentId: e.id });
          const complaints = await all(
            async (after) =>
              (
                await ask(`query($id: ID!, $a: String) { customer(id: $id) { complaints(first: 7, after: $a) { ${PAGE} edges { node { code status } } } } }`, {
                  id: cu.id,
                  a: after,
                })
              ).customer.complaints,
          );
          for (const co of complaints) lines.push({ ...co, __parentId: cu.id });
        }
      }
    }
  }
  return lines;
}

/** Waits for the start of the next whole second (to put several steps in one second, where seconds alone could not order them). */
const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));

const sorted = (lines: Line[]) => lines.map((l) => JSON.stringify(l, Object.keys(l).sort())).sort();

describe.each(testDatabaseKinds())('bulk operations on %s', (kind) => {
  let g: TestGraph;
  let executive: string;
  let head: string;
  let staff: string;
  const runner = (): BulkRunner => bulkModule.runnerOf(g.apps.bulk as never)!;

  beforeAll(async () => {
    g = await startTestGraph(kind, { bulk: { BULK_MAX_PAGE_SIZE: '3', BULK_MAX_RUNNING_PER_ACCOUNT: '2', BULK_RETRY_BASE_MS: '10' } });
    [executive, head, staff] = await Promise.all(['executive@example.com', 'head.resi@example.com', 'staff.resi@example.com'].map((e) => g.login(e)));
  }, 120_000);
  afterAll(() => g?.stop());

  const OP = 'id status errorCode objectCount rootObjectCount fileSize url partialDataUrl createdAt completedAt expiresAt';
  const submit = async (token: string, query: string) => {
    const r = await g.request(`mutation($q: String!) { bulkOperationRunQuery(query: $q) { ${OP} } }`, { token, variables: { q: query } });
    return r;
  };
  const submitOk = async (token: string, query: string) => {
    const r = await submit(token, query);
    if (!r.body.data) throw new Error(JSON.stringify(r.body.errors));
    return r.body.data.bulkOperationRunQuery;
  };
  const status = async (token: string, id: string) =>
    (await g.request(`query($id: ID!) { bulkOperation(id: $id) { ${OP} } }`, { token, variables: { id } })).body.data.bulkOperation;
  const download = async (url: string) => {
    const res = await fetch(url);
    const text = await res.text();
    return {
      status: res.status,
      text,
      lines: text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Line),
    };
  };
  /** Submits, runs to the end, and returns the final status and the file's lines. */
  const runToEnd = async (token: string, query: string) => {
    const op = await submitOk(token, query);
    expect(op.status).toBe('CREATED');
    await runner().drain();
    const done = await status(token, op.id);
    expect(done.status).toBe('COMPLETED');
    const file = await download(done.url);
    expect(file.status).toBe(200);
    return { op: done, lines: file.lines, text: file.text };
  };

  it('the JSONL of a deep report (five nested connections) equals, object for object, the same report paged by hand', async () => {
    const { op, lines, text } = await runToEnd(executive, REPORT);
    const byHand = await pagedByHand(g, executive);
    expect(byHand.length).toBeGreaterThan(20);
    expect(sorted(lines)).toEqual(sorted(byHand));
    expect(op.objectCount).toBe(byHand.length);
    expect(op.rootObjectCount).toBe(byHand.filter((l) => !('__parentId' in l)).length);
    expect(op.fileSize).toBe(Buffer.byteLength(text));
    // Children come after their parent, and every __parentId names an earlier line.
    const seen = new Set<unknown>();
    for (const l of lines) {
      if ('__parentId' in l) expect(seen.has(l.__parentId)).toBe(true);
      if (l.id) seen.add(l.id);
    }
    expect(new Date(op.expiresAt).getTime() - new Date(op.completedAt).getTime()).toBe(7 * 24 * 3600 * 1000);
  }, 120_000);

  it("a segment head's bulk result holds only its segment, exactly what the head pages by hand", async () => {
    const q = '{ customers { edges { node { id name segment { code } complaints { edges { node { code } } } } } } }';
    const { lines } = await runToEnd(head, q);
    const customers = lines.filter((l) => !('__parentId' in l));
    expect(customers.length).toBeGreaterThan(0);
    expect(new Set(customers.map((c) => (c.segment as { code: string }).code))).toEqual(new Set(['RESI']));
    const all = await runToEnd(executive, q);
    expect(all.lines.filter((l) => !('__parentId' in l)).length).toBeGreaterThan(customers.length);
    const byHand = (await g.request('{ customers(first: 100) { totalCount } }', { token: head })).body.data.customers.totalCount;
    expect(customers.length).toBe(byHand);
  }, 120_000);

  it('a forbidden (sensitive) field is null in the file as in the graph', async () => {
    const ok = async (token: string, query: string, variables?: Record<string, unknown>) => {
      const r = await g.request(query, { token, variables });
      if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
      return r.body.data;
    };
    const customerId = (await ok(staff, '{ customers(first: 1) { edges { node { id } } } }')).customers.edges[0].node.id;
    const c = (
      await ok(staff, 'mutation ($i: CreateComplaintInput!) { createComplaint(input: $i) { id version } }', {
        i: { customerId, title: '漏水', description: 'd', channel: 'HOTLINE', severity: 'MAJOR', phase: 'AFTER_SALE' },
      })
    ).createComplaint;
    const department = (await ok(head, '{ departments(first: 1) { edges { node { id } } } }')).departments.edges[0].node.id;
    await ok(head, 'mutation ($i: UpdateComplaintRiskInput!) { updateComplaintRisk(input: $i) { version } }', {
      i: { id: c.id, expectedVersion: c.version, riskLevel: 'HIGH', legalCase: true, legalDepartmentId: department, note: '客户起诉' },
    });
    const q = `{ complaints(filter: { customerId: "${customerId}" }) { edges { node { id title legalCase legalEscalatedAt } } } }`;
    const byStaff = await runToEnd(staff, q);
    const byHead = await runToEnd(head, q);
    const line = (lines: Line[]) => lines.find((l) => l.id === c.id)!;
    expect(line(byStaff.lines)).toMatchObject({ title: '漏水', legalCase: true, legalEscalatedAt: null });
    expect(line(byHead.lines).legalEscalatedAt).not.toBeNull();
    const graph = await g.request(`query($id: ID!) { complaint(id: $id) { id title legalCase legalEscalatedAt } }`, { token: staff, variables: { id: c.id } });
    expect(graph.body.data.complaint).toEqual(line(byStaff.lines));
  }, 120_000);

  it('refuses mutations, subscriptions, invalid queries and tops that are not a connection, with BULK_QUERY_INVALID and a problem', async () => {
    const reasons: Record<string, string> = {
      'mutation { bulkOperationCancel(id: "x") { id } }': 'MUTATION_NOT_ALLOWED',
      'subscription { x }': 'SUBSCRIPTION_NOT_ALLOWED',
      '{ customers { edges { node { noSuchField } } } }': 'GRAPHQL_INVALID',
      '{ customers { edges': 'GRAPHQL_INVALID',
      '{ me { email } }': 'ROOT_MUST_BE_CONNECTION',
      'query($n: Int!) { customers(first: $n) { edges { node { id } } } }': 'VARIABLES_NOT_SUPPORTED',
      '{ customers { totalCount } }': 'CONNECTION_WITHOUT_NODES',
    };
    for (const [query, reason] of Object.entries(reasons)) {
      const r = await submit(executive, query);
      expect([query, r.body.errors?.[0]?.extensions]).toEqual([query, expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'BULK_QUERY_INVALID', problem: reason })]);
    }
  });

  it('another account cannot see or cancel an operation; cancel stops a queued one, twice is a CONFLICT', async () => {
    const op = await submitOk(executive, '{ customers { edges { node { id } } } }');
    const foreign = await g.request(`query($id: ID!) { bulkOperation(id: $id) { id } }`, { token: head, variables: { id: op.id } });
    expect(foreign.body.errors![0].extensions.code).toBe('NOT_FOUND');
    const foreignCancel = await g.request(`mutation($id: ID!) { bulkOperationCancel(id: $id) { id } }`, { token: head, variables: { id: op.id } });
    expect(foreignCancel.body.errors![0].extensions.code).toBe('NOT_FOUND');
    const canceled = await g.request(`mutation($id: ID!) { bulkOperationCancel(id: $id) { status completedAt url } }`, { token: executive, variables: { id: op.id } });
    expect(canceled.body.data.bulkOperationCancel).toMatchObject({ status: 'CANCELED', url: null });
    await runner().drain();
    expect((await status(executive, op.id)).status).toBe('CANCELED');
    const again = await g.request(`mutation($id: ID!) { bulkOperationCancel(id: $id) { id } }`, { token: executive, variables: { id: op.id } });
    expect(again.body.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'BULK_OPERATION_NOT_RUNNING' });
    const mine = (await g.request(`{ bulkOperations(first: 50) { edges { node { id status } } } }`, { token: head })).body.data.bulkOperations.edges;
    expect(mine.map((e: { node: { id: string } }) => e.node.id)).not.toContain(op.id);
  });

  it('cancel while running: the runner stops at its next page and deletes the file', async () => {
    const op = await submitOk(executive, REPORT);
    const running = runner().drain();
    for (let i = 0; i < 200 && (await status(executive, op.id)).objectCount === 0; i++) await new Promise((r) => setTimeout(r, 25));
    await g.request(`mutation($id: ID!) { bulkOperationCancel(id: $id) { id } }`, { token: executive, variables: { id: op.id } });
    await running;
    const after = await status(executive, op.id);
    expect(after).toMatchObject({ status: 'CANCELED', url: null });
    expect(existsSync(join(g.bulk!.filesDir, `${op.id}.jsonl`))).toBe(false);
  }, 60_000);

  it('at most two running operations per account (LIMIT_EXCEEDED BULK_OPERATION_LIMIT), also when submitted at once', async () => {
    const q = '{ segments { edges { node { id } } } }';
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => submit(head, q)));
    const ok = results.filter((r) => r.body.data?.bulkOperationRunQuery);
    const refused = results.filter((r) => r.body.errors);
    expect(ok).toHaveLength(2);
    expect(refused.map((r) => r.body.errors![0].extensions)).toEqual(Array(3).fill(expect.objectContaining({ code: 'LIMIT_EXCEEDED', reason: 'BULK_OPERATION_LIMIT' })));
    await runner().drain();
    expect((await submit(head, q)).body.data.bulkOperationRunQuery.status).toBe('CREATED');
    await runner().drain();
  }, 60_000);

  it('the limit holds under 20 concurrent submissions of one account to the service (the account row is locked first)', async () => {
    const service = (g.apps.bulk!.services as { bulk: { submit(v: unknown, q: string): Promise<{ id: string }> } }).bulk;
    const viewer = { accountId: `concurrency-${kind}`, role: 'GROUP_EXECUTIVE', segmentIds: [], employeeId: null, capabilities: [] };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => service.submit(viewer, '{ segments { edges { node { id } } } }')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r.reason as { code: string }).code)).toEqual(Array(18).fill('BULK_OPERATION_LIMIT'));
  });

  it('a restart in the middle of a job resumes from its last committed page: no line twice, none missing', async () => {
    const op = await submitOk(executive, REPORT);
    const running = runner().drain();
    for (let i = 0; i < 400 && (await status(executive, op.id)).objectCount < 10; i++) await new Promise((r) => setTimeout(r, 10));
    await g.apps.bulk!.stop();
    await running;
    const mid = await status(executive, op.id).catch(() => null);
    expect(mid).toBeNull(); // the bulk subgraph is down
    // A page written but never committed (the process died between the two): it must not count.
    appendFileSync(join(g.bulk!.filesDir, `${op.id}.jsonl`), '{"half":"written"}\n{"id":');
    await g.bulk!.start();
    const resumedFrom = await status(executive, op.id);
    expect(resumedFrom.status).toBe('RUNNING');
    expect(resumedFrom.objectCount).toBeGreaterThan(0);
    await runner().drain();
    const done = await status(executive, op.id);
    expect(done.status).toBe('COMPLETED');
    const { lines } = await download(done.url);
    expect(sorted(lines)).toEqual(sorted(await pagedByHand(g, executive)));
  }, 120_000);

  it('a runner that lost its lease (another instance took the job over) writes nothing more; the new owner finishes it without a duplicate', async () => {
    const q = '{ customers { edges { node { id name complaints { edges { node { code } } } } } } }';
    const expected = sorted((await runToEnd(executive, q)).lines);
    const op = await submitOk(executive, q);
    const running = runner().drain();
    for (let i = 0; i < 400 && (await status(executive, op.id)).objectCount < 10; i++) await new Promise((r) => setTimeout(r, 10));
    const repo = g.apps.bulk!.dataSource.getRepository(BulkOperation);
    await repo.update({ id: op.id }, { leaseOwner: 'another-instance', leaseUntil: new Date(Date.now() + 60_000) });
    await running;
    const taken = await repo.findOneByOrFail({ id: op.id });
    expect(taken).toMatchObject({ status: 'RUNNING', leaseOwner: 'another-instance' });
    expect(taken.objectCount).toBeLessThan(expected.length);
    // Nothing written past what was committed before the takeover.
    expect(readFileSync(join(g.bulk!.filesDir, `${op.id}.jsonl`)).length).toBe(taken.fileSize);
    // The other instance "dies": its lease lapses and a runner resumes the job.
    await repo.update({ id: op.id }, { leaseUntil: new Date(Date.now() - 1000) });
    await runner().drain();
    const done = await status(executive, op.id);
    expect(done.status).toBe('COMPLETED');
    expect(sorted((await download(done.url)).lines)).toEqual(expected);
  }, 60_000);

  it('two instances on one database: each operation runs once', async () => {
    const second = await (async () => {
      const { createSubgraphApp } = await import('@group/shared');
      const config = { ...(g.apps.bulk!.config as object) } as never;
      const app = await createSubgraphApp(bulkModule as never, config);
      await app.server.start(0);
      return app;
    })();
    try {
      const ops = [await submitOk(executive, REPORT), await submitOk(staff, '{ customers { edges { node { id name } } } }')];
      await Promise.all([runner().drain(), bulkModule.runnerOf(second as never)!.drain()]);
      const expected = sorted(await pagedByHand(g, executive));
      const first = await status(executive, ops[0].id);
      expect(sorted((await download(first.url)).lines)).toEqual(expected);
      expect((await status(staff, ops[1].id)).status).toBe('COMPLETED');
    } finally {
      await second.stop();
    }
  }, 120_000);

  it('files expire (EXPIRED, deleted, the URL answers 404); a tampered URL is 403', async () => {
    const { op } = await runToEnd(staff, '{ customers { edges { node { id name } } } }');
    const url = new URL(op.url);
    expect(url.origin).toBe(new URL(g.gatewayUrl).origin); // served through the graph's front
    const tamper = (change: (u: URL) => void) => {
      const u = new URL(op.url);
      change(u);
      return u.toString();
    };
    const otherId = (await submitOk(staff, '{ customers { edges { node { id } } } }')).id;
    for (const bad of [
      tamper((u) =>
        u.searchParams.set(
          'sig',
          u.searchParams.get('sig')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
        ),
      ),
      tamper((u) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3600))),
      tamper((u) => (u.pathname = u.pathname.replace(op.id, otherId))),
      tamper((u) => u.searchParams.set('kind', 'partial')),
      tamper((u) => u.searchParams.delete('sig')),
    ]) {
      const res = await fetch(bad);
      expect([bad, res.status]).toEqual([bad, 403]);
      expect((await res.json()).errors[0].extensions.code).toBe('BULK_URL_INVALID');
    }
    expect((await fetch(op.url)).status).toBe(200);
    // A request line naming another host (absolute form) still reaches only the bulk subgraph (no SSRF through the proxy).
    const gw = new URL(g.gatewayUrl);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(gw.port), gw.hostname, () =>
        socket.write(`GET http://127.0.0.1:1${url.pathname}${url.search} HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    await (g.apps.bulk!.services as { bulk: { expireNow(id: string): Promise<void> } }).bulk.expireNow(op.id);
    await runner().tick();
    const expired = await status(staff, op.id);
    expect(expired).toMatchObject({ status: 'EXPIRED', url: null });
    expect(existsSync(join(g.bulk!.filesDir, `${op.id}.jsonl`))).toBe(false);
    const gone = await fetch(op.url);
    expect([403, 404]).toContain(gone.status);
    await g.request(`mutation($id: ID!) { bulkOperationCancel(id: $id) { id } }`, { token: staff, variables: { id: otherId } });
  }, 60_000);

  it('revocations apply by account: a password change after the submission, even in the same second, stops the job (FAILED, ACCESS_DENIED), as it refuses the submitting token', async () => {
    // Early in a second, so that the token, the submission and the change usually fall in the same one:
    // revocations count in milliseconds, and the job is dated from the submitting token's millisecond.
    if (Date.now() % 1000 > 300) await nextSecond();
    const token = await g.login('head.cons@example.com');
    const op = await submitOk(token, REPORT);
    const stored = await g.apps.bulk!.dataSource.getRepository(BulkOperation).findOneByOrFail({ id: op.id });
    expect(JSON.parse(stored.claims).issuedAtMs).toBe((await verifyToken(g.apps.organization.config.auth, token)).issuedAtMs);
    const changed = await g.request(`mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token } }`, {
      token,
      variables: { i: { currentPassword: 'demo-password', newPassword: 'Another-Harbour-42' } },
    });
    const fresh = changed.body.data.changePassword.token;
    expect((await g.request('{ me { email } }', { token, url: g.urls.organization })).status).toBe(401); // the token the job was submitted with is refused
    await runner().drain();
    expect(await status(fresh, op.id)).toMatchObject({ status: 'FAILED', errorCode: 'ACCESS_DENIED', objectCount: 0, url: null, partialDataUrl: null });
    // A job submitted after the change runs.
    const after = await submitOk(fresh, '{ customers { edges { node { id } } } }');
    await runner().drain();
    expect((await status(fresh, after.id)).status).toBe('COMPLETED');
  }, 60_000);

  it('an account re-keyed in the very second it submits runs its job: the job is dated from the submitting token, not before it', async () => {
    const token = await g.login('head.hotl@example.com');
    // Early in a second, so that the change and the submission fall in the same one.
    if (Date.now() % 1000 > 300) await nextSecond();
    const changed = await g.request(`mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token } }`, {
      token,
      variables: { i: { currentPassword: 'demo-password', newPassword: 'Another-Harbour-43' } },
    });
    const fresh = changed.body.data.changePassword.token;
    // Organization's data: organization checks every token against the account itself (the others follow its revocations).
    const op = await submitOk(fresh, '{ segments { edges { node { id } } } }');
    await runner().drain();
    expect(await status(fresh, op.id)).toMatchObject({ status: 'COMPLETED', errorCode: null });
  }, 60_000);

  it('the export CLI with --bulk submits, follows the progress, downloads the JSON Lines, or converts them to CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulk-cli-'));
    writeFileSync(join(dir, 'q.graphql'), '{ customers { edges { node { id name segment { code } complaints { edges { node { code } } } } } } }');
    const quiet = new Writable({ write: (_c, _e, cb) => cb() });
    const cli = (out: string, extra: string[] = []) => {
      let done = false;
      const exported = runExport(
        [
          '--bulk',
          '--poll-ms',
          '50',
          '--query',
          join(dir, 'q.graphql'),
          '--email',
          'executive@example.com',
          '--password',
          'demo-password',
          '--url',
          g.gatewayUrl,
          '--out',
          out,
          ...extra,
        ],
        quiet,
      ).finally(() => (done = true));
      // The runner is driven by the test here (BULK_POLL_MS=0): keep it working until the CLI is done.
      const running = (async () => {
        while (!done) {
          await runner().drain();
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      return Promise.all([exported, running]).then(([code]) => code);
    };
    expect(await cli(join(dir, 'out.jsonl'))).toBe(0);
    const lines = readFileSync(join(dir, 'out.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => !l.__parentId)).toHaveLength(DEMO_CUSTOMER_COUNT);
    expect(await cli(join(dir, 'out.csv'), ['--csv'])).toBe(0);
    const rows = parseCsv(readFileSync(join(dir, 'out.csv'), 'utf8'));
    expect(rows[0]).toEqual(['id', 'name', 'segment.code', 'code', '__parentId']);
    expect(rows.length - 1).toBe(lines.length);
  }, 60_000);

  // Last: it stops the marketing subgraph.
  it('a subgraph lost mid-job: the page is retried, then the operation FAILS with what it wrote at partialDataUrl (never a file with holes)', async () => {
    const complete = new Set(sorted(await pagedByHand(g, executive)));
    const op = await submitOk(executive, REPORT);
    const running = runner().drain();
    for (let i = 0; i < 400 && (await status(executive, op.id)).objectCount < 10; i++) await new Promise((r) => setTimeout(r, 10));
    await g.apps.marketing.stop();
    await running;
    const failed = await status(executive, op.id);
    expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'INTERNAL_SERVER_ERROR', url: null });
    const partial = await download(failed.partialDataUrl);
    expect(partial.status).toBe(200);
    expect(partial.lines.length).toBe(failed.objectCount);
    // Every line written is a line of the complete report (tags included: nothing null from the lost subgraph).
    expect(partial.lines.length).toBeGreaterThanOrEqual(10);
    expect(sorted(partial.lines).filter((l) => !complete.has(l))).toEqual([]);
  }, 60_000);
});
