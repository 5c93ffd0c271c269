import type { EntityManager } from 'typeorm';
import { DEMO_COMPANIES, demoDepartmentId, stableId } from '@group/shared';
import { ItWorkAssessment, ItWorkAssessmentKind } from './it-work-assessment.entity';

/**
 * ORG-M10 demo: the group's IT department (the 技术部, holder of the duty IT_ASSESSMENT_DUTY, duties/duty-demo.seed.ts) assessed the other
 * head-office departments in 2025. For 2025 the report shows 4 results, average 80.25, one open
 * rectification (MKT, overdue after 2026-03-31) and one done (CSC); IT itself is not assessed.
 */
export async function seedItWorkAssessmentDemo(m: EntityManager): Promise<void> {
  const groupId = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
  const it = demoDepartmentId('JA', 'IT');
  const row = (
    key: string,
    dept: string,
    period: string,
    kind: ItWorkAssessmentKind,
    score: number,
    findings: string,
    at: string,
    due: string | null,
    rectified: [string, string] | null,
  ) => {
    const assessedAt = new Date(at);
    const rectifiedAt = rectified ? new Date(rectified[1]) : null;
    return {
      id: stableId('it-work-assessment', key),
      companyId: groupId,
      departmentId: demoDepartmentId('JA', dept),
      assessorDepartmentId: it,
      period,
      kind,
      score,
      findings,
      rectificationRequired: !!due,
      rectificationDue: due ? new Date(due) : null,
      rectification: rectified?.[0] ?? null,
      rectifiedAt,
      assessedAt,
      createdAt: assessedAt,
      updatedAt: rectifiedAt ?? assessedAt,
      version: rectified ? 2 : 1,
    };
  };
  await m.insert(ItWorkAssessment, [
    row('JA-CSC-2025-H1', 'CSC', '2025-H1', ItWorkAssessmentKind.INSPECTION, 78, '客服系统工单数据未按数据标准录入', '2025-07-10T02:00:00Z', '2025-09-30T00:00:00Z', [
      '已完成历史工单数据清洗并培训坐席',
      '2025-09-20T02:00:00Z',
    ]),
    row('JA-CSC-2025-H2', 'CSC', '2025-H2', ItWorkAssessmentKind.ASSESSMENT, 86, '系统深化应用良好', '2026-01-15T02:00:00Z', null, null),
    row('JA-MKT-2025-H1', 'MKT', '2025-H1', ItWorkAssessmentKind.SUPERVISION, 65, 'CRM标签维护滞后, 未设信息化专员', '2025-07-12T02:00:00Z', '2026-03-31T00:00:00Z', null),
    row('JA-LEGAL-2025', 'LEGAL', '2025', ItWorkAssessmentKind.ASSESSMENT, 92, '合同管理系统应用规范', '2026-01-20T02:00:00Z', null, null),
  ]);
}
