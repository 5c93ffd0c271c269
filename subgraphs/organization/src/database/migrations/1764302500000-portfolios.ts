import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { col, index } from '@group/shared';

/** ORG-R15: VPs' portfolios (分管) and departments run as simulated legal entities (模拟法人). */
export class Portfolios1764302500000 implements MigrationInterface {
  name = 'Portfolios1764302500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'portfolio',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.ref('department_id'),
          col.ref('executive_id'),
          col.string('status', 16),
          col.datetime('held_from'),
          col.datetime('held_to', true),
          ...col.audit(),
        ],
        indices: [index('ix_portfolio_department_status', ['department_id', 'status']), index('ix_portfolio_executive_status', ['executive_id', 'status'])],
      }),
    );
    await q.addColumn('department', new TableColumn({ ...col.bool('simulated_legal_entity'), default: '0' }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('department', 'simulated_legal_entity');
    await q.dropTable('portfolio');
  }
}
