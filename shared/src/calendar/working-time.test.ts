import {
  addBusinessMinutes,
  addWorkingDays,
  BusinessCalendarSpec,
  businessMinutesBetween,
  isWorkingDate,
  isWorkingTime,
  localDateOf,
  withGroupDays,
  workingWindowsBetween,
} from './working-time';

/** Mon–Fri 09:00–18:00 in UTC+8; 2026-10-01/02 (Thu/Fri) holidays, Sat 2026-10-10 a make-up working day. */
const cal: BusinessCalendarSpec = {
  utcOffsetMinutes: 480,
  dayStartMinute: 540,
  dayEndMinute: 1080,
  workingWeekdays: new Set([1, 2, 3, 4, 5]),
  holidays: new Set(['2026-10-01', '2026-10-02']),
  makeUpWorkdays: new Set(['2026-10-10']),
};
const local = (s: string) => new Date(`${s}+08:00`);

describe('business time (domain.md §3.5 calendar conventions)', () => {
  it('counts only working hours of a working day', () => {
    expect(addBusinessMinutes(cal, local('2026-09-28T10:00:00'), 60)).toEqual(local('2026-09-28T11:00:00'));
    expect(addBusinessMinutes(cal, local('2026-09-28T07:00:00'), 60)).toEqual(local('2026-09-28T10:00:00'));
    expect(addBusinessMinutes(cal, local('2026-09-28T17:00:00'), 60)).toEqual(local('2026-09-28T18:00:00'));
    expect(addBusinessMinutes(cal, local('2026-09-28T17:00:00'), 61)).toEqual(local('2026-09-29T09:01:00'));
  });

  it('skips a weekend and holidays', () => {
    // Wed 17:00 + 2 h: one hour on Wednesday, Thu/Fri holidays, Sat/Sun weekend, Monday 09:00 + 1 h.
    expect(addBusinessMinutes(cal, local('2026-09-30T17:00:00'), 120)).toEqual(local('2026-10-05T10:00:00'));
    expect(businessMinutesBetween(cal, local('2026-09-30T17:00:00'), local('2026-10-05T10:00:00'))).toBe(120);
  });

  it('works on a make-up working day (调休)', () => {
    expect(addBusinessMinutes(cal, local('2026-10-09T17:30:00'), 120)).toEqual(local('2026-10-10T10:30:00'));
    expect(businessMinutesBetween(cal, local('2026-10-10T08:00:00'), local('2026-10-11T20:00:00'))).toBe(540);
  });

  it('returns the start for zero minutes and 0 for an empty interval', () => {
    const t = local('2026-10-03T12:00:00');
    expect(addBusinessMinutes(cal, t, 0)).toEqual(t);
    expect(businessMinutesBetween(cal, t, t)).toBe(0);
  });

  it("local day and working time in the calendar's time zone (a 03:00 Beijing login is outside working hours)", () => {
    expect(localDateOf(cal, new Date('2026-09-27T19:00:00Z'))).toBe('2026-09-28'); // 03:00 Monday in Beijing
    expect(isWorkingTime(cal, local('2026-09-28T03:00:00'))).toBe(false);
    expect(isWorkingTime(cal, local('2026-09-28T09:00:00'))).toBe(true);
    expect(isWorkingTime(cal, local('2026-09-28T18:00:00'))).toBe(false);
    expect(isWorkingTime(cal, local('2026-10-01T10:00:00'))).toBe(false); // holiday
    expect(isWorkingTime(cal, local('2026-10-10T10:00:00'))).toBe(true); // make-up working Saturday
    expect([isWorkingDate(cal, '2026-10-02'), isWorkingDate(cal, '2026-10-03'), isWorkingDate(cal, '2026-10-10'), isWorkingDate(cal, '2026-10-12')]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('working windows of a period and working days added', () => {
    const w = workingWindowsBetween(cal, '2026-09-30', '2026-10-11');
    expect(w.map((x) => x.date)).toEqual(['2026-09-30', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-10']);
    expect(w[0]).toMatchObject({ start: local('2026-09-30T09:00:00'), end: local('2026-09-30T18:00:00') });
    expect(addWorkingDays(cal, local('2026-09-30T20:00:00'), 1)).toEqual(local('2026-10-05T18:00:00'));
    expect(addWorkingDays(cal, local('2026-10-09T10:00:00'), 1)).toEqual(local('2026-10-10T18:00:00'));
    expect(addWorkingDays(cal, local('2026-10-09T10:00:00'), 2)).toEqual(local('2026-10-12T18:00:00'));
  });

  it("the group calendar's public holidays apply to a company unless its own calendar overrides the date", () => {
    const own: BusinessCalendarSpec = { ...cal, dayStartMinute: 510, holidays: new Set(['2026-10-05']), makeUpWorkdays: new Set(['2026-10-02']) };
    const merged = withGroupDays(own, cal);
    expect(merged.dayStartMinute).toBe(510);
    expect([...merged.holidays].sort()).toEqual(['2026-10-01', '2026-10-05']); // 10-02 worked at this company
    expect([...merged.makeUpWorkdays].sort()).toEqual(['2026-10-02', '2026-10-10']);
  });
});
