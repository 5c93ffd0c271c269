import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Webhooks (issue 21): registrations, their deliveries and the attempts of each delivery. */
export class Webhooks1767000000000 implements MigrationInterface {
  name = 'Webhooks1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'webhook',
        columns: [
          col.id(),
          col.string('url', 2000),
          col.ref('segment_id', true),
          col.text('event_types'),
          col.string('description', 500, true),
          col.string('status', 16),
          col.string('disabled_reason', 32, true),
          col.datetime('disabled_at', true),
          col.string('owner_notice', 500, true),
          col.string('owner_account_id', 100),
          col.string('owner_role', 32),
          col.int('owner_checked_from'),
          col.string('secret_enc', 300),
          col.string('previous_secret_enc', 300, true),
          col.datetime('previous_secret_until', true),
          col.string('secret_hint', 8),
          col.int('consecutive_failures'),
          col.datetime('failing_since', true),
          ...col.audit(),
        ],
        indices: [index('ix_webhook_status', ['status'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_delivery',
        columns: [
          col.id(),
          col.ref('webhook_id'),
          col.ref('event_id'),
          col.string('event_type', 64),
          col.string('aggregate_key', 120),
          col.int('aggregate_version'),
          col.text('body'),
          col.string('status', 16),
          col.int('attempts'),
          col.datetime('next_attempt_at', true),
          col.datetime('retry_until'),
          col.string('lease_owner', 64, true),
          col.datetime('lease_until', true),
          col.int('last_status_code', true),
          col.string('last_error', 500, true),
          col.datetime('created_at'),
          col.datetime('completed_at', true),
        ],
        indices: [
          index('ix_webhook_delivery_event', ['webhook_id', 'event_id'], true),
          index('ix_webhook_delivery_due', ['status', 'next_attempt_at']),
          index('ix_webhook_delivery_aggregate', ['webhook_id', 'aggregate_key', 'status', 'aggregate_version']),
          index('ix_webhook_delivery_list', ['webhook_id', 'created_at']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_attempt',
        columns: [col.id(), col.ref('delivery_id'), col.datetime('at'), col.int('status_code', true), col.string('error', 500, true), col.int('duration_ms')],
        indices: [index('ix_webhook_attempt_delivery', ['delivery_id', 'at'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('webhook_attempt');
    await q.dropTable('webhook_delivery');
    await q.dropTable('webhook');
  }
}
