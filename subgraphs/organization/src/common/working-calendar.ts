import { AuthConfig, BusinessCalendarSpec, integrationBearer, systemActor } from '@group/shared';
import { commonErrors as errors } from './common.errors';

/**
 * The group's standard working time (domain.md §3.5; the same weekly pattern and window as
 * customer-service's default calendar): Asia/Shanghai, Monday–Friday 09:00–18:00, no holidays.
 * Used only where no calendar source is configured (tests of other areas).
 */
export const GROUP_WORKING_TIME: BusinessCalendarSpec = {
  utcOffsetMinutes: 480,
  dayStartMinute: 540,
  dayEndMinute: 1080,
  workingWeekdays: new Set([1, 2, 3, 4, 5]),
  holidays: new Set(),
  makeUpWorkdays: new Set(),
};

/**
 * Company working calendars as organization counts with them: login compliance (CS-R21) and
 * account-change deadlines (CS-R30). `companyId` null = the group calendar.
 */
export interface CompanyCalendars {
  /** The company's working time with its holidays and make-up working days between two local dates (inclusive). */
  of(companyId: string | null, from: string, to: string): Promise<BusinessCalendarSpec>;
}

export const standardCalendars: CompanyCalendars = { of: async () => GROUP_WORKING_TIME };

const CALENDAR = `query($c: ID, $f: String!, $t: String!) { workingCalendarRevision workingCalendar(companyId: $c) { utcOffsetMinutes dayStartMinute dayEndMinute workingWeekdays days(from: $f, to: $t) { date kind } } }`;
const REVISION = `query { workingCalendarRevision }`;

/**
 * Company calendars are owned by customer-service (one calendar per company, the group's public
 * holidays applying to every company unless overridden; its SLA clocks and their administration
 * live there), so organization reads them through customer-service's `workingCalendar` query as an
 * integration identity, never from its database.
 *
 * Cached by REVISION, not by time: customer-service raises `workingCalendarRevision` in the
 * transaction of every calendar change, so each lookup first asks for that one number (a tiny
 * query; concurrent lookups share one request) and reuses a cached answer only when it was read
 * at the same revision. A holiday declared in customer-service counts here from the next lookup,
 * and an unchanged calendar is never read twice. An unreachable owner is UNAVAILABLE (retryable),
 * never a silent count without holidays (nor a possibly outdated cached one).
 */
export function customerServiceCalendars(auth: AuthConfig, customerServiceUrl: string, timeoutMs = 10_000): CompanyCalendars {
  const bearer = integrationBearer(auth, systemActor('organization'));
  const ask = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await fetch(customerServiceUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer()}`, 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] };
    if (!res.ok || body.errors?.length || !body.data) throw new Error(`customer-service answered ${res.status}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
    return body.data;
  };
  const fetchSpec = async (companyId: string | null, from: string, to: string): Promise<{ revision: number; spec: BusinessCalendarSpec }> => {
    const { workingCalendarRevision: revision, workingCalendar: c } = await ask<{ workingCalendarRevision: number; workingCalendar: CalendarAnswer }>(CALENDAR, {
      c: companyId,
      f: from,
      t: to,
    });
    return {
      revision,
      spec: {
        utcOffsetMinutes: c.utcOffsetMinutes,
        dayStartMinute: c.dayStartMinute,
        dayEndMinute: c.dayEndMinute,
        workingWeekdays: new Set(c.workingWeekdays),
        holidays: new Set(c.days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date)),
        makeUpWorkdays: new Set(c.days.filter((d) => d.kind === 'MAKE_UP_WORKDAY').map((d) => d.date)),
      },
    };
  };
  /** The current revision; lookups arriving while one request is under way share it. */
  let inFlight: Promise<number> | null = null;
  const currentRevision = () =>
    (inFlight ??= ask<{ workingCalendarRevision: number }>(REVISION, {})
      .then((d) => d.workingCalendarRevision)
      .finally(() => (inFlight = null)));
  const cache = new Map<string, { revision: number; spec: BusinessCalendarSpec }>();
  return {
    async of(companyId, from, to) {
      const key = `${companyId ?? ''}|${from}|${to}`;
      try {
        const hit = cache.get(key);
        if (hit && hit.revision === (await currentRevision())) return hit.spec;
        // Read with the revision it was read at: a change committed meanwhile only makes the next lookup read again.
        const fresh = await fetchSpec(companyId, from, to);
        if (cache.size > 1000) cache.clear();
        cache.set(key, fresh);
        return fresh.spec;
      } catch (e) {
        throw errors.calendarUnavailable((e as Error).message);
      }
    },
  };
}

interface CalendarAnswer {
  utcOffsetMinutes: number;
  dayStartMinute: number;
  dayEndMinute: number;
  workingWeekdays: number[];
  days: { date: string; kind: string }[];
}
