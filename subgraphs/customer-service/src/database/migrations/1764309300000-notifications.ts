import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** In-app notifications (notifications/notification.entity.ts). */
export class Notifications1764309300000 implements MigrationInterface {
  name = 'Notifications1764309300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notification',
        columns: [
          col.id(),
          col.ref('recipient_id'),
          col.string('kind', 32),
          col.ref('subject_id'),
          col.string('event_key', 32),
          col.string('message', 300),
          col.datetime('created_at'),
          col.datetime('read_at', true),
        ],
        indices: [index('ix_notification_recipient', ['recipient_id', 'created_at']), index('uq_notification_event', ['recipient_id', 'kind', 'subject_id', 'event_key'], true)],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notification');
  }
}
