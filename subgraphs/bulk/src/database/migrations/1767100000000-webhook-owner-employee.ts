import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** The employee of a webhook's owner (null: an account without one), so the owner's in-app notification (customer-service, by employee) can be addressed when the webhook is disabled. */
export class WebhookOwnerEmployee1767100000000 implements MigrationInterface {
  name = 'WebhookOwnerEmployee1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('webhook', new TableColumn({ name: 'owner_employee_id', type: 'varchar', length: '36', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('webhook', 'owner_employee_id');
  }
}
