import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '@group/shared';

/**
 * createComplaint remembers a hash of the input with its idempotency key, so a
 * reused key with a different body is refused (issue #8). Keys stored before
 * have no hash and keep answering as before.
 */
export class IdempotencyRequestHash1764300800000 implements MigrationInterface {
  name = 'IdempotencyRequestHash1764300800000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('complaint_idempotency', new TableColumn(col.string('request_hash', 64, true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('complaint_idempotency', 'request_hash');
  }
}
