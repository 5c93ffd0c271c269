import { DataSource, In } from 'typeorm';
import { Clock, idempotentWrite, lockForUpdate, newId, notFound, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Department } from '../departments/department.entity';
import { Employee, EmployeeStatus } from '../employees/employee.entity';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { ItLiaison, LiaisonEngagement } from './it-liaison.entity';
import { itLiaisonErrors as errors } from './it-liaison.errors';

/** IT liaisons (信息化专员, ORG-R41): one per department, and their coverage (report ORG-M11). Writes GROUP_EXECUTIVE only, logged. */
export class ItLiaisonService {
  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The liaisons of departments already resolved through a (scoped) path. */
  ofDepartments(departmentIds: readonly string[]): Promise<ItLiaison[]> {
    return this.ds.getRepository(ItLiaison).findBy({ departmentId: In([...departmentIds]) });
  }

  /** Appoints (or replaces) a department's IT liaison (ORG-R41); replacing needs the current version. */
  async assignItLiaison(
    viewer: Viewer,
    departmentId: string,
    employeeId: string,
    engagement: LiaisonEngagement,
    expectedVersion: number | null,
    idempotencyKey?: string | null,
  ): Promise<ItLiaison> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    const input = { departmentId, employeeId, engagement, expectedVersion };
    return idempotentWrite(
      this.ds,
      viewer,
      'assignItLiaison',
      idempotencyKey,
      input,
      async (m, claim) => {
        // ORG-R41, one liaison per department: the department is locked before its liaison is read.
        const dept = await lockForUpdate(m, Department, { id: departmentId });
        if (!dept) throw notFound('Department', departmentId);
        // The result is the department's liaison row: the existing one when replacing, else a new one.
        const current = await m.findOneBy(ItLiaison, { departmentId });
        const id = current?.id ?? newId();
        await claim(id);
        const employee = await m.findOneBy(Employee, { id: employeeId });
        if (!employee || employee.companyId !== dept.companyId || employee.status === EmployeeStatus.DEPARTED) throw errors.liaisonNotOfCompany();
        let row: ItLiaison;
        if (current) {
          if (expectedVersion === null) throw errors.liaisonExists(current.version);
          row = await updateWithVersion(m, ItLiaison, current.id, expectedVersion, { employeeId, engagement, updatedAt: now });
        } else {
          row = m.create(ItLiaison, { id, departmentId, companyId: dept.companyId, employeeId, engagement, createdAt: now, updatedAt: now, version: 1 });
          await m.insert(ItLiaison, row);
        }
        await recordChange(m, viewer, now, {
          companyId: dept.companyId,
          entityType: 'Department',
          entityId: departmentId,
          action: 'IT_LIAISON_ASSIGNED',
          summary: `${employee.name} (${engagement})`,
        });
        return row;
      },
      (id) => this.governance.visibleById(viewer, ItLiaison, id),
    );
  }

  /** ORG-M11: departments of a company with an IT liaison, out of all (two statements). */
  async liaisonCoverage(viewer: Viewer, companyId: string): Promise<{ departments: number; covered: number; uncoveredIds: string[] } | null> {
    if ((await this.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return null;
    const depts = await this.ds.getRepository(Department).find({ where: { companyId }, select: { id: true, code: true }, order: { code: 'ASC' } });
    const covered = new Set((await this.ds.getRepository(ItLiaison).find({ where: { companyId }, select: { departmentId: true } })).map((l) => l.departmentId));
    return { departments: depts.length, covered: depts.filter((d) => covered.has(d.id)).length, uncoveredIds: depts.filter((d) => !covered.has(d.id)).map((d) => d.id) };
  }
}
