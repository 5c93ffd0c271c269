import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Policy documents and their versions (version control: date, version, authorizer, change record). */
export class PolicyDocuments1764300600000 implements MigrationInterface {
  name = 'PolicyDocuments1764300600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'policy_document',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.string('type', 48),
          col.string('title', 200),
          col.string('document_number', 50, true),
          col.bool('is_trial'),
          col.ref('owner_body_id', true),
          ...col.audit(),
        ],
        indices: [index('ix_policy_document_company_type', ['company_id', 'type']), index('ix_policy_document_owner_body', ['owner_body_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'policy_version',
        columns: [
          col.id(),
          col.ref('document_id'),
          col.ref('company_id'),
          col.string('version_number', 20),
          col.datetime('version_date'),
          col.text('change_record'),
          col.bool('is_major_change'),
          col.text('content'),
          col.string('status', 20),
          col.ref('authorizer_employee_id', true),
          col.datetime('approved_at', true),
          col.datetime('published_at', true),
          col.datetime('effective_from', true),
          col.ref('predecessor_id', true),
          ...col.audit(),
        ],
        indices: [index('uq_policy_version_document_number', ['document_id', 'version_number'], true), index('ix_policy_version_document_status', ['document_id', 'status'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('policy_version');
    await q.dropTable('policy_document');
  }
}
