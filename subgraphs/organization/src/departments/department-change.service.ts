import { DataSource, EntityManager } from 'typeorm';
import { Clock, idempotentCreate, inTransaction, lockForUpdate, newId, notFound, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Department, DepartmentKind } from './department.entity';
import { Company } from '../companies/company.entity';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { Resolution } from '../meetings/meeting.entity';
import { citeResolution } from '../governance/resolution-use';
import { GovernanceMatter } from '../governance/authority';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { departmentErrors as errors } from './department.errors';
import { commonErrors } from '../common/common.errors';
import { governanceErrors } from '../governance/governance.errors';

export interface NewDepartment {
  companyId: string;
  parentId?: string | null;
  code: string;
  name: string;
  nameEn?: string | null;
  kind: DepartmentKind;
  resolutionId: string;
  idempotencyKey?: string | null;
}

export interface Restructuring {
  departmentId: string;
  expectedVersion: number;
  parentId?: string | null;
  name?: string | null;
  kind?: DepartmentKind | null;
  resolutionId: string;
}

/**
 * Org-structure changes need the board (ORG-R06: setting up functional
 * departments; ORG-R11: restructuring): every change cites a PASSED resolution
 * of the company's board of directors on the matching matter, else
 * BOARD_APPROVAL_REQUIRED. The resolution itself could only be passed by a
 * body holding that power (see MeetingService).
 */
export class DepartmentChangeService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Departments are org structure every signed-in user reads: the re-read of an idempotent retry needs no scope. */
  async create(viewer: Viewer, input: NewDepartment): Promise<Department> {
    assertMayChangeGovernance(viewer);
    if (!input.code.trim() || !input.name.trim()) throw errors.departmentNameRequired();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'createDepartment',
      input.idempotencyKey,
      input,
      async (m, id) => {
        // The company owns its department codes and tree: one change of them at a time.
        const company = await lockForUpdate(m, Company, { id: input.companyId });
        if (!company) throw notFound('Company', input.companyId);
        if (input.parentId) await this.parentIn(m, input.companyId, input.parentId);
        if ((await m.countBy(Department, { companyId: input.companyId, code: input.code.trim() })) > 0) throw errors.departmentCodeTaken(company.code, input.code);
        const resolution = await this.approval(m, input.companyId, input.resolutionId, GovernanceMatter.DEPARTMENT_SETUP, id, now);
        const dept = m.create(Department, {
          id,
          companyId: input.companyId,
          parentId: input.parentId ?? null,
          code: input.code.trim(),
          name: input.name.trim(),
          nameEn: input.nameEn ?? null,
          kind: input.kind,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Department, dept);
        await recordChange(m, viewer, now, {
          companyId: company.id,
          entityType: 'Department',
          entityId: dept.id,
          action: 'DEPARTMENT_CREATED',
          summary: `${dept.name} (${dept.kind}) set up by board resolution ${resolution.id}`,
        });
        return dept;
      },
      (id) => this.ds.getRepository(Department).findOneBy({ id }),
      newId,
    );
  }

  async restructure(viewer: Viewer, input: Restructuring): Promise<Department> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      // Locking reads (the department, then its company) before the walk up the tree, so two
      // concurrent moves cannot each pass the cycle check and together make a loop (ORG-R28).
      const dept = await lockForUpdate(m, Department, { id: input.departmentId });
      if (!dept) throw notFound('Department', input.departmentId);
      await lockForUpdate(m, Company, { id: dept.companyId });
      const resolution = await this.approval(m, dept.companyId, input.resolutionId, GovernanceMatter.ORG_RESTRUCTURING, dept.id, now);
      const changes: Partial<Department> = { updatedAt: now };
      if (input.parentId !== undefined) {
        if (input.parentId) {
          await this.parentIn(m, dept.companyId, input.parentId);
          // ORG-R28: one line of command, no cycles: the new parent may not sit below the department.
          let cursor: string | null = input.parentId;
          while (cursor) {
            if (cursor === dept.id) throw errors.departmentCycle();
            cursor = (await m.findOneBy(Department, { id: cursor }))?.parentId ?? null;
          }
        }
        changes.parentId = input.parentId ?? null;
      }
      if (input.name) changes.name = input.name.trim();
      if (input.kind) changes.kind = input.kind;
      const updated = await updateWithVersion(m, Department, dept.id, input.expectedVersion, changes);
      await recordChange(m, viewer, now, {
        companyId: dept.companyId,
        entityType: 'Department',
        entityId: dept.id,
        action: 'DEPARTMENT_RESTRUCTURED',
        summary: `${dept.name} restructured by board resolution ${resolution.id}`,
      });
      return updated;
    });
  }

  /** The company board's adopted resolution on the matter, naming this department and no other. */
  private async approval(m: EntityManager, companyId: string, resolutionId: string, matter: GovernanceMatter, departmentId: string, at: Date): Promise<Resolution> {
    const board = await m.findOneBy(GoverningBody, { companyId, type: GoverningBodyType.BOARD_OF_DIRECTORS });
    if (!board) throw commonErrors.boardMissingForChange(matter);
    return citeResolution(m, resolutionId, { body: board, matter, subjectType: 'Department', subjectId: departmentId, refusal: governanceErrors.boardApprovalRequired }, at);
  }

  private async parentIn(m: EntityManager, companyId: string, parentId: string) {
    const parent = await m.findOneBy(Department, { id: parentId });
    if (!parent) throw notFound('Department', parentId);
    if (parent.companyId !== companyId) throw errors.parentOtherCompany();
  }
}
