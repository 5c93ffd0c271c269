import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, idempotentCreate, inTransaction, lockForUpdate, newId, notFound, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Company, CompanyKind } from '../companies/company.entity';
import { Department, DepartmentKind } from '../departments/department.entity';
import { Employee, EmployeeStatus } from '../employees/employee.entity';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { AssignmentStatus, Position, PositionAssignment, PositionRank } from '../positions/position.entity';
import { Portfolio } from './portfolio.entity';
import { portfolioErrors as errors } from './portfolio.errors';

/**
 * ORG-R15: the president and vice presidents manage through functional departments run as simulated
 * independent legal entities (模拟法人), each within their portfolio (分管). A department has at most one
 * responsible executive at a time, who holds a GROUP_VP_AND_ABOVE position (of the department's company
 * or the group); only a functional department within a portfolio runs as a simulated legal entity, so
 * its portfolio cannot end while it does. Writes GROUP_EXECUTIVE only, logged.
 */
export class PortfolioService {
  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Active portfolio entries of departments already resolved through a (scoped) path. */
  activeOfDepartments(departmentIds: readonly string[]): Promise<Portfolio[]> {
    return this.ds.getRepository(Portfolio).findBy({ departmentId: In([...departmentIds]), status: AssignmentStatus.ACTIVE });
  }

  /** Active portfolio entries of executives already resolved through a (scoped) path. */
  activeOfExecutives(employeeIds: readonly string[]): Promise<Portfolio[]> {
    return this.ds.getRepository(Portfolio).find({ where: { executiveId: In([...employeeIds]), status: AssignmentStatus.ACTIVE }, order: { from: 'ASC', id: 'ASC' } });
  }

  async assign(viewer: Viewer, departmentId: string, executiveId: string, idempotencyKey?: string | null): Promise<Portfolio> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'assignPortfolio',
      idempotencyKey,
      { departmentId, executiveId },
      async (m, id) => {
        // At most one responsible executive: the department is locked before its active entry is read.
        const dept = await lockForUpdate(m, Department, { id: departmentId });
        if (!dept) throw notFound('Department', departmentId);
        const executive = await m.findOneBy(Employee, { id: executiveId });
        if (!executive || executive.status === EmployeeStatus.DEPARTED) throw errors.portfolioHolderNotActive();
        await this.assertSeniorManager(m, executiveId, dept.companyId);
        const current = await m.findOneBy(Portfolio, { departmentId, status: AssignmentStatus.ACTIVE });
        if (current) throw errors.portfolioExists(current.id, current.version);
        const row = m.create(Portfolio, {
          id,
          companyId: dept.companyId,
          departmentId,
          executiveId,
          status: AssignmentStatus.ACTIVE,
          from: now,
          to: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Portfolio, row);
        await recordChange(m, viewer, now, {
          companyId: dept.companyId,
          entityType: 'Department',
          entityId: departmentId,
          action: 'PORTFOLIO_ASSIGNED',
          summary: `${executive.name} 分管 ${dept.name}`,
        });
        return row;
      },
      (id) => this.visible(viewer, id),
      newId,
    );
  }

  async end(viewer: Viewer, portfolioId: string, expectedVersion: number): Promise<Portfolio> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const p = await m.findOneBy(Portfolio, { id: portfolioId });
      if (!p) throw errors.portfolioNotFound(portfolioId);
      // The department is locked so its simulated-legal-entity flag cannot be set meanwhile.
      const dept = (await lockForUpdate(m, Department, { id: p.departmentId }))!;
      if (p.status !== AssignmentStatus.ACTIVE) throw errors.portfolioEnded();
      if (dept.simulatedLegalEntity) throw errors.simulatedEntityNeedsPortfolio(dept.name);
      const row = await updateWithVersion(m, Portfolio, p.id, expectedVersion, { status: AssignmentStatus.ENDED, to: now, updatedAt: now });
      await recordChange(m, viewer, now, { companyId: p.companyId, entityType: 'Department', entityId: p.departmentId, action: 'PORTFOLIO_ENDED', summary: dept.name });
      return row;
    });
  }

  /** Sets or clears 模拟法人: only a functional department within a portfolio runs as a simulated legal entity. */
  async setSimulatedLegalEntity(viewer: Viewer, departmentId: string, expectedVersion: number, value: boolean): Promise<Department> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const dept = await lockForUpdate(m, Department, { id: departmentId });
      if (!dept) throw notFound('Department', departmentId);
      if (value) {
        if (dept.kind !== DepartmentKind.FUNCTIONAL) throw errors.simulatedEntityFunctionalOnly();
        if (!(await m.findOneBy(Portfolio, { departmentId, status: AssignmentStatus.ACTIVE }))) {
          throw errors.simulatedEntityWithoutPortfolio();
        }
      }
      const row = await updateWithVersion(m, Department, departmentId, expectedVersion, { simulatedLegalEntity: value, updatedAt: now });
      await recordChange(m, viewer, now, {
        companyId: dept.companyId,
        entityType: 'Department',
        entityId: departmentId,
        action: value ? 'SIMULATED_ENTITY_SET' : 'SIMULATED_ENTITY_CLEARED',
        summary: dept.name,
      });
      return row;
    });
  }

  /** The holder has an active GROUP_VP_AND_ABOVE position of the department's company or of the group. */
  private async assertSeniorManager(m: EntityManager, employeeId: string, companyId: string): Promise<void> {
    const held = await m.findBy(PositionAssignment, { employeeId, status: AssignmentStatus.ACTIVE });
    const positions = held.length ? await m.findBy(Position, { id: In(held.map((a) => a.positionId)), rank: PositionRank.GROUP_VP_AND_ABOVE }) : [];
    const companies = positions.length ? await m.findBy(Company, { id: In(positions.map((p) => p.companyId)) }) : [];
    if (!companies.some((c) => c.id === companyId || c.kind === CompanyKind.GROUP)) {
      throw errors.portfolioHolderNotSenior();
    }
  }

  private async visible(viewer: Viewer, id: string): Promise<Portfolio | null> {
    const row = await this.ds.getRepository(Portfolio).findOneBy({ id });
    return row && (await this.governance.visibleCompanyIds(viewer, [row.companyId])).length ? row : null;
  }
}
