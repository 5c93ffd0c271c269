import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { findList, FoundList, rowsToCsv } from './export';
import { Progress } from './progress';

/**
 * `npm run export -- --query report.graphql [--variables '{..}'] [--token T | --email E --password P]
 *                    [--path customers] [--all-pages] [--url http://localhost:4000/graphql] --out file.csv`
 *
 * Runs a GraphQL query through the gateway, as the signed-in user (so every
 * access rule applies), and writes the list it finds as CSV (see export.ts).
 * `--all-pages` follows a connection's pageInfo.endCursor into the query's
 * `$after` variable until hasNextPage is false. `--out -` writes to stdout.
 */
const USAGE =
  'usage: npm run export -- --query file.graphql [--variables JSON] [--token T | --email E --password P] [--path a.b] [--all-pages] [--raw] [--url URL] --out file.csv';

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
    throw new Error(`GraphQL error${json.errors.length > 1 ? `s (${json.errors.length})` : ''}: ${e.message}${e.extensions?.code ? ` [${e.extensions.code}${e.extensions.reason ? `/${e.extensions.reason}` : ''}]` : ''}`);
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
    (await post<{ login: { token: string } }>(url, { query: 'mutation Login($input: LoginInput!) { login(input: $input) { token } }', variables: { input: { email: values.email, password: values.password } } }))
      .login.token;

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

if (require.main === module) {
  runExport(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
      process.exit(1);
    },
  );
}
