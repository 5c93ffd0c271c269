import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/**
 * Governance oversight (domain.md §2.1.1, WF-ORG-4/5): reports between bodies, supervisory actions,
 * checkpoint reviews, organisational assessments with findings and stakeholder opinions.
 */
export class GovernanceOversight1764301300000 implements MigrationInterface {
  name = 'GovernanceOversight1764301300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'governance_report',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.ref('from_body_id'),
          col.ref('to_body_id'),
          col.ref('meeting_id', true),
          col.string('period', 20),
          col.string('title', 200),
          col.text('content'),
          col.datetime('submitted_at'),
          ...col.audit(),
        ],
        indices: [index('ix_governance_report_company_period', ['company_id', 'period']), index('ix_governance_report_to_body', ['to_body_id', 'submitted_at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'supervisory_action',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.ref('body_id'),
          col.ref('target_employee_id'),
          col.ref('target_membership_id'),
          col.string('finding', 40),
          col.string('action', 20),
          col.text('description'),
          col.string('status', 16),
          col.text('follow_up', true),
          col.datetime('taken_at'),
          col.datetime('closed_at', true),
          ...col.audit(),
        ],
        indices: [index('ix_supervisory_action_company_status', ['company_id', 'status']), index('ix_supervisory_action_target', ['target_employee_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'checkpoint_review',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.string('period', 20),
          col.string('checkpoint', 64),
          col.string('result', 8),
          col.text('issue', true),
          col.text('corrective_adjustment', true),
          col.string('status', 16),
          col.datetime('reviewed_at'),
          col.datetime('closed_at', true),
          ...col.audit(),
        ],
        indices: [index('uq_checkpoint_review', ['company_id', 'period', 'checkpoint'], true), index('ix_checkpoint_review_company_status', ['company_id', 'status'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'org_assessment',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.string('scope', 300),
          col.string('state', 24),
          col.text('proposal', true),
          col.ref('board_resolution_id', true),
          col.datetime('opened_at'),
          col.datetime('decided_at', true),
          col.datetime('implemented_at', true),
          ...col.audit(),
        ],
        indices: [index('ix_org_assessment_company_state', ['company_id', 'state'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'org_assessment_finding',
        columns: [
          col.id(),
          col.ref('assessment_id'),
          col.ref('company_id'),
          col.string('kind', 20),
          col.ref('department_id', true),
          col.text('description'),
          col.datetime('recorded_at'),
        ],
        indices: [index('ix_org_assessment_finding_assessment', ['assessment_id']), index('ix_org_assessment_finding_company_kind', ['company_id', 'kind'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'org_assessment_opinion',
        columns: [col.id(), col.ref('assessment_id'), col.string('stakeholder_group', 16), col.ref('employee_id'), col.text('opinion'), col.datetime('recorded_at')],
        indices: [index('ix_org_assessment_opinion_assessment', ['assessment_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['org_assessment_opinion', 'org_assessment_finding', 'org_assessment', 'checkpoint_review', 'supervisory_action', 'governance_report']) await q.dropTable(t);
  }
}
