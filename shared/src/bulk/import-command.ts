import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { csvLine, csvRecords, CsvSyntaxError } from './csv';
import { ImportMode, ImportResult, ImportSpec, runImport } from './importer';
import { Progress } from './progress';

/**
 * The import command line, shared by the subgraphs' import CLIs:
 *
 *   <kind> <file.csv> [--mode all|batch] [--batch 1000] [--resume] [--errors out.csv] [--checkpoint file]
 *
 * Runs against the subgraph's own database (its usual configuration, as the
 * migrate command does) and writes through its own entities. Progress goes
 * to stderr, the summary (JSON) to stdout, every row error to the error CSV
 * (row, column, code, message). In mode batch a checkpoint file records the
 * last committed row after every batch; `--resume` continues after it.
 * Ctrl-C stops after the current batch (exit 130); exit 1 when rows were
 * refused, 2 on bad usage.
 */
export interface ImportCommandOptions {
  /** Program name for the usage line. */
  program: string;
  /** Import kinds this subgraph offers. */
  kinds: Record<string, (ds: DataSource) => ImportSpec<unknown>>;
  /** Opens the subgraph's database (configured, migrated). */
  openDataSource(): Promise<DataSource>;
  /** Where progress and messages go (tests pass their own). */
  stderr?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdout?: NodeJS.WritableStream;
  /** Abort signal (the CLI wires SIGINT/SIGTERM). */
  signal?: AbortSignal;
}

export interface Checkpoint {
  kind: string;
  file: string;
  /** sha256 of the header line: a checkpoint is only used with the file layout it was made for. */
  header: string;
  mode: ImportMode;
  lastRow: number;
  inserted: number;
  failed: number;
  complete: boolean;
  updatedAt: string;
}

class UsageError extends Error {}

export async function runImportCommand(argv: string[], o: ImportCommandOptions): Promise<number> {
  const err = o.stderr ?? process.stderr;
  const out = o.stdout ?? process.stdout;
  const usage = `usage: ${o.program} <${Object.keys(o.kinds).join('|')}> <file.csv> [--mode all|batch] [--batch 1000] [--resume] [--errors out.csv] [--checkpoint file]`;
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv, Object.keys(o.kinds));
  } catch (e) {
    err.write(`${(e as Error).message}\n${usage}\n`);
    return 2;
  }
  const { kind, file, mode, batch, resume } = args;
  const checkpointPath = args.checkpoint ?? `${file}.checkpoint.json`;
  const errorsPath = args.errors ?? `${file}.errors.csv`;
  const header = headerHash(file);

  let skipThrough = 0;
  if (resume) {
    if (existsSync(checkpointPath)) {
      const cp = JSON.parse(readFileSync(checkpointPath, 'utf8')) as Checkpoint;
      if (cp.kind !== kind || cp.header !== header) {
        err.write(`checkpoint ${checkpointPath} was made for another file or kind (${cp.kind}); remove it or pass --checkpoint\n`);
        return 2;
      }
      skipThrough = cp.complete ? Number.MAX_SAFE_INTEGER : cp.lastRow;
      err.write(cp.complete ? `checkpoint: the import of ${file} is already complete\n` : `resuming after row ${cp.lastRow} (checkpoint ${checkpointPath})\n`);
    } else {
      err.write(`no checkpoint at ${checkpointPath}: starting from the first row\n`);
    }
  }

  const ds = await o.openDataSource();
  // A resumed run adds to the error file of the run it continues.
  const appendErrors = skipThrough > 0 && existsSync(errorsPath) && statSync(errorsPath).size > 0;
  const errorsFd = openSync(errorsPath, appendErrors ? 'a' : 'w');
  if (!appendErrors) writeSync(errorsFd, csvLine(['row', 'column', 'code', 'message']));
  const size = Math.max(statSync(file).size, 1);
  let bytesRead = 0;
  const progress = new Progress(`import ${kind}`, err);
  const writeCheckpoint = (lastRow: number, inserted: number, failed: number, complete: boolean) => {
    const cp: Checkpoint = { kind, file: resolve(file), header, mode, lastRow, inserted, failed, complete, updatedAt: new Date().toISOString() };
    writeFileSync(`${checkpointPath}.tmp`, JSON.stringify(cp, null, 2));
    renameSync(`${checkpointPath}.tmp`, checkpointPath); // atomic: a crash never leaves half a checkpoint
  };

  let result: ImportResult;
  try {
    const spec = o.kinds[kind](ds);
    result = await runImport(
      ds,
      spec,
      () => {
        bytesRead = 0;
        const stream = createReadStream(file);
        stream.on('data', (c) => (bytesRead += c.length));
        return csvRecords(stream);
      },
      {
        mode,
        batchSize: batch,
        skipThrough,
        signal: o.signal,
        onError: (e) => writeSync(errorsFd, csvLine([e.row, e.column, e.code, e.message])),
        onProgress: (p) => {
          const f = bytesRead / size;
          const fraction = mode === 'all' ? (p.phase === 'validate' ? f / 2 : 0.5 + f / 2) : f;
          progress.update(p.rows, fraction, `${p.phase === 'validate' ? 'validating' : `${p.inserted.toLocaleString('en-US')} written`}  ${p.failed} bad`);
        },
        onCommit: ({ lastRow, inserted, failed }) => {
          if (mode === 'batch') writeCheckpoint(lastRow, inserted, failed, false);
        },
      },
    );
  } catch (e) {
    closeSync(errorsFd);
    await ds.destroy();
    if (e instanceof CsvSyntaxError) {
      err.write(`\n${file}: not valid CSV: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  closeSync(errorsFd);
  await ds.destroy();

  // A clean run (everything in, no error anywhere) leaves no files behind; otherwise the error
  // report stays, and in batch mode the checkpoint (a rerun inserts nothing twice anyway: natural keys).
  const clean = !result.interrupted && result.errorCount === 0 && !appendErrors;
  const complete = !result.interrupted && (mode === 'batch' || result.errorCount === 0);
  if (clean) {
    rmSync(errorsPath, { force: true });
    rmSync(checkpointPath, { force: true });
  } else if (complete) writeCheckpoint(result.lastRow, result.inserted, result.failed, true);
  progress.finish(result.rows, `${result.inserted.toLocaleString('en-US')} written  ${result.failed} bad`);
  if (result.interrupted) err.write(`interrupted after row ${result.lastRow}; run again with --resume to continue\n`);
  if (result.errorCount) err.write(`${result.errorCount} error(s) in ${errorsPath}${mode === 'all' ? '; nothing was written (mode all)' : ''}\n`);
  const { errors: _errors, ...summary } = result;
  out.write(`${JSON.stringify({ ...summary, file, errorsFile: clean ? undefined : errorsPath, checkpoint: mode === 'batch' && !clean ? checkpointPath : undefined })}\n`);
  if (result.interrupted) return 130;
  return result.errorCount ? 1 : 0;
}

function parse(argv: string[], kinds: string[]) {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        mode: { type: 'string', default: 'all' },
        batch: { type: 'string', default: '1000' },
        resume: { type: 'boolean', default: false },
        errors: { type: 'string' },
        checkpoint: { type: 'string' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [kind, file, ...rest] = positionals;
  if (!kind || !kinds.includes(kind)) throw new UsageError(`unknown import kind "${kind ?? ''}"`);
  if (!file) throw new UsageError('the CSV file is missing');
  if (rest.length) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const mode: ImportMode | undefined = values.mode === 'all' || values.mode === 'batch' ? values.mode : undefined;
  if (!mode) throw new UsageError('--mode must be all or batch');
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 100_000) throw new UsageError('--batch must be a whole number between 1 and 100000');
  return {
    kind,
    file,
    mode,
    batch,
    resume: values.resume === true,
    errors: values.errors as string | undefined,
    checkpoint: values.checkpoint as string | undefined,
  };
}

function headerHash(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const line = text.split(/\r?\n/, 1)[0] ?? '';
    return createHash('sha256').update(line).digest('hex').slice(0, 16);
  } finally {
    closeSync(fd);
  }
}

/** Wires Ctrl-C / SIGTERM to an AbortSignal: the first stops after the current batch, the second exits at once. */
export function interruptSignal(stderr: NodeJS.WritableStream = process.stderr): AbortSignal {
  const ac = new AbortController();
  let first = 0;
  const onSignal = () => {
    // The same Ctrl-C may arrive twice (from the terminal and forwarded by npm): only a later one quits.
    if (ac.signal.aborted) {
      if (Date.now() - first > 1000) process.exit(130);
      return;
    }
    first = Date.now();
    stderr.write('\nstopping after the current batch (again to quit at once)...\n');
    ac.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return ac.signal;
}
