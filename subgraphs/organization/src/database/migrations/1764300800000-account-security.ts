import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '@group/shared';

/** Token revocation (tokens_not_before) and login lockout state on accounts. */
export class AccountSecurity1764300800000 implements MigrationInterface {
  name = 'AccountSecurity1764300800000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('account', [
      new TableColumn(col.datetime('tokens_not_before', true)),
      new TableColumn(col.int('failed_login_count', true)),
      new TableColumn(col.datetime('locked_until', true)),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('account', 'locked_until');
    await q.dropColumn('account', 'failed_login_count');
    await q.dropColumn('account', 'tokens_not_before');
  }
}
