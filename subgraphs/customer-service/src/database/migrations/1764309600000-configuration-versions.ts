import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '@group/shared';

const TABLES = ['sla_policy', 'assessment_weight', 'business_calendar'];

/**
 * Issue #8: optimistic-lock versions on the configuration rows clients read and
 * edit (SLA policies, assessment weights, working calendars). Existing rows start
 * at version 1: added nullable, filled, then made NOT NULL (portable on both drivers).
 */
export class ConfigurationVersions1764309600000 implements MigrationInterface {
  name = 'ConfigurationVersions1764309600000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.addColumn(table, new TableColumn(col.int('version', true)));
      await q.query(`UPDATE ${table} SET version = 1`);
      await q.changeColumn(table, 'version', new TableColumn(col.int('version')));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.dropColumn(table, 'version');
  }
}
