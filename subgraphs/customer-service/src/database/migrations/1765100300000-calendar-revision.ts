import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '@group/shared';

/** The working calendars' revision (sla/calendar-revision.ts): organization caches calendars until it moves. */
export class CalendarRevision1765100300000 implements MigrationInterface {
  name = 'CalendarRevision1765100300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'calendar_revision', columns: [{ ...col.string('name', 32), isPrimary: true }, col.int('revision')] }));
    await q.query("INSERT INTO calendar_revision (name, revision) VALUES ('calendars', 1)");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('calendar_revision');
  }
}
