/**
 * RFC 4180 CSV, reading and writing, with no dependency: fields separated by
 * commas, records by CRLF or LF, fields optionally quoted with `"` (a quote
 * inside a quoted field is doubled; quoted fields may contain commas and line
 * breaks). A UTF-8 byte-order mark at the start is dropped (spreadsheets
 * write one). The parser is incremental, so a large file is read as a stream
 * in constant memory.
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly record: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** Incremental parser: `push` chunks, get the records completed so far; `end` flushes the last one. */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  /** Inside a quoted field. */
  private inQuotes = false;
  /** The previous character was a quote inside a quoted field (a closing or an escaped quote). */
  private quotePending = false;
  private started = false;
  private pendingCR = false;
  /** Records completed so far (1-based number of the one being read = records + 1). */
  records = 0;

  push(chunk: string): string[][] {
    const out: string[][] = [];
    let s = chunk;
    if (!this.started) {
      this.started = s.length > 0;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (this.pendingCR) {
        this.pendingCR = false;
        if (c === '\n') continue; // CRLF: the record was already ended at CR
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === '"') {
            this.field += '"';
            continue;
          }
          this.inQuotes = false; // that quote closed the field; fall through to handle c
        } else if (c === '"') {
          this.quotePending = true;
          continue;
        } else {
          // Fast path: copy up to the next quote.
          const j = s.indexOf('"', i);
          const end = j === -1 ? s.length : j;
          this.field += s.slice(i, end);
          i = end - 1;
          continue;
        }
      }
      if (c === ',') {
        this.endField();
      } else if (c === '\n' || c === '\r') {
        this.endField();
        out.push(this.record);
        this.record = [];
        this.records++;
        if (c === '\r') this.pendingCR = true;
      } else if (c === '"') {
        if (this.field.length === 0 && !this.quoted) {
          this.inQuotes = true;
          this.quoted = true;
        } else {
          throw new CsvSyntaxError(this.records + 1, `record ${this.records + 1}: a quote may only start a field or be doubled inside a quoted field`);
        }
      } else {
        if (this.quoted) throw new CsvSyntaxError(this.records + 1, `record ${this.records + 1}: characters after the closing quote of a field`);
        this.field += c;
      }
    }
    return out;
  }

  end(): string[][] {
    if (this.inQuotes && !this.quotePending) throw new CsvSyntaxError(this.records + 1, `record ${this.records + 1}: unterminated quoted field`);
    this.inQuotes = false;
    this.quotePending = false;
    if (this.field.length === 0 && this.record.length === 0 && !this.quoted) return [];
    this.endField();
    const last = this.record;
    this.record = [];
    this.records++;
    return [last];
  }

  private endField() {
    this.record.push(this.field);
    this.field = '';
    this.quoted = false;
  }
}

/** Parses a whole CSV text into records. */
export function parseCsv(text: string): string[][] {
  const p = new CsvParser();
  return [...p.push(text), ...p.end()];
}

/** Records of a CSV stream (a file stream, or any iterable of text/bytes chunks). */
export async function* csvRecords(input: AsyncIterable<string | Buffer> | Iterable<string>): AsyncGenerator<string[]> {
  const p = new CsvParser();
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* p.push(text);
  }
  const rest = decoder.decode();
  if (rest) yield* p.push(rest);
  yield* p.end();
}

/** One field, quoted when it needs to be. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  // An object has no CSV form of its own: it is written as JSON rather than as "[object Object]".
  const s = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : `${value as string | number | boolean | bigint}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record with its CRLF terminator (RFC 4180). */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}
