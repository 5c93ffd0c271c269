import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { col, index } from '@group/shared';

/** Company legal data (legal form, ownership type, credit code, address, legal representative) and shareholdings. */
export class CompanyLegalDataAndShareholdings1764300000000 implements MigrationInterface {
  name = 'CompanyLegalDataAndShareholdings1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('company', [
      new TableColumn(col.string('legal_form', 32, true)),
      new TableColumn(col.string('ownership_type', 32, true)),
      new TableColumn(col.string('credit_code', 32, true)),
      new TableColumn(col.string('registered_address', 300, true)),
      new TableColumn(col.ref('legal_representative_id', true)),
    ]);
    await q.createTable(
      new Table({
        name: 'shareholding',
        columns: [col.id(), col.ref('company_id'), col.ref('holder_company_id', true), col.string('holder_name', 200), col.int('basis_points'), ...col.audit()],
        indices: [index('ix_shareholding_company', ['company_id']), index('ix_shareholding_holder_company', ['holder_company_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('shareholding');
    for (const c of ['legal_representative_id', 'registered_address', 'credit_code', 'ownership_type', 'legal_form']) await q.dropColumn('company', c);
  }
}
