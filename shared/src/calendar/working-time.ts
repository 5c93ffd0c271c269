/**
 * Working time of a company calendar (domain.md §3.5): working days are the
 * calendar's working weekdays minus holidays plus make-up working days (调休),
 * and each working day has one working window [dayStartMinute, dayEndMinute)
 * in the calendar's fixed UTC offset (Asia/Shanghai has no daylight saving, so
 * an offset is exact). Pure functions, no I/O: the one set of helpers for SLA
 * clocks (customer-service), login compliance (CS-R21) and account-change
 * deadlines (CS-R30) in organization.
 */
export interface BusinessCalendarSpec {
  /** Minutes east of UTC (Asia/Shanghai: 480). */
  utcOffsetMinutes: number;
  /** Start and end of the working window, minutes after local midnight (09:00 = 540, 18:00 = 1080). */
  dayStartMinute: number;
  dayEndMinute: number;
  /** ISO weekdays that are normally working days (1 = Monday ... 7 = Sunday). */
  workingWeekdays: ReadonlySet<number>;
  /** Local dates (YYYY-MM-DD) that are holidays although on a working weekday. */
  holidays: ReadonlySet<string>;
  /** Local dates (YYYY-MM-DD) that are working days although on a weekend (调休). */
  makeUpWorkdays: ReadonlySet<string>;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Ten years of calendar days: a target further away than that is a configuration error. */
const MAX_DAYS = 3660;

/** The local date (YYYY-MM-DD) of a local-midnight timestamp expressed in "local ms". */
const localDate = (localMs: number) => new Date(localMs).toISOString().slice(0, 10);
/** ISO weekday of a local-midnight timestamp in "local ms". */
const isoWeekday = (localMs: number) => ((new Date(localMs).getUTCDay() + 6) % 7) + 1;

function isWorkingDay(cal: BusinessCalendarSpec, localMidnightMs: number): boolean {
  const d = localDate(localMidnightMs);
  if (cal.makeUpWorkdays.has(d)) return true;
  if (cal.holidays.has(d)) return false;
  return cal.workingWeekdays.has(isoWeekday(localMidnightMs));
}

/** The local date (YYYY-MM-DD) of an instant in the calendar's time zone. */
export function localDateOf(cal: BusinessCalendarSpec, at: Date): string {
  return localDate(at.getTime() + cal.utcOffsetMinutes * MINUTE);
}

/** Whether a local date (YYYY-MM-DD) is a working day: make-up working days, else not holidays, else the weekly pattern. */
export function isWorkingDate(cal: BusinessCalendarSpec, date: string): boolean {
  return isWorkingDay(cal, Date.parse(`${date}T00:00:00Z`));
}

/** Whether an instant lies within the working window of a working day. */
export function isWorkingTime(cal: BusinessCalendarSpec, at: Date): boolean {
  const local = at.getTime() + cal.utcOffsetMinutes * MINUTE;
  const midnight = Math.floor(local / DAY) * DAY;
  const minute = (local - midnight) / MINUTE;
  return isWorkingDay(cal, midnight) && minute >= cal.dayStartMinute && minute < cal.dayEndMinute;
}

/** The working windows [start, end) of the working days whose local date lies in [fromDate, toDate) (YYYY-MM-DD). */
export function workingWindowsBetween(cal: BusinessCalendarSpec, fromDate: string, toDate: string): { date: string; start: Date; end: Date }[] {
  const offset = cal.utcOffsetMinutes * MINUTE;
  const out: { date: string; start: Date; end: Date }[] = [];
  for (let midnight = Date.parse(`${fromDate}T00:00:00Z`), end = Date.parse(`${toDate}T00:00:00Z`); midnight < end; midnight += DAY) {
    if (!isWorkingDay(cal, midnight)) continue;
    out.push({ date: localDate(midnight), start: new Date(midnight + cal.dayStartMinute * MINUTE - offset), end: new Date(midnight + cal.dayEndMinute * MINUTE - offset) });
  }
  return out;
}

/** The end of the working window of the `n`-th working day after the local day of `at` (n ≥ 1). */
export function addWorkingDays(cal: BusinessCalendarSpec, at: Date, n: number): Date {
  const offset = cal.utcOffsetMinutes * MINUTE;
  let midnight = Math.floor((at.getTime() + offset) / DAY) * DAY;
  for (let left = Math.max(1, n), i = 0; i < MAX_DAYS; i++) {
    midnight += DAY;
    if (isWorkingDay(cal, midnight) && --left === 0) return new Date(midnight + cal.dayEndMinute * MINUTE - offset);
  }
  throw new Error('Business calendar has no working time within ten years');
}

/**
 * A company's own calendar with the group calendar's public holidays and make-up working days
 * applied: the group's days apply to every company unless the company's own calendar declares
 * the same date otherwise (its own days win).
 */
export function withGroupDays(own: BusinessCalendarSpec, group: BusinessCalendarSpec): BusinessCalendarSpec {
  const ownDay = (d: string) => own.holidays.has(d) || own.makeUpWorkdays.has(d);
  return {
    ...own,
    holidays: new Set([...own.holidays, ...[...group.holidays].filter((d) => !ownDay(d))]),
    makeUpWorkdays: new Set([...own.makeUpWorkdays, ...[...group.makeUpWorkdays].filter((d) => !ownDay(d))]),
  };
}

/** Working windows [start, end) in UTC ms, day by day from the day containing `from`. */
function* windows(cal: BusinessCalendarSpec, from: Date): Generator<[number, number]> {
  const offset = cal.utcOffsetMinutes * MINUTE;
  let midnight = Math.floor((from.getTime() + offset) / DAY) * DAY; // local midnight in "local ms"
  for (let i = 0; i < MAX_DAYS; i++, midnight += DAY) {
    if (!isWorkingDay(cal, midnight)) continue;
    yield [midnight + cal.dayStartMinute * MINUTE - offset, midnight + cal.dayEndMinute * MINUTE - offset];
  }
  throw new Error('Business calendar has no working time within ten years');
}

/**
 * The instant `minutes` business minutes after `start`. Time outside working
 * windows does not count; a target that ends exactly at a window's end is due
 * at that end (not at the next morning).
 */
export function addBusinessMinutes(cal: BusinessCalendarSpec, start: Date, minutes: number): Date {
  let remaining = Math.max(0, minutes) * MINUTE;
  if (remaining === 0) return start;
  for (const [ws, we] of windows(cal, start)) {
    const cursor = Math.max(ws, start.getTime());
    if (cursor >= we) continue;
    if (remaining <= we - cursor) return new Date(cursor + remaining);
    remaining -= we - cursor;
  }
  /* istanbul ignore next -- windows() throws first */
  throw new Error('unreachable');
}

/** Whole business minutes between `from` and `to` (0 when `to` is not after `from`). */
export function businessMinutesBetween(cal: BusinessCalendarSpec, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  for (const [ws, we] of windows(cal, from)) {
    if (ws >= to.getTime()) break;
    const s = Math.max(ws, from.getTime());
    const e = Math.min(we, to.getTime());
    if (e > s) total += e - s;
  }
  return Math.floor(total / MINUTE);
}
