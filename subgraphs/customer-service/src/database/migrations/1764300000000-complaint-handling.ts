import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col, index } from '@group/shared';

/**
 * Complaint handling: state-machine timeline, SLA policies and business
 * calendars, SLA columns and escalation level on the complaint, escalation
 * records, and idempotency keys of createComplaint. Writes the configurable
 * defaults: SLA targets per severity (domain.md G-04) and the group's default
 * calendar (Mon–Fri 09:00–18:00, Asia/Shanghai).
 */
export class ComplaintHandling1764300000000 implements MigrationInterface {
  name = 'ComplaintHandling1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('complaint', [
      new TableColumn(col.int('escalation_level', true)),
      new TableColumn(col.datetime('first_responded_at', true)),
      new TableColumn(col.datetime('resolved_at', true)),
      new TableColumn(col.datetime('closed_at', true)),
      new TableColumn(col.datetime('first_response_due_at', true)),
      new TableColumn(col.datetime('resolution_due_at', true)),
      new TableColumn(col.datetime('resolution_warn_at', true)),
      new TableColumn(col.datetime('sla_paused_at', true)),
      new TableColumn(col.int('sla_paused_minutes', true)),
      new TableColumn(col.int('satisfaction', true)),
    ]);
    // Existing complaints start at the first level with no paused time; then the columns become NOT NULL.
    await q.query('UPDATE complaint SET escalation_level = ?, sla_paused_minutes = ?', [1, 0]);
    // MariaDB loses the status index when the column changes: drop it first, re-create it after.
    await q.dropIndex('complaint', 'ix_complaint_status');
    await q.changeColumns('complaint', [
      { oldColumn: new TableColumn(col.int('escalation_level', true)), newColumn: new TableColumn(col.int('escalation_level')) },
      { oldColumn: new TableColumn(col.int('sla_paused_minutes', true)), newColumn: new TableColumn(col.int('sla_paused_minutes')) },
      // WAITING_ON_CUSTOMER does not fit in 16.
      { oldColumn: new TableColumn(col.string('status', 16)), newColumn: new TableColumn(col.string('status', 24)) },
    ]);
    await q.createIndex('complaint', new TableIndex(index('ix_complaint_status', ['status'])));
    await q.createIndex('complaint', new TableIndex(index('ix_complaint_resolution_due', ['resolution_due_at'])));

    await q.createTable(
      new Table({
        name: 'complaint_event',
        columns: [
          col.id(),
          col.ref('complaint_id'),
          col.int('seq'),
          col.string('kind', 24),
          col.string('action', 24, true),
          col.string('from_status', 24, true),
          col.string('to_status', 24),
          col.int('from_level', true),
          col.int('to_level', true),
          col.string('actor_account_id', 100, true),
          col.ref('actor_employee_id', true),
          col.text('note', true),
          col.datetime('at'),
        ],
        indices: [index('uq_complaint_event_seq', ['complaint_id', 'seq'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'complaint_escalation',
        columns: [col.id(), col.ref('complaint_id'), col.int('level'), col.string('reason', 32), col.datetime('escalated_at')],
        indices: [index('uq_complaint_escalation_level', ['complaint_id', 'level'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'complaint_idempotency',
        columns: [
          { ...col.string('account_id', 100), isPrimary: true },
          { ...col.string('idempotency_key', 64), isPrimary: true },
          col.ref('complaint_id'),
          col.datetime('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sla_policy',
        columns: [{ ...col.string('severity', 16), isPrimary: true }, col.int('first_response_minutes'), col.int('resolution_minutes', true), col.int('warn_percent')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'business_calendar',
        columns: [
          { ...col.string('id', 36), isPrimary: true },
          col.string('name', 100),
          col.ref('company_id', true),
          col.int('utc_offset_minutes'),
          col.int('day_start_minute'),
          col.int('day_end_minute'),
          col.string('working_weekdays', 20),
        ],
        indices: [index('uq_business_calendar_company', ['company_id'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'business_calendar_day',
        columns: [{ ...col.ref('calendar_id'), isPrimary: true }, { ...col.string('date', 10), isPrimary: true }, col.string('kind', 16), col.string('name', 100)],
      }),
    );

    // domain.md G-04 defaults in business minutes (working hours of the default 09:00–18:00 day, 540 min):
    // acknowledge GENERAL 24 h, SERIOUS 12 h, MAJOR 2 h, CRITICAL 1 h; resolve GENERAL 5, SERIOUS 10,
    // MAJOR 15 working days, CRITICAL case by case (no automatic target).
    const DAY = 9 * 60;
    for (const [severity, first, resolution] of [
      ['GENERAL', 24 * 60, 5 * DAY],
      ['SERIOUS', 12 * 60, 10 * DAY],
      ['MAJOR', 2 * 60, 15 * DAY],
      ['CRITICAL', 60, null],
    ] as const) {
      await q.query('INSERT INTO sla_policy (severity, first_response_minutes, resolution_minutes, warn_percent) VALUES (?, ?, ?, ?)', [severity, first, resolution, 80]);
    }
    await q.query('INSERT INTO business_calendar (id, name, company_id, utc_offset_minutes, day_start_minute, day_end_minute, working_weekdays) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      'default',
      'Group default (Mon–Fri 09:00–18:00, Asia/Shanghai)',
      null,
      480,
      9 * 60,
      18 * 60,
      '1,2,3,4,5',
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['business_calendar_day', 'business_calendar', 'sla_policy', 'complaint_idempotency', 'complaint_escalation', 'complaint_event']) {
      await q.dropTable(t);
    }
    await q.dropIndex('complaint', 'ix_complaint_resolution_due');
    await q.query('UPDATE complaint SET status = ? WHERE status = ?', ['IN_PROGRESS', 'WAITING_ON_CUSTOMER']);
    await q.dropIndex('complaint', 'ix_complaint_status');
    await q.changeColumn('complaint', 'status', new TableColumn(col.string('status', 16)));
    await q.createIndex('complaint', new TableIndex(index('ix_complaint_status', ['status'])));
    for (const c of [
      'satisfaction',
      'sla_paused_minutes',
      'sla_paused_at',
      'resolution_warn_at',
      'resolution_due_at',
      'first_response_due_at',
      'closed_at',
      'resolved_at',
      'first_responded_at',
      'escalation_level',
    ]) {
      await q.dropColumn('complaint', c);
    }
  }
}
