import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Metadata of files attached to complaints. */
export class ComplaintAttachments1764300600000 implements MigrationInterface {
  name = 'ComplaintAttachments1764300600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'complaint_attachment',
        columns: [
          col.id(),
          col.ref('complaint_id'),
          col.string('file_name', 255),
          col.string('content_type', 100),
          col.int('size_bytes'),
          col.string('storage_key', 500),
          col.datetime('created_at'),
        ],
        indices: [index('ix_complaint_attachment_complaint', ['complaint_id', 'created_at'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('complaint_attachment');
  }
}
