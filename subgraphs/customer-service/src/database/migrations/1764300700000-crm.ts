import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index, stableId } from '@group/shared';

/** The group default opportunity stages (domain.md G-09), inserted by the migration; segments may configure their own. */
export const DEFAULT_OPPORTUNITY_STAGES: { code: string; name: string; probability: number; won: boolean }[] = [
  { code: 'INITIAL_CONTACT', name: '初步接洽', probability: 10, won: false },
  { code: 'NEEDS_CONFIRMED', name: '需求确认', probability: 25, won: false },
  { code: 'SOLUTION_AND_QUOTE', name: '方案报价', probability: 50, won: false },
  { code: 'NEGOTIATION', name: '商务谈判', probability: 75, won: false },
  { code: 'CONTRACT_SIGNED', name: '签约', probability: 100, won: true },
];

/** CRM (issue #5): leads, opportunities with stages and history, general actions, sales orders, contacts, merges, allocations, idempotency keys. */
export class Crm1764300700000 implements MigrationInterface {
  name = 'Crm1764300700000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'lead',
        columns: [
          col.id(),
          col.string('code', 16),
          col.string('name', 200),
          col.string('source', 16),
          col.string('status', 16),
          col.text('description', true),
          col.string('company_name', 200, true),
          col.string('contact_name', 100, true),
          col.string('contact_phone', 40, true),
          col.ref('segment_id'),
          col.ref('owner_id', true),
          col.ref('customer_id', true),
          col.ref('converted_opportunity_id', true),
          col.datetime('closed_at', true),
          col.string('close_reason', 500, true),
          col.datetime('last_action_at', true),
          ...col.audit(),
        ],
        indices: [
          index('uq_lead_code', ['code'], true),
          index('ix_lead_segment_status', ['segment_id', 'status', 'created_at']),
          index('ix_lead_owner_status', ['owner_id', 'status']),
          index('ix_lead_customer', ['customer_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'opportunity',
        columns: [
          col.id(),
          col.string('code', 16),
          col.string('name', 200),
          col.decimal('amount', 16, 2),
          col.string('stage', 32),
          col.int('probability'),
          col.string('status', 16),
          col.datetime('expected_close_at', true),
          col.datetime('closed_at', true),
          col.string('close_reason', 500, true),
          col.ref('segment_id'),
          col.ref('owner_id', true),
          col.ref('customer_id'),
          col.ref('lead_id', true),
          col.datetime('last_action_at', true),
          ...col.audit(),
        ],
        indices: [
          index('uq_opportunity_code', ['code'], true),
          index('ix_opportunity_segment_status', ['segment_id', 'status', 'stage']),
          index('ix_opportunity_owner_status', ['owner_id', 'status']),
          index('ix_opportunity_customer', ['customer_id']),
          index('ix_opportunity_lead', ['lead_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'opportunity_stage',
        columns: [
          col.id(),
          col.ref('segment_id', true),
          col.string('code', 32),
          col.string('name', 100),
          col.int('position'),
          col.int('probability'),
          col.bool('won'),
          col.int('version'),
        ],
        indices: [index('uq_opportunity_stage_position', ['segment_id', 'position'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'opportunity_stage_change',
        columns: [
          col.id(),
          col.ref('opportunity_id'),
          col.int('seq'),
          col.string('from_stage', 32, true),
          col.string('to_stage', 32),
          col.string('to_status', 16),
          col.int('probability'),
          col.string('note', 1000, true),
          col.string('actor_account_id', 100),
          col.ref('actor_employee_id', true),
          col.datetime('at'),
        ],
        indices: [index('uq_opportunity_stage_change_seq', ['opportunity_id', 'seq'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'general_action',
        columns: [
          col.id(),
          col.string('target_type', 16),
          col.ref('target_id'),
          col.ref('customer_id', true),
          col.ref('segment_id'),
          col.ref('owner_id', true),
          col.string('type', 16),
          col.string('subject', 200),
          col.text('notes', true),
          col.string('status', 16),
          col.datetime('due_at', true),
          col.datetime('done_at', true),
          col.ref('assignee_id', true),
          col.ref('assigned_by_id', true),
          col.string('created_by_account_id', 100),
          ...col.audit(),
        ],
        indices: [
          index('ix_general_action_target', ['target_id', 'status', 'done_at']),
          index('ix_general_action_customer', ['customer_id', 'created_at']),
          index('ix_general_action_assignee', ['assignee_id', 'status']),
          index('ix_general_action_segment', ['segment_id', 'created_at']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sales_order',
        columns: [
          col.id(),
          col.string('code', 16),
          col.string('contract_number', 64),
          col.datetime('signed_at'),
          col.decimal('amount', 16, 2),
          col.string('status', 16),
          col.text('notes', true),
          col.ref('segment_id'),
          col.ref('customer_id'),
          col.ref('opportunity_id', true),
          col.ref('owner_id', true),
          ...col.audit(),
        ],
        indices: [
          index('uq_sales_order_code', ['code'], true),
          index('uq_sales_order_contract', ['segment_id', 'contract_number'], true),
          index('ix_sales_order_customer', ['customer_id', 'signed_at']),
          index('ix_sales_order_segment', ['segment_id', 'signed_at']),
          index('ix_sales_order_opportunity', ['opportunity_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'customer_contact',
        columns: [
          col.id(),
          col.ref('customer_id'),
          col.ref('segment_id'),
          col.string('name', 100),
          col.string('title', 100, true),
          col.string('phone', 40, true),
          col.string('email', 200, true),
          col.bool('is_primary'),
          ...col.audit(),
        ],
        indices: [index('ix_customer_contact_customer', ['customer_id', 'name']), index('ix_customer_contact_phone', ['segment_id', 'phone'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'segment_allocation',
        columns: [
          col.id(),
          col.string('record_type', 16),
          col.ref('record_id'),
          col.ref('from_segment_id'),
          col.ref('to_segment_id'),
          col.ref('new_owner_id', true),
          col.string('reason', 1000),
          col.string('status', 16),
          col.text('moved', true),
          col.string('requested_by_account_id', 100),
          col.ref('requested_by_employee_id', true),
          col.datetime('requested_at'),
          col.string('decided_by_account_id', 100, true),
          col.ref('decided_by_employee_id', true),
          col.datetime('decided_at', true),
          col.string('decision_note', 1000, true),
          ...col.audit(),
        ],
        indices: [
          index('ix_segment_allocation_record', ['record_id', 'requested_at']),
          index('ix_segment_allocation_from', ['from_segment_id', 'requested_at']),
          index('ix_segment_allocation_status', ['status', 'requested_at']),
          index('ix_segment_allocation_to', ['to_segment_id', 'requested_at']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'customer_merge',
        columns: [
          col.id(),
          col.ref('segment_id'),
          col.ref('survivor_id'),
          col.ref('duplicate_id'),
          col.string('duplicate_name', 200),
          col.text('moved'),
          col.string('actor_account_id', 100),
          col.datetime('at'),
        ],
        indices: [index('ix_customer_merge_survivor', ['survivor_id', 'at']), index('ix_customer_merge_duplicate', ['duplicate_id'])],
      }),
    );
    for (const [i, s] of DEFAULT_OPPORTUNITY_STAGES.entries()) {
      await q.query('INSERT INTO opportunity_stage (id, segment_id, code, name, position, probability, won, version) VALUES (?, NULL, ?, ?, ?, ?, ?, 0)', [
        stableId('opportunity-stage', s.code),
        s.code,
        s.name,
        i + 1,
        s.probability,
        s.won ? 1 : 0,
      ]);
    }
    // Human-readable numbers LD-/OP-/SO-nnnnnn.
    for (const name of ['lead', 'opportunity', 'sales_order']) await q.query('INSERT INTO code_sequence (name, last_number) VALUES (?, 0)', [name]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DELETE FROM code_sequence WHERE name IN ('lead', 'opportunity', 'sales_order')");
    for (const t of [
      'customer_merge',
      'segment_allocation',
      'customer_contact',
      'sales_order',
      'general_action',
      'opportunity_stage_change',
      'opportunity_stage',
      'opportunity',
      'lead',
    ]) {
      await q.dropTable(t);
    }
  }
}
