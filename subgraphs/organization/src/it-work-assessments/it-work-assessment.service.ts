import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, idempotentCreate, inTransaction, newId, notFound, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { Department } from '../departments/department.entity';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { PERIOD_PATTERN } from '../common/period';
import { Duty, DutyHolderKind } from '../duties/duty.entity';
import { IT_ASSESSMENT_DUTY, ItWorkAssessment, ItWorkAssessmentKind } from './it-work-assessment.entity';
import { itWorkAssessmentErrors as errors } from './it-work-assessment.errors';
import { commonErrors } from '../common/common.errors';

export interface NewItWorkAssessment {
  departmentId: string;
  assessorDepartmentId: string;
  period: string;
  kind: ItWorkAssessmentKind;
  score: number;
  findings: string;
  rectificationRequired: boolean;
  rectificationDue?: Date | null;
  idempotencyKey?: string | null;
}

export interface ItAssessmentReportRow {
  departmentId: string;
  assessments: number;
  latest: ItWorkAssessment | null;
  averageScore: number | null;
  openRectifications: number;
  overdueRectifications: number;
}

export interface ItAssessmentReport extends Omit<ItAssessmentReportRow, 'departmentId' | 'latest'> {
  period: string;
  departments: ItAssessmentReportRow[];
}

const MONTHS = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0'));

/** The periods a report period covers: a year its halves, quarters and months; a half its quarters and months; a quarter its months. */
export function periodsWithin(period: string): string[] {
  const [year, part] = period.split('-');
  if (!part) return [year, ...['H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4', ...MONTHS(1, 12)].map((p) => `${year}-${p}`)];
  if (part.startsWith('H')) {
    const h = Number(part[1]);
    return [part, `Q${2 * h - 1}`, `Q${2 * h}`, ...MONTHS(6 * h - 5, 6 * h)].map((p) => `${year}-${p}`);
  }
  if (part.startsWith('Q')) {
    const q = Number(part[1]);
    return [part, ...MONTHS(3 * q - 2, 3 * q)].map((p) => `${year}-${p}`);
  }
  return [period];
}

const average = (rows: ItWorkAssessment[]) => (rows.length ? rows.reduce((s, r) => s + r.score, 0) / rows.length : null);

/**
 * IT work assessment (ORG-M10, D12 WF-ORG-9): the technology department's supervision, inspection and
 * assessment results per department, with the rectification they may require. Reads are
 * company-scoped (the assessed department's company); writes GROUP_EXECUTIVE only, logged.
 */
export class ItWorkAssessmentService {
  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {}

  private async visible(viewer: Viewer, rows: ItWorkAssessment[]): Promise<ItWorkAssessment[]> {
    const ok = new Set(await this.governance.visibleCompanyIds(viewer, [...new Set(rows.map((r) => r.companyId))]));
    return rows.filter((r) => ok.has(r.companyId));
  }

  /** Results of departments (departments themselves are unscoped), newest first, limited to the companies the viewer reads. */
  async byDepartmentIds(viewer: Viewer, departmentIds: readonly string[]): Promise<ItWorkAssessment[]> {
    const rows = await this.ds.getRepository(ItWorkAssessment).find({ where: { departmentId: In([...departmentIds]) }, order: { assessedAt: 'DESC', id: 'DESC' } });
    return this.visible(viewer, rows);
  }

  private async byId(viewer: Viewer, id: string): Promise<ItWorkAssessment | null> {
    return (await this.visible(viewer, await this.ds.getRepository(ItWorkAssessment).findBy({ id })))[0] ?? null;
  }

  /** Records one result of the technology department; a result needing rectification names its deadline. */
  async record(viewer: Viewer, input: NewItWorkAssessment): Promise<ItWorkAssessment> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    const period = input.period.trim();
    if (!PERIOD_PATTERN.test(period)) throw commonErrors.periodInvalid();
    if (!Number.isInteger(input.score) || input.score < 0 || input.score > 100) throw errors.scoreOutOfRange();
    const findings = input.findings.trim();
    if (!findings) throw errors.findingsRequired();
    const due = input.rectificationDue ?? null;
    if (input.rectificationRequired && !due) throw errors.rectificationDueRequired();
    if (!input.rectificationRequired && due) throw errors.rectificationDueUnexpected();
    if (due && due.getTime() <= now.getTime()) throw errors.rectificationDuePast();
    return idempotentCreate(
      this.ds,
      viewer,
      'recordItWorkAssessment',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const dept = await m.findOneBy(Department, { id: input.departmentId });
        if (!dept) throw notFound('Department', input.departmentId);
        await this.assertTechnologyDepartment(m, input.assessorDepartmentId, dept.companyId);
        const row = m.create(ItWorkAssessment, {
          id,
          companyId: dept.companyId,
          departmentId: dept.id,
          assessorDepartmentId: input.assessorDepartmentId,
          period,
          kind: input.kind,
          score: input.score,
          findings,
          rectificationRequired: input.rectificationRequired,
          rectificationDue: due,
          rectification: null,
          rectifiedAt: null,
          assessedAt: now,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(ItWorkAssessment, row);
        await recordChange(m, viewer, now, {
          companyId: dept.companyId,
          entityType: 'ItWorkAssessment',
          entityId: id,
          action: `IT_${input.kind}`,
          summary: `${dept.name} ${period}: ${input.score}${input.rectificationRequired ? ', rectification required' : ''}`,
        });
        return row;
      },
      (id) => this.byId(viewer, id),
      newId,
    );
  }

  /**
   * The assessor must hold the technology department's duty of IT supervision, inspection and
   * assessment (ORG-R40, set under ORG-R06), in the assessed department's company or a company above
   * it (D12 「统一领导、归口管理、分级负责」: the group's technology department may assess subsidiaries).
   */
  private async assertTechnologyDepartment(m: EntityManager, assessorId: string, companyId: string): Promise<void> {
    const assessor = await m.findOneBy(Department, { id: assessorId });
    const holdsDuty = assessor && (await m.existsBy(Duty, { holderKind: DutyHolderKind.DEPARTMENT, holderId: assessor.id, text: IT_ASSESSMENT_DUTY }));
    let company: Company | null = holdsDuty ? await m.findOneBy(Company, { id: companyId }) : null;
    for (let depth = 0; company && depth < 10; depth++) {
      if (company.id === assessor!.companyId) return;
      company = company.parentId ? await m.findOneBy(Company, { id: company.parentId }) : null;
    }
    throw errors.assessorNotTechnologyDepartment(IT_ASSESSMENT_DUTY);
  }

  /** Records the required rectification as done (once), under the result's version. */
  async recordRectification(viewer: Viewer, id: string, expectedVersion: number, rectification: string): Promise<ItWorkAssessment> {
    assertMayChangeGovernance(viewer);
    const text = rectification.trim();
    if (!text) throw errors.rectificationTextRequired();
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await m.findOneBy(ItWorkAssessment, { id });
      if (!row) throw errors.itWorkAssessmentNotFound(id);
      if (!row.rectificationRequired) throw errors.rectificationNotRequired();
      if (row.rectifiedAt) throw errors.alreadyRectified();
      const updated = await updateWithVersion(m, ItWorkAssessment, id, expectedVersion, { rectification: text, rectifiedAt: now, updatedAt: now });
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'ItWorkAssessment',
        entityId: id,
        action: 'IT_RECTIFIED',
        summary: `${row.period} ${row.kind}: rectified`,
      });
      return updated;
    });
  }

  /**
   * ORG-M10 for a company and period (sub-periods included: 2025 covers 2025-H1, 2025-Q3, 2025-07...):
   * every department with its latest result, average score and open / overdue rectifications, and the
   * company's totals. Two statements (departments; results over ix_it_work_assessment_company_period).
   */
  async report(viewer: Viewer, companyId: string, period: string): Promise<ItAssessmentReport | null> {
    const p = period.trim();
    if (!PERIOD_PATTERN.test(p)) throw commonErrors.periodInvalid();
    if ((await this.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return null;
    const now = this.clock().getTime();
    const depts = await this.ds.getRepository(Department).find({ where: { companyId }, select: { id: true, code: true }, order: { code: 'ASC', id: 'ASC' } });
    const rows = await this.ds.getRepository(ItWorkAssessment).find({ where: { companyId, period: In(periodsWithin(p)) }, order: { assessedAt: 'DESC', id: 'DESC' } });
    const open = (r: ItWorkAssessment) => r.rectificationRequired && !r.rectifiedAt;
    const overdue = (r: ItWorkAssessment) => open(r) && !!r.rectificationDue && r.rectificationDue.getTime() < now;
    const figures = (list: ItWorkAssessment[]) => ({
      assessments: list.length,
      averageScore: average(list),
      openRectifications: list.filter(open).length,
      overdueRectifications: list.filter(overdue).length,
    });
    return {
      period: p,
      ...figures(rows),
      departments: depts.map((d) => {
        const mine = rows.filter((r) => r.departmentId === d.id);
        return { departmentId: d.id, latest: mine[0] ?? null, ...figures(mine) };
      }),
    };
  }
}
