import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { col, index } from '@group/shared';

/** Meetings with agenda, attendance and resolutions; quorum and pass thresholds on governing bodies. */
export class Meetings1764300400000 implements MigrationInterface {
  name = 'Meetings1764300400000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('governing_body', [new TableColumn(col.int('quorum_percent', true)), new TableColumn(col.int('pass_percent', true))]);
    await q.createTable(
      new Table({
        name: 'meeting',
        columns: [
          col.id(),
          col.ref('body_id'),
          col.ref('company_id'),
          col.ref('convened_by_body_id', true),
          col.string('kind', 16),
          col.string('title', 200),
          col.datetime('scheduled_for'),
          col.datetime('held_at', true),
          col.string('status', 16),
          col.int('present_count', true),
          col.int('seat_base', true),
          col.bool('quorum_met', true),
          ...col.audit(),
        ],
        indices: [index('ix_meeting_body_scheduled', ['body_id', 'scheduled_for']), index('ix_meeting_company', ['company_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_agenda_item',
        columns: [col.id(), col.ref('meeting_id'), col.int('ordinal'), col.string('title', 300), col.string('matter', 40, true)],
        indices: [index('ix_meeting_agenda_item_meeting', ['meeting_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_attendance',
        columns: [col.id(), col.ref('meeting_id'), col.ref('employee_id'), col.ref('membership_id')],
        indices: [index('uq_meeting_attendance', ['meeting_id', 'employee_id'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'resolution',
        columns: [
          col.id(),
          col.ref('meeting_id'),
          col.ref('body_id'),
          col.ref('company_id'),
          col.string('matter', 40),
          col.int('amount_wan', true),
          col.text('text'),
          col.int('votes_for'),
          col.int('votes_against'),
          col.int('abstentions'),
          col.string('outcome', 16),
          col.ref('executor_body_id', true),
          col.string('execution_status', 16, true),
          ...col.audit(),
        ],
        indices: [index('ix_resolution_meeting', ['meeting_id']), index('ix_resolution_company', ['company_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['resolution', 'meeting_attendance', 'meeting_agenda_item', 'meeting']) await q.dropTable(t);
    await q.dropColumn('governing_body', 'pass_percent');
    await q.dropColumn('governing_body', 'quorum_percent');
  }
}
