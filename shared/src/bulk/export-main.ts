import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { findList, FoundList, rowsToCsv } from './export';
import { Progress } from './progress';

/**
 * `npm run export -- --query report.graphql [--variables '{..}'] [--token T | --email E --password P]
 *                    [--path customers] [--all-pages] [--url http://localhost:4000/graphql] --out file.csv`
 * `npm run export -- --bulk --query report.graphql [--csv] ... --out report.jsonl`
 *
 * Runs a GraphQL query through the gateway, as the signed-in user (so every
 * access rule applies), and writes the list it finds as CSV (see export.ts).
 * `--all-pages` follows a connection's pageInfo.endCursor into the query's
 * `$after` variable until hasNextPage is false. `--out -` writes to stdout.
 *
 * `--bulk` submits the query as a bulk operation instead (the graph pages every connection
 * itself, see subgraphs/bulk/README.md), shows its progress (objects written) until it is done,
 * and downloads the JSON Lines file to `--out`; with `--csv`, writes CSV instead (every line a
 * row, nested nodes with their `__parentId`; the rows are held in memory for the columns).
 */
const USAGE =
  'usage: npm run export -- --query file.graphql [--variables JSON] [--token T | --email E --password P] [--path a.b] [--all-pages] [--raw] [--url URL] --out file.csv\n' +
  '       npm run export -- --bulk --query file.graphql [--csv] [--token T | --email E --password P] [--url URL] --out file.jsonl';

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: { data: T; errors?: { message: string; extensions?: { code?: string; reason?: string } }[] };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new Error(`HTTP ${res.status} from ${url}: ${text.slice(0, 200)}`);
  }
  if (json.errors?.length) {
    const e = json.errors[0];
    throw new Error(
      `GraphQL error${json.errors.length > 1 ? `s (${json.errors.length})` : ''}: ${e.message}${e.extensions?.code ? ` [${e.extensions.code}${e.extensions.reason ? `/${e.extensions.reason}` : ''}]` : ''}`,
    );
  }
  return json.data;
}

export async function runExport(argv: string[], stderr: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      query: { type: 'string' },
      variables: { type: 'string' },
      token: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      path: { type: 'string' },
      out: { type: 'string' },
      url: { type: 'string', default: 'http://localhost:4000/graphql' },
      'all-pages': { type: 'boolean', default: false },
      raw: { type: 'boolean', default: false },
      bulk: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      'poll-ms': { type: 'string', default: '1000' },
    },
  });
  if (!values.query || !values.out) throw new Error('--query and --out are required');
  if (!values.token && !(values.email && values.password)) throw new Error('--token, or --email with --password, is required');
  const query = readFileSync(values.query, 'utf8');
  let variables: Record<string, unknown> = {};
  if (values.variables) {
    try {
      variables = JSON.parse(values.variables);
    } catch {
      throw new Error('--variables must be a JSON object');
    }
  }
  const url = values.url;
  const token =
    values.token ??
    (
      await post<{ login: { token: string } }>(url, {
        query: 'mutation Login($input: LoginInput!) { login(input: $input) { token } }',
        variables: { input: { email: values.email, password: values.password } },
      })
    ).login.token;

  if (values.bulk) return runBulk(url, token, query, { out: values.out, csv: values.csv, raw: values.raw, pollMs: Number(values['poll-ms']) }, stderr);

  const progress = new Progress('export', stderr);
  const rows: FoundList['rows'] = [];
  for (let page = 1; ; page++) {
    const data = await post<Parameters<typeof findList>[0]>(url, { query, variables }, token);
    const found = findList(data, values.path);
    rows.push(...found.rows);
    progress.update(rows.length);
    const next = found.pageInfo?.hasNextPage ? found.pageInfo.endCursor : null;
    if (!values['all-pages'] || !next) break;
    if (!/\$after\b/.test(query)) throw new Error('--all-pages needs the query to declare $after and pass it to the connection');
    variables = { ...variables, after: next };
    if (page > 100_000) throw new Error('too many pages');
  }
  const csv = rowsToCsv(rows, { raw: values.raw });
  if (values.out === '-') process.stdout.write(csv);
  else writeFileSync(values.out, csv);
  progress.finish(rows.length, values.out === '-' ? '' : `-> ${values.out}`);
  return 0;
}

const OPERATION = 'id status errorCode objectCount rootObjectCount fileSize url partialDataUrl';
interface BulkOperation {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
  partialDataUrl: string | null;
}

/** `--bulk`: submit, follow `objectCount` until the operation ends, download (or convert to CSV). */
async function runBulk(
  url: string,
  token: string,
  query: string,
  opts: { out: string; csv: boolean; raw: boolean; pollMs: number },
  stderr: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<number> {
  let op = (
    await post<{ bulkOperationRunQuery: BulkOperation }>(
      url,
      { query: `mutation Run($q: String!) { bulkOperationRunQuery(query: $q) { ${OPERATION} } }`, variables: { q: query } },
      token,
    )
  ).bulkOperationRunQuery;
  const progress = new Progress('bulk', stderr);
  while (op.status === 'CREATED' || op.status === 'RUNNING') {
    await new Promise((r) => setTimeout(r, opts.pollMs));
    op = (await post<{ bulkOperation: BulkOperation }>(url, { query: `query Op($id: ID!) { bulkOperation(id: $id) { ${OPERATION} } }`, variables: { id: op.id } }, token))
      .bulkOperation;
    progress.update(op.objectCount, undefined, op.status);
  }
  if (op.status !== 'COMPLETED' || !op.url) {
    throw new Error(`bulk operation ${op.id} ended ${op.status}${op.errorCode ? ` (${op.errorCode})` : ''}${op.partialDataUrl ? `; partial data: ${op.partialDataUrl}` : ''}`);
  }
  const res = await fetch(op.url);
  if (!res.ok || !res.body) throw new Error(`download failed: HTTP ${res.status}`);
  const body = Readable.fromWeb(res.body as never);
  if (!opts.csv) {
    await pipeline(body, opts.out === '-' ? process.stdout : createWriteStream(opts.out));
  } else {
    const rows: FoundList['rows'] = [];
    for await (const line of createInterface({ input: body, crlfDelay: Infinity })) if (line) rows.push(JSON.parse(line) as FoundList['rows'][number]);
    const csv = rowsToCsv(rows, { raw: opts.raw });
    if (opts.out === '-') process.stdout.write(csv);
    else writeFileSync(opts.out, csv);
  }
  progress.finish(op.objectCount, opts.out === '-' ? '' : `-> ${opts.out}`);
  return 0;
}

if (require.main === module) {
  runExport(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
      process.exit(1);
    },
  );
}
