import type { EntityManager } from 'typeorm';
import { CALENDAR_REVISION, CalendarRevision } from './business-calendar.entity';

/** Raises the calendars' revision; call it in the transaction that changes a calendar or a calendar day. */
export async function bumpCalendarRevision(m: EntityManager): Promise<void> {
  const r = await m
    .createQueryBuilder()
    .update(CalendarRevision)
    .set({ revision: () => 'revision + 1' })
    .where('name = :n', { n: CALENDAR_REVISION })
    .execute();
  if (!r.affected) await m.insert(CalendarRevision, { name: CALENDAR_REVISION, revision: 2 });
}

/** The calendars' current revision (1 before any change). */
export async function calendarRevision(m: EntityManager): Promise<number> {
  return (await m.findOneBy(CalendarRevision, { name: CALENDAR_REVISION }))?.revision ?? 1;
}
