import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { inTransaction } from '../database/transaction';
import { RowError, RowReader } from './fields';

/**
 * The generic CSV import engine (issue #10). A subgraph describes one kind of
 * record as an `ImportSpec` (columns, how to read a row, its natural key, the
 * set-based database checks of a batch, the multi-row insert through its own
 * entities); the engine reads the records, validates every row BEFORE writing
 * it, and writes in batches:
 *
 * - mode `all` (all-or-nothing): pass 1 validates the whole file (cells, duplicates
 *   in the file, database checks) and writes nothing; only when no row is bad,
 *   pass 2 writes everything in ONE transaction (re-checking inside it, so a
 *   concurrent change still cannot slip through).
 * - mode `batch` (per-batch commit): each batch is checked and its valid rows
 *   inserted in its own transaction; bad rows are left out and reported. After
 *   each commit `onCommit` gets the last row done (the checkpoint for --resume).
 *
 * Rows carry a natural key: a key seen twice in the file is DUPLICATE_IN_FILE,
 * a key already in the database is refused by the spec's check (and by a
 * unique index), so re-running a file never duplicates a record.
 */
export type ImportMode = 'all' | 'batch';

export interface ImportColumn {
  /** Header name, lower case (headers are matched case-insensitively). */
  name: string;
  required: boolean;
  description: string;
}

export interface ParsedRow<T> {
  row: number;
  value: T;
  key: string;
}

export type FailRow<T> = (r: ParsedRow<T>, column: string, code: string, message: string) => void;

export interface ImportSpec<T> {
  /** 'customers', 'tag-assignments', ... */
  kind: string;
  columns: ImportColumn[];
  /** Reads one row; reports bad cells through the reader. The result is ignored when the reader has errors. */
  parse(r: RowReader): T | null;
  /** The natural key of a row: no two rows of a file, nor a row and a stored record, may share it. */
  key(value: T): string;
  /**
   * First statement of every write transaction (before the checks), e.g. to
   * lock a summary table the inserts will maintain. Optional.
   */
  begin?(m: EntityManager): Promise<void>;
  /** Database checks of a batch (references exist, not already stored...), in a few set-based statements. */
  check(m: EntityManager, rows: ParsedRow<T>[], fail: FailRow<T>): Promise<void>;
  /** Inserts valid, checked rows (multi-row INSERTs, see `insertRows`). */
  insert(m: EntityManager, rows: ParsedRow<T>[]): Promise<void>;
}

export interface ImportProgress {
  phase: 'validate' | 'write';
  /** Data rows handled so far in this phase. */
  rows: number;
  inserted: number;
  failed: number;
}

export interface ImportOptions {
  mode: ImportMode;
  batchSize: number;
  /** Resume: rows up to this number were done by an earlier run and are skipped. */
  skipThrough?: number;
  /** Every row error, as it is found (the CLI streams them to the error file). */
  onError?(e: RowError): void;
  onProgress?(p: ImportProgress): void;
  /** After each commit: all rows up to `lastRow` are done (written or reported). */
  onCommit?(p: { lastRow: number; inserted: number; failed: number }): void | Promise<void>;
  /** Stops between batches (Ctrl-C): what is committed stays committed. */
  signal?: AbortSignal;
  /** How many errors the result keeps (all are passed to onError). Default 1000. */
  maxErrors?: number;
}

export interface ImportResult {
  kind: string;
  mode: ImportMode;
  /** Data rows read (blank lines and resumed rows not counted). */
  rows: number;
  /** Rows skipped because an earlier run had done them (--resume). */
  skipped: number;
  inserted: number;
  /** Rows with at least one error (not written). */
  failed: number;
  errorCount: number;
  /** The first `maxErrors` errors, in row order. */
  errors: RowError[];
  /** Last row done and committed (the checkpoint). */
  lastRow: number;
  /** Stopped by the signal before the end. */
  interrupted: boolean;
}

/** Records of a CSV source, header first. Called twice in mode `all` (validate, then write). */
export type RecordSource = () => AsyncIterable<string[]> | Iterable<string[]>;

class Abort extends Error {}

export async function runImport<T>(ds: DataSource, spec: ImportSpec<T>, open: RecordSource, options: ImportOptions): Promise<ImportResult> {
  const maxErrors = options.maxErrors ?? 1000;
  const batchSize = Math.max(1, Math.floor(options.batchSize));
  const skipThrough = options.skipThrough ?? 0;
  const result: ImportResult = {
    kind: spec.kind,
    mode: options.mode,
    rows: 0,
    skipped: 0,
    inserted: 0,
    failed: 0,
    errorCount: 0,
    errors: [],
    lastRow: skipThrough,
    interrupted: false,
  };
  const report = (e: RowError) => {
    result.errorCount++;
    if (result.errors.length < maxErrors) result.errors.push(e);
    options.onError?.(e);
  };

  /** Counters of the current pass (kept outside it, so an interrupted pass still reports them). */
  const state = { rows: 0, readFailures: 0, dbFailures: 0, lastRowNo: 0, headerFailed: false };

  /**
   * One pass over the file: reads, parses and de-duplicates rows, and hands
   * full batches to `flush`. Cell errors and duplicates in the file are
   * reported as they are found (unless `quiet`).
   */
  const pass = async (phase: ImportProgress['phase'], flush: (batch: ParsedRow<T>[], lastRow: number) => Promise<void>, quiet: boolean) => {
    Object.assign(state, { rows: 0, readFailures: 0, dbFailures: 0, lastRowNo: 0, headerFailed: false });
    const fail = quiet ? () => undefined : report;
    const seen = new Map<string, number>();
    let header: string[] | null = null;
    let batch: ParsedRow<T>[] = [];
    let flushedThrough = 0;
    const progress = () => options.onProgress?.({ phase, rows: state.rows, inserted: result.inserted, failed: state.readFailures + state.dbFailures });
    for await (const record of open()) {
      if (!header) {
        header = record.map((h) => h.trim().toLowerCase());
        const problems = checkHeader(spec, header);
        if (problems.length) {
          if (!quiet) problems.forEach(report);
          state.headerFailed = true;
          return;
        }
        continue;
      }
      const rowNo = ++state.lastRowNo;
      if (record.length === 1 && record[0].trim() === '') continue; // blank line
      const values = new Map<string, string>();
      header.forEach((h, i) => values.set(h, record[i] ?? ''));
      if (rowNo <= skipThrough) {
        // Done by an earlier run: only remember its key, to catch duplicates of it later in the file.
        const value = spec.parse(new RowReader(rowNo, values, () => undefined));
        if (value !== null) seen.set(spec.key(value), rowNo);
        if (phase === 'validate' || options.mode === 'batch') result.skipped++;
        continue;
      }
      state.rows++;
      const reader = new RowReader(rowNo, values, fail);
      if (record.length !== header.length) {
        reader.fail('', 'COLUMN_COUNT', `expected ${header.length} fields, found ${record.length}`);
      }
      const value = spec.parse(reader);
      if (reader.errors === 0 && value !== null) {
        const key = spec.key(value);
        const first = seen.get(key);
        if (first !== undefined) {
          reader.fail('', 'DUPLICATE_IN_FILE', `same ${spec.kind} key as row ${first}`);
        } else {
          seen.set(key, rowNo);
          batch.push({ row: rowNo, value, key });
        }
      }
      if (reader.errors > 0) state.readFailures++;
      if (batch.length >= batchSize) {
        await flush(batch, rowNo);
        flushedThrough = rowNo;
        batch = [];
        if (options.signal?.aborted) throw new Abort();
      }
      if (state.rows % 200 === 0) progress();
    }
    if (!header) {
      if (!quiet) report({ row: 0, column: '', code: 'EMPTY_FILE', message: 'the file has no header row' });
      state.headerFailed = true;
      return;
    }
    if (batch.length || state.lastRowNo > flushedThrough) await flush(batch, state.lastRowNo);
    progress();
  };

  /** Runs the spec's checks on a batch; returns the rows that passed. */
  const checked = async (m: EntityManager, batch: ParsedRow<T>[]): Promise<ParsedRow<T>[]> => {
    if (!batch.length) return [];
    const badRows = new Set<number>();
    const found: RowError[] = [];
    await spec.check(m, batch, (r, column, code, message) => {
      badRows.add(r.row);
      found.push({ row: r.row, column, code, message });
    });
    found.sort((a, b) => a.row - b.row).forEach(report); // the database answers in any order
    state.dbFailures += badRows.size;
    return batch.filter((r) => !badRows.has(r.row));
  };

  const done = () => {
    result.errors.sort((a, b) => a.row - b.row); // stable: a row's errors stay in column order
    return result;
  };

  const totals = () => {
    result.rows = state.rows;
    result.failed = state.readFailures + state.dbFailures;
  };

  try {
    if (options.mode === 'batch') {
      await pass(
        'write',
        async (batch, lastRow) => {
          if (batch.length) {
            result.inserted += await inTransaction(ds, async (m) => {
              await spec.begin?.(m);
              const valid = await checked(m, batch);
              if (valid.length) await spec.insert(m, valid);
              return valid.length;
            });
          }
          result.lastRow = lastRow;
          totals();
          await options.onCommit?.({ lastRow, inserted: result.inserted, failed: result.failed });
        },
        false,
      );
      totals();
      return done();
    }

    // Mode `all`, pass 1: validate everything, write nothing.
    await pass('validate', async (batch) => void (await checked(ds.manager, batch)), false);
    totals();
    if (result.errorCount > 0) return done();

    // Pass 2: one transaction; a bad row now (a concurrent change) rolls everything back.
    await inTransaction(ds, async (m) => {
      await spec.begin?.(m);
      await pass(
        'write',
        async (batch) => {
          const valid = await checked(m, batch);
          if (valid.length < batch.length) throw new Abort();
          await spec.insert(m, valid);
          result.inserted += valid.length;
        },
        true,
      );
    });
    result.lastRow = state.lastRowNo;
    await options.onCommit?.({ lastRow: result.lastRow, inserted: result.inserted, failed: 0 });
    return done();
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
    if (options.mode === 'all') {
      result.inserted = 0; // rolled back
      result.failed = state.dbFailures;
    } else {
      totals();
    }
    result.interrupted = options.signal?.aborted ?? false;
    return done();
  }
}

function checkHeader(spec: ImportSpec<unknown>, header: string[]): RowError[] {
  const errors: RowError[] = [];
  const known = new Set(spec.columns.map((c) => c.name));
  const seen = new Set<string>();
  for (const h of header) {
    if (!known.has(h)) errors.push({ row: 0, column: h, code: 'UNKNOWN_COLUMN', message: `unknown column "${h}"; expected ${[...known].join(', ')}` });
    if (seen.has(h)) errors.push({ row: 0, column: h, code: 'DUPLICATE_COLUMN', message: `column "${h}" appears twice` });
    seen.add(h);
  }
  for (const c of spec.columns) {
    if (c.required && !seen.has(c.name)) errors.push({ row: 0, column: c.name, code: 'MISSING_COLUMN', message: `required column "${c.name}" is missing` });
  }
  return errors;
}

/**
 * Multi-row INSERTs through TypeORM's query builder (so the entity's column
 * mapping and value conversion apply), in statements of at most ~30,000 bound
 * values (SQLite allows 32,766, MySQL 65,535) and 1,000 rows.
 */
export async function insertRows<E extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<E>, rows: QueryDeepPartialEntity<E>[]): Promise<void> {
  if (!rows.length) return;
  const columns = m.connection.getMetadata(entity).columns.length;
  const chunk = Math.max(1, Math.min(1000, Math.floor(30_000 / Math.max(columns, 1))));
  for (let i = 0; i < rows.length; i += chunk) {
    await m
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + chunk))
      .updateEntity(false)
      .execute();
  }
}

/** Splits `values` into chunks for `IN (...)` lookups. */
export function chunks<V>(values: readonly V[], size = 1000): V[][] {
  const out: V[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
