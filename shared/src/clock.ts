/**
 * Time, injectable so tests can move it. Timestamps are kept to the whole
 * second: DATETIME on MariaDB/MySQL stores no fractions (SQLite would), so
 * truncating before writing keeps what a mutation returns identical to what a
 * later read returns, on every database.
 */
export type Clock = () => Date;

export const wholeSeconds = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);

export const systemClock: Clock = () => wholeSeconds(new Date());
