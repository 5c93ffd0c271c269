/**
 * Progress of a long run on stderr (stdout stays free for the result): a bar
 * redrawn in place on a terminal, or a plain line every few seconds when
 * stderr is a file or a pipe (CI logs). Shows done/total, rows per second and
 * the estimated time left. `fraction` may come from bytes read when the
 * number of rows is not known in advance.
 */
export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private lastLine = '';

  constructor(
    private readonly label: string,
    private readonly out: ProgressSink = process.stderr,
    /** Minimum milliseconds between plain lines (non-TTY). */
    private readonly plainEveryMs = 2000,
  ) {}

  /** `done` rows so far; `fraction` (0..1) of the work, when known. */
  update(done: number, fraction?: number, extra = ''): void {
    const now = Date.now();
    const tty = !!this.out.isTTY;
    if (now - this.lastDraw < (tty ? 100 : this.plainEveryMs)) return;
    this.lastDraw = now;
    this.draw(done, fraction, extra, tty);
  }

  /** Final line, always written. */
  finish(done: number, extra = ''): void {
    this.draw(done, 1, extra, !!this.out.isTTY);
    if (this.out.isTTY) this.out.write('\n');
  }

  private draw(done: number, fraction: number | undefined, extra: string, tty: boolean) {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = done / seconds;
    const parts = [`${this.label}: ${done.toLocaleString('en-US')} rows`, `${Math.round(rate).toLocaleString('en-US')} rows/s`];
    if (fraction !== undefined && fraction > 0) {
      parts.push(`${Math.floor(Math.min(fraction, 1) * 100)}%`);
      const eta = fraction >= 1 ? 0 : (seconds * (1 - fraction)) / fraction;
      parts.push(`ETA ${formatSeconds(eta)}`);
    }
    if (extra) parts.push(extra);
    let line = parts.join('  ');
    if (tty) {
      const width = 24;
      const filled = Math.round(Math.min(fraction ?? 0, 1) * width);
      line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}`;
      const max = (this.out.columns ?? 120) - 1;
      if (line.length > max) line = line.slice(0, max);
      this.out.write(`\r${line}${' '.repeat(Math.max(0, this.lastLine.length - line.length))}`);
    } else {
      this.out.write(`${line}\n`);
    }
    this.lastLine = line;
  }
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const t = Math.round(s);
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}
