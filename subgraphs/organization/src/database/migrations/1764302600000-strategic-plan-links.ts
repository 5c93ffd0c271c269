import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '@group/shared';

/** ORG-R27: investments and projects (investment plans, IT project plans, subsidiary investment matters) name the adopted strategic plan they sit within; ORG-R12: an approved subsidiary matter names the parent's resolution. */
export class StrategicPlanLinks1764302600000 implements MigrationInterface {
  name = 'StrategicPlanLinks1764302600000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('company_plan', new TableColumn(col.ref('strategic_plan_id', true)));
    await q.addColumns('subsidiary_oversight_item', [new TableColumn(col.ref('strategic_plan_id', true)), new TableColumn(col.ref('resolution_id', true))]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('subsidiary_oversight_item', 'resolution_id');
    await q.dropColumn('subsidiary_oversight_item', 'strategic_plan_id');
    await q.dropColumn('company_plan', 'strategic_plan_id');
  }
}
