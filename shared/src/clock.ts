/**
 * Time, injectable so tests can move it. Timestamps are kept to the whole
 * second: DATETIME on MariaDB/MySQL stores no fractions (SQLite would), so
 * truncating before writing keeps what a mutation returns identical to what a
 * later read returns, on every database.
 */
export type Clock = () => Date;

export const wholeSeconds = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);

export const systemClock: Clock = () => wholeSeconds(new Date());

/**
 * The current time to the millisecond, for the one timestamp that must order events within a
 * second: a token revocation's not-before (account.tokens_not_before, DATETIME(3)), compared with
 * the tokens' millisecond issue time. The system clock's milliseconds, which `systemClock` drops;
 * an injected clock (tests) is used as it is.
 */
export const preciseNow = (clock: Clock): Date => (clock === systemClock ? new Date() : clock());
