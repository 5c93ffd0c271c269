import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Duty catalogues (ORG-R06/R40), IT liaisons (ORG-R41, ORG-M11), performance evaluations by the shareholders' meeting (ORG-R18, ORG-M12). */
export class DutiesLiaisonsEvaluations1764301500000 implements MigrationInterface {
  name = 'DutiesLiaisonsEvaluations1764301500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'duty',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.string('holder_kind', 16),
          col.ref('holder_id'),
          col.int('ordinal'),
          col.string('text', 500),
          col.string('text_en', 500, true),
          col.ref('source_document_id', true),
          col.ref('resolution_id', true),
        ],
        indices: [index('ix_duty_holder', ['holder_kind', 'holder_id', 'ordinal']), index('ix_duty_company', ['company_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'it_liaison',
        columns: [col.id(), col.ref('department_id'), col.ref('company_id'), col.ref('employee_id'), col.string('engagement', 16), ...col.audit()],
        indices: [index('ix_it_liaison_company', ['company_id']), index('uq_it_liaison_department', ['department_id'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'performance_evaluation',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.ref('meeting_id'),
          col.ref('evaluated_body_id'),
          col.string('period', 20),
          col.string('rating', 16),
          col.text('comment'),
          col.datetime('recorded_at'),
        ],
        indices: [index('uq_performance_evaluation', ['meeting_id', 'evaluated_body_id'], true), index('ix_performance_evaluation_company', ['company_id', 'period'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('performance_evaluation');
    await q.dropTable('it_liaison');
    await q.dropTable('duty');
  }
}
