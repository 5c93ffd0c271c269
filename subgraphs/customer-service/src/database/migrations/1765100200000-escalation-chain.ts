import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '@group/shared';

/**
 * Escalation follows the organisation (CS-R03): the tier owning a complaint and the department
 * answering it are stored, no longer derived from a fixed level ladder (1 branch, 2 company,
 * 3 group centre), which existing rows keep.
 */
export class EscalationChain1765100200000 implements MigrationInterface {
  name = 'EscalationChain1765100200000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('complaint', new TableColumn({ ...col.string('response_tier', 16), default: "'BRANCH'" }));
    await q.addColumn('complaint', new TableColumn(col.ref('response_department_id', true)));
    await q.query("UPDATE complaint SET response_tier = CASE WHEN escalation_level >= 3 THEN 'GROUP_CENTER' WHEN escalation_level = 2 THEN 'COMPANY' ELSE 'BRANCH' END");
    await q.query('UPDATE complaint SET response_department_id = responsible_department_id WHERE escalation_level = 1');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('complaint', 'response_department_id');
    await q.dropColumn('complaint', 'response_tier');
  }
}
