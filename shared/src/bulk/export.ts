import { csvLine } from './csv';

/**
 * GraphQL result -> CSV (`npm run export`). The rows are a list found in the
 * result (at `path`, or the first list of objects); each row is flattened into
 * dotted columns (`customer.segment.code`). Relay connections are unwrapped:
 * `edges[].node` becomes the list of nodes and `edges.node` disappears from
 * the column names. A list inside a row (a customer's tags) becomes one column
 * per leaf with the values joined by "; " (`customer.tags.code` = "VIP; NEW").
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEdges = (v: Json[]): boolean => v.length > 0 && v.every((e) => isObject(e) && 'node' in e);

/** The nodes of a connection, or the list itself. */
function unwrap(v: Json): Json {
  if (isObject(v) && Array.isArray(v.edges)) return v.edges.map((e) => (isObject(e) ? e.node : e));
  if (Array.isArray(v) && isEdges(v)) return v.map((e) => (e as JsonObject).node);
  return v;
}

export interface FoundList {
  rows: JsonObject[];
  /** Where it was found (dotted), e.g. `complaints`. */
  path: string;
  /** pageInfo of the connection it came from, if any. */
  pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
}

/**
 * The list to export: at `path` (dotted; a connection there is unwrapped), or
 * else the first list of objects found breadth-first in `data`.
 */
export function findList(data: Json, path?: string): FoundList {
  if (path) {
    let v: Json = data;
    for (const part of path.split('.').filter(Boolean)) {
      if (!isObject(v) || !(part in v)) throw new Error(`nothing at ${path} in the result`);
      v = v[part];
    }
    const pageInfo = isObject(v) && isObject(v.pageInfo) ? (v.pageInfo as FoundList['pageInfo']) : undefined;
    const list = unwrap(v);
    if (!Array.isArray(list)) throw new Error(`${path} is not a list`);
    return { rows: list.map((x) => (isObject(x) ? x : { value: x })), path, pageInfo };
  }
  const queue: { v: Json; path: string; parent: Json }[] = [{ v: data, path: '', parent: null }];
  while (queue.length) {
    const { v, path: p, parent } = queue.shift()!;
    if (Array.isArray(v) && v.some(isObject)) {
      const connection = isEdges(v) && isObject(parent) ? parent : null;
      const rows = (unwrap(v) as Json[]).filter(isObject);
      const at = connection ? p.replace(/\.?edges$/, '') : p;
      const pageInfo = connection && isObject(connection.pageInfo) ? (connection.pageInfo as FoundList['pageInfo']) : undefined;
      return { rows, path: at, pageInfo };
    }
    if (isObject(v)) for (const [k, child] of Object.entries(v)) queue.push({ v: child, path: p ? `${p}.${k}` : k, parent: v });
  }
  throw new Error('no list of objects in the result; pass --path');
}

/** One row -> dotted columns. */
export function flatten(row: JsonObject): Record<string, string> {
  const out: Record<string, string[]> = {};
  const add = (key: string, value: string) => (out[key] ??= []).push(value);
  const walk = (v: Json, key: string) => {
    v = unwrap(v);
    if (v === null || v === undefined) {
      out[key] ??= [];
    } else if (Array.isArray(v)) {
      if (!v.length) out[key] ??= [];
      for (const item of v) walk(item, key);
    } else if (isObject(v)) {
      for (const [k, child] of Object.entries(v)) {
        if (k === '__typename' && key) continue;
        walk(child, key ? `${key}.${k}` : k);
      }
    } else {
      add(key, String(v));
    }
  };
  walk(row, '');
  const flat: Record<string, string> = {};
  for (const [k, values] of Object.entries(out)) flat[k] = values.join('; ');
  return flat;
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a
 * leading apostrophe (OWASP "CSV injection"); numbers are left alone.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value) ? `'${value}` : value;
}

/**
 * Columns in order of first appearance over all rows. A null object gives its
 * own column (`customer`); it is dropped when other rows filled its fields
 * (`customer.name`) and it is empty everywhere.
 */
export function columnsOf(rows: Record<string, string>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  const all = [...seen];
  return all.filter((c) => !(all.some((o) => o.startsWith(`${c}.`)) && rows.every((r) => !r[c])));
}

/** Flattened rows -> CSV text (header first). */
export function rowsToCsv(rows: JsonObject[], opts: { raw?: boolean } = {}): string {
  const flat = rows.map(flatten);
  const columns = columnsOf(flat);
  const cell = opts.raw ? (s: string) => s : safeCell;
  return csvLine(columns) + flat.map((r) => csvLine(columns.map((c) => cell(r[c] ?? '')))).join('');
}
