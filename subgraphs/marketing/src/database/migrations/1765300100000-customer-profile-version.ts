import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '@group/shared';

/** The customer's version in customer-service the projection row reflects (null: recorded before versions were sent). */
export class CustomerProfileVersion1765300100000 implements MigrationInterface {
  name = 'CustomerProfileVersion1765300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('customer_profile', new TableColumn(col.int('customer_version', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('customer_profile', 'customer_version');
  }
}
