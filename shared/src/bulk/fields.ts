/**
 * Typed reading of one CSV row, column by column. Every problem is reported as
 * a row error with the column and a stable code, and reading continues, so one
 * pass reports every bad cell of the row (not only the first).
 */
export interface RowError {
  /** Data row number: 1 is the first record after the header (0: the header itself). */
  row: number;
  /** Column name, or '' when the problem is the whole row. */
  column: string;
  /** Stable code, e.g. REQUIRED, INVALID_ENUM, UNKNOWN_SEGMENT, DUPLICATE_IN_FILE. */
  code: string;
  message: string;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ISO 8601 date or date-time (Z or offset required with a time, so no time-zone guessing). */
const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class RowReader {
  /** Number of errors reported for this row. */
  errors = 0;

  constructor(
    readonly row: number,
    private readonly values: ReadonlyMap<string, string>,
    private readonly report: (e: RowError) => void,
  ) {}

  fail(column: string, code: string, message: string): void {
    this.errors++;
    this.report({ row: this.row, column, code, message });
  }

  /** The raw, trimmed cell ('' when absent). */
  raw(column: string): string {
    return (this.values.get(column) ?? '').trim();
  }

  private present(column: string, required: boolean): string | null {
    const v = this.raw(column);
    if (v === '') {
      if (required) this.fail(column, 'REQUIRED', `${column} is required`);
      return null;
    }
    return v;
  }

  text(column: string, opts: { required?: boolean; max: number; pattern?: RegExp; patternHint?: string }): string | null {
    const v = this.present(column, !!opts.required);
    if (v === null) return null;
    if ([...v].length > opts.max) {
      this.fail(column, 'TOO_LONG', `${column} is longer than ${opts.max} characters`);
      return null;
    }
    if (opts.pattern && !opts.pattern.test(v)) {
      this.fail(column, 'INVALID_FORMAT', `${column} must be ${opts.patternHint ?? `like ${opts.pattern}`}`);
      return null;
    }
    return v;
  }

  /** A UUID (ids of records owned by other subgraphs, which cannot be looked up here). */
  id(column: string, opts: { required?: boolean } = {}): string | null {
    const v = this.present(column, !!opts.required);
    if (v === null) return null;
    if (!UUID_RE.test(v)) {
      this.fail(column, 'INVALID_ID', `${column} must be an id (UUID), got "${v.slice(0, 40)}"`);
      return null;
    }
    return v.toLowerCase();
  }

  /** One of `values`, case-insensitive (stored in the enum's own case). */
  oneOf<T extends string>(column: string, values: readonly T[], opts: { required?: boolean } = {}): T | null {
    const v = this.present(column, !!opts.required);
    if (v === null) return null;
    const found = values.find((x) => x.toUpperCase() === v.toUpperCase());
    if (!found) {
      this.fail(column, 'INVALID_ENUM', `${column} must be one of ${values.join(', ')}, got "${v.slice(0, 40)}"`);
      return null;
    }
    return found;
  }

  int(column: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | null {
    const v = this.present(column, !!opts.required);
    if (v === null) return null;
    if (!/^-?\d{1,15}$/.test(v)) {
      this.fail(column, 'INVALID_NUMBER', `${column} must be a whole number, got "${v.slice(0, 40)}"`);
      return null;
    }
    const n = Number(v);
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      this.fail(column, 'OUT_OF_RANGE', `${column} must be between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'}`);
      return null;
    }
    return n;
  }

  /** Decimal as a string (exact), e.g. an amount: at most `scale` decimals. */
  decimal(column: string, opts: { required?: boolean; precision: number; scale: number; min?: number }): string | null {
    const v = this.present(column, !!opts.required);
    if (v === null) return null;
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v);
    if (!m || m[2].length > opts.precision - opts.scale || (m[3]?.length ?? 0) > opts.scale) {
      this.fail(column, 'INVALID_NUMBER', `${column} must be a number with at most ${opts.scale} decimals, got "${v.slice(0, 40)}"`);
      return null;
    }
    if (opts.min !== undefined && Number(v) < opts.min) {
      this.fail(column, 'OUT_OF_RANGE', `${column} must be at least ${opts.min}`);
      return null;
    }
    return v;
  }

  /** ISO 8601 date (midnight UTC) or date-time with zone; stored to whole seconds. */
  datetime(column: string, opts: { required?: boolean } = {}): Date | null {
    const v = this.present(column, !!opts.required);
    if (v === null) return null;
    const d = ISO_RE.test(v) ? new Date(v.length === 10 ? `${v}T00:00:00Z` : v) : new Date(NaN);
    if (Number.isNaN(d.getTime())) {
      this.fail(column, 'INVALID_DATE', `${column} must be an ISO 8601 date or date-time with zone (2026-01-31 or 2026-01-31T09:00:00Z), got "${v.slice(0, 40)}"`);
      return null;
    }
    return new Date(Math.floor(d.getTime() / 1000) * 1000);
  }

  bool(column: string, opts: { required?: boolean } = {}): boolean | null {
    const v = this.present(column, !!opts.required);
    if (v === null) return null;
    const s = v.toLowerCase();
    if (['true', '1', 'yes', 'y'].includes(s)) return true;
    if (['false', '0', 'no', 'n'].includes(s)) return false;
    this.fail(column, 'INVALID_BOOLEAN', `${column} must be true or false, got "${v.slice(0, 40)}"`);
    return null;
  }
}
