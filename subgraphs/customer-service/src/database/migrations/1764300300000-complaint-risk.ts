import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { col, index } from '@group/shared';

/** Complaint-risk prevention: risk level, legal-case flag and legal escalation on the complaint; compensation records. */
export class ComplaintRisk1764300300000 implements MigrationInterface {
  name = 'ComplaintRisk1764300300000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('complaint', [
      new TableColumn(col.string('risk_level', 8, true)),
      new TableColumn(col.bool('legal_case', true)),
      new TableColumn(col.ref('legal_department_id', true)),
      new TableColumn(col.datetime('legal_escalated_at', true)),
    ]);
    // Existing complaints: risk from severity (as new ones get it), no legal case.
    await q.query("UPDATE complaint SET legal_case = ?, risk_level = CASE severity WHEN 'GENERAL' THEN 'LOW' WHEN 'SERIOUS' THEN 'MEDIUM' ELSE 'HIGH' END", [false]);
    await q.changeColumns('complaint', [
      { oldColumn: new TableColumn(col.string('risk_level', 8, true)), newColumn: new TableColumn(col.string('risk_level', 8)) },
      { oldColumn: new TableColumn(col.bool('legal_case', true)), newColumn: new TableColumn(col.bool('legal_case')) },
    ]);
    await q.createTable(
      new Table({
        name: 'complaint_compensation',
        columns: [
          col.id(),
          col.ref('complaint_id'),
          col.string('kind', 16),
          col.int('amount_cents'),
          col.string('description', 500),
          col.string('actor_account_id', 100, true),
          col.datetime('created_at'),
        ],
        indices: [index('ix_complaint_compensation_complaint', ['complaint_id', 'created_at'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('complaint_compensation');
    for (const c of ['legal_escalated_at', 'legal_department_id', 'legal_case', 'risk_level']) await q.dropColumn('complaint', c);
  }
}
