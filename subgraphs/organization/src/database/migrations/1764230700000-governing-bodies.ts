import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, index } from '@group/shared';

/** Governing bodies of each company. */
export class GoverningBodies1764230700000 implements MigrationInterface {
  name = 'GoverningBodies1764230700000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'governing_body',
        columns: [
          col.id(),
          col.ref('company_id'),
          col.string('type', 32),
          col.string('label', 100),
          col.string('governance_function', 40),
          col.int('seat_limit', true),
          ...col.audit(),
        ],
        indices: [index('ix_governing_body_company_type', ['company_id', 'type'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('governing_body');
  }
}
