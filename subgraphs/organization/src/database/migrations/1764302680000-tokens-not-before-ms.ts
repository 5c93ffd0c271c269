import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '@group/shared';

/**
 * account.tokens_not_before to the millisecond (DATETIME(3)): revocations compare it with the
 * tokens' millisecond issue time (`iat_ms`). MariaDB's DATETIME without precision dropped the
 * milliseconds, so a token issued in the same second as a change, but before it, stayed valid.
 * Existing values keep their whole seconds.
 */
export class TokensNotBeforeMs1764302680000 implements MigrationInterface {
  name = 'TokensNotBeforeMs1764302680000';

  async up(q: QueryRunner): Promise<void> {
    await q.changeColumn('account', 'tokens_not_before', new TableColumn({ ...col.datetime('tokens_not_before', true), precision: 3 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.changeColumn('account', 'tokens_not_before', new TableColumn(col.datetime('tokens_not_before', true)));
  }
}
