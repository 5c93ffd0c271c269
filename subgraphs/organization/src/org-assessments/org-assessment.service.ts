import { DataSource, EntityManager, In, Repository } from 'typeorm';
import {
  Clock,
  ConnectionShape,
  idempotentCreate,
  idempotentWrite,
  inTransaction,
  newId,
  notFound,
  PageArgs,
  paginate,
  systemClock,
  updateWithVersion,
  Viewer,
} from '@group/shared';
import { Company } from '../companies/company.entity';
import { Department } from '../departments/department.entity';
import { Employee } from '../employees/employee.entity';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { BodyMembership, MembershipStatus } from '../memberships/body-membership.entity';
import { GovernanceMatter } from '../governance/authority';
import { citeResolution } from '../governance/resolution-use';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { OrgAssessment, OrgAssessmentFinding, OrgAssessmentOpinion, OrgAssessmentState, OrgFindingKind, StakeholderGroup } from './org-assessment.entity';
import { firstOrNull } from '../common/idempotency-key';
import { orgAssessmentErrors as errors } from './org-assessment.errors';
import { commonErrors } from '../common/common.errors';
import { governanceErrors } from '../governance/governance.errors';

const S = OrgAssessmentState;

/** The body whose active members speak for a stakeholder group (EMPLOYEE: any active employee of the company). */
const GROUP_BODY: Partial<Record<StakeholderGroup, GoverningBodyType>> = {
  [StakeholderGroup.DIRECTOR]: GoverningBodyType.BOARD_OF_DIRECTORS,
  [StakeholderGroup.SUPERVISOR]: GoverningBodyType.BOARD_OF_SUPERVISORS,
  [StakeholderGroup.SENIOR_MANAGER]: GoverningBodyType.MANAGEMENT_LAYER,
};

/**
 * WF-ORG-4, organisational assessment and restructuring (ORG-R10/R11, flow A6): an irregular
 * assessment records findings (overlap / missing / unclear functions), a proposal is drafted,
 * opinions of directors, supervisors, senior managers and other employees are heard — at least one
 * of each group before it goes to the board (the proposed reading of 充分听取) — and the board
 * approves by a passed ORG_RESTRUCTURING resolution, or rejects; approved proposals are implemented.
 * Each step checks the state (CONFLICT / ASSESSMENT_STATE) and the client's version.
 */
export class OrgAssessmentService {
  private readonly assessments: Repository<OrgAssessment>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {
    this.assessments = ds.getRepository(OrgAssessment);
  }

  async byIds(viewer: Viewer, ids: readonly string[]): Promise<OrgAssessment[]> {
    const rows = await this.assessments.findBy({ id: In([...ids]) });
    const ok = new Set(await this.governance.visibleCompanyIds(viewer, [...new Set(rows.map((r) => r.companyId))]));
    return rows.filter((r) => ok.has(r.companyId));
  }

  async list(viewer: Viewer, filter: { companyId?: string | null; state?: OrgAssessmentState | null }, page: PageArgs): Promise<ConnectionShape<OrgAssessment>> {
    const qb = await this.governance.scope(viewer, this.assessments.createQueryBuilder('a'), 'a', filter.companyId);
    if (filter.state) qb.andWhere('a.state = :state', { state: filter.state });
    return paginate(qb, page, { property: 'openedAt', direction: 'DESC' });
  }

  /** Children of assessments already resolved through a scoped path. */
  findingsOf(ids: readonly string[]) {
    return this.ds.getRepository(OrgAssessmentFinding).find({ where: { assessmentId: In([...ids]) }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  opinionsOf(ids: readonly string[]) {
    return this.ds.getRepository(OrgAssessmentOpinion).find({ where: { assessmentId: In([...ids]) }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  async open(viewer: Viewer, companyId: string, scope: string, idempotencyKey?: string | null): Promise<OrgAssessment> {
    assertMayChangeGovernance(viewer);
    if (!scope.trim() || scope.trim().length > 300) throw errors.scopeInvalid();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'openOrgAssessment',
      idempotencyKey,
      { companyId, scope },
      async (m, id) => {
        if (!(await m.findOneBy(Company, { id: companyId }))) throw notFound('Company', companyId);
        const row = m.create(OrgAssessment, {
          id,
          companyId,
          scope: scope.trim(),
          state: S.OPENED,
          proposal: null,
          boardResolutionId: null,
          openedAt: now,
          decidedAt: null,
          implementedAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(OrgAssessment, row);
        await recordChange(m, viewer, now, { companyId, entityType: 'OrgAssessment', entityId: row.id, action: 'ASSESSMENT_OPENED', summary: row.scope });
        return row;
      },
      async (id) => firstOrNull(await this.byIds(viewer, [id])),
      newId,
    );
  }

  /** Loads the assessment, checks the state and bumps its version (every step changes the aggregate). */
  private async step(m: EntityManager, id: string, allowed: OrgAssessmentState[]): Promise<OrgAssessment> {
    const row = await m.findOneBy(OrgAssessment, { id });
    if (!row) throw errors.orgAssessmentNotFound(id);
    if (!allowed.includes(row.state)) throw errors.assessmentState(row.state, allowed);
    return row;
  }

  async recordFinding(
    viewer: Viewer,
    id: string,
    expectedVersion: number,
    kind: OrgFindingKind,
    description: string,
    departmentId?: string | null,
    idempotencyKey?: string | null,
  ): Promise<OrgAssessment> {
    assertMayChangeGovernance(viewer);
    if (!description.trim()) throw commonErrors.findingDescriptionRequired();
    const now = this.clock();
    // The result is the assessment itself: a retry answers with it as it is now.
    const input = { id, expectedVersion, kind, description, departmentId };
    return idempotentWrite(
      this.ds,
      viewer,
      'recordOrgFinding',
      idempotencyKey,
      input,
      async (m, claim) => {
        await claim(id);
        const row = await this.step(m, id, [S.OPENED, S.FINDINGS_RECORDED]);
        if (departmentId) {
          const dept = await m.findOneBy(Department, { id: departmentId });
          if (!dept || dept.companyId !== row.companyId) throw errors.departmentNotOfCompany();
        }
        await m.insert(OrgAssessmentFinding, {
          id: newId(),
          assessmentId: id,
          companyId: row.companyId,
          kind,
          departmentId: departmentId ?? null,
          description: description.trim(),
          recordedAt: now,
        });
        const updated = await updateWithVersion(m, OrgAssessment, id, expectedVersion, { state: S.FINDINGS_RECORDED, updatedAt: now });
        await recordChange(m, viewer, now, {
          companyId: row.companyId,
          entityType: 'OrgAssessment',
          entityId: id,
          action: 'FINDING_RECORDED',
          summary: `${kind}: ${description.trim().slice(0, 200)}`,
        });
        return updated;
      },
      async (aid) => firstOrNull(await this.byIds(viewer, [aid])),
    );
  }

  async draftProposal(viewer: Viewer, id: string, expectedVersion: number, proposal: string): Promise<OrgAssessment> {
    assertMayChangeGovernance(viewer);
    if (!proposal.trim() || proposal.length > 20000) throw errors.proposalInvalid();
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await this.step(m, id, [S.FINDINGS_RECORDED]);
      const updated = await updateWithVersion(m, OrgAssessment, id, expectedVersion, { state: S.PROPOSAL_DRAFTED, proposal: proposal.trim(), updatedAt: now });
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'OrgAssessment',
        entityId: id,
        action: 'PROPOSAL_DRAFTED',
        summary: proposal.trim().slice(0, 200),
      });
      return updated;
    });
  }

  /** Hears one opinion; the speaker must belong to the group (an active member of the company's body, or an active employee). */
  async recordOpinion(
    viewer: Viewer,
    id: string,
    expectedVersion: number,
    group: StakeholderGroup,
    employeeId: string,
    opinion: string,
    idempotencyKey?: string | null,
  ): Promise<OrgAssessment> {
    assertMayChangeGovernance(viewer);
    if (!opinion.trim()) throw errors.opinionRequired();
    const now = this.clock();
    const input = { id, expectedVersion, group, employeeId, opinion };
    return idempotentWrite(
      this.ds,
      viewer,
      'recordStakeholderOpinion',
      idempotencyKey,
      input,
      async (m, claim) => {
        await claim(id);
        const row = await this.step(m, id, [S.PROPOSAL_DRAFTED, S.OPINIONS_COLLECTED]);
        if (!(await this.belongsTo(m, row.companyId, group, employeeId))) {
          throw errors.notInStakeholderGroup(group);
        }
        await m.insert(OrgAssessmentOpinion, { id: newId(), assessmentId: id, stakeholderGroup: group, employeeId, opinion: opinion.trim(), recordedAt: now });
        const missing = await this.missingGroups(m, id);
        const updated = await updateWithVersion(m, OrgAssessment, id, expectedVersion, { state: missing.length ? S.PROPOSAL_DRAFTED : S.OPINIONS_COLLECTED, updatedAt: now });
        await recordChange(m, viewer, now, { companyId: row.companyId, entityType: 'OrgAssessment', entityId: id, action: 'OPINION_HEARD', summary: `${group} opinion heard` });
        return updated;
      },
      async (aid) => firstOrNull(await this.byIds(viewer, [aid])),
    );
  }

  private async belongsTo(m: EntityManager, companyId: string, group: StakeholderGroup, employeeId: string): Promise<boolean> {
    const bodyType = GROUP_BODY[group];
    if (!bodyType) {
      const e = await m.findOneBy(Employee, { id: employeeId });
      return !!e && e.companyId === companyId;
    }
    const n = await m
      .createQueryBuilder(BodyMembership, 'ms')
      .innerJoin(GoverningBody, 'b', 'b.id = ms.bodyId')
      .where('ms.companyId = :companyId AND ms.employeeId = :employeeId AND ms.status = :active AND b.type = :type', {
        companyId,
        employeeId,
        active: MembershipStatus.ACTIVE,
        type: bodyType,
      })
      .getCount();
    return n > 0;
  }

  private async missingGroups(m: EntityManager, id: string): Promise<StakeholderGroup[]> {
    const heard = new Set((await m.find(OrgAssessmentOpinion, { where: { assessmentId: id }, select: { stakeholderGroup: true } })).map((o) => o.stakeholderGroup));
    return Object.values(StakeholderGroup).filter((g) => !heard.has(g));
  }

  /** ORG-R11 guard: every stakeholder group heard before the proposal goes to the board. */
  async submitToBoard(viewer: Viewer, id: string, expectedVersion: number): Promise<OrgAssessment> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await this.step(m, id, [S.PROPOSAL_DRAFTED, S.OPINIONS_COLLECTED]);
      const missing = await this.missingGroups(m, id);
      if (missing.length) throw errors.opinionsMissing(missing);
      const updated = await updateWithVersion(m, OrgAssessment, id, expectedVersion, { state: S.SUBMITTED_TO_BOARD, updatedAt: now });
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'OrgAssessment',
        entityId: id,
        action: 'SUBMITTED_TO_BOARD',
        summary: 'Proposal submitted to the board',
      });
      return updated;
    });
  }

  /**
   * The board decides (flow A6): approval names the passed ORG_RESTRUCTURING resolution of the
   * company's board of directors; a rejection needs none.
   */
  async decide(viewer: Viewer, id: string, expectedVersion: number, approve: boolean, resolutionId: string | null): Promise<OrgAssessment> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await this.step(m, id, [S.SUBMITTED_TO_BOARD]);
      const updated = await updateWithVersion(m, OrgAssessment, id, expectedVersion, {
        state: approve ? S.BOARD_APPROVED : S.BOARD_REJECTED,
        boardResolutionId: approve ? resolutionId : null,
        decidedAt: now,
        updatedAt: now,
      });
      if (approve) {
        // ORG-R11: the company board's adopted ORG_RESTRUCTURING resolution, naming this assessment (once).
        const board = await m.findOneBy(GoverningBody, { companyId: row.companyId, type: GoverningBodyType.BOARD_OF_DIRECTORS });
        if (!board) throw errors.boardResolutionRequired();
        await citeResolution(
          m,
          resolutionId,
          { body: board, matter: GovernanceMatter.ORG_RESTRUCTURING, subjectType: 'OrgAssessment', subjectId: row.id, refusal: governanceErrors.boardResolutionRequired },
          now,
        );
      }
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'OrgAssessment',
        entityId: id,
        action: approve ? 'BOARD_APPROVED' : 'BOARD_REJECTED',
        summary: approve ? `Approved by resolution ${resolutionId}` : 'Rejected by the board',
      });
      return updated;
    });
  }

  async markImplemented(viewer: Viewer, id: string, expectedVersion: number): Promise<OrgAssessment> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await this.step(m, id, [S.BOARD_APPROVED]);
      const updated = await updateWithVersion(m, OrgAssessment, id, expectedVersion, { state: S.IMPLEMENTED, implementedAt: now, updatedAt: now });
      await recordChange(m, viewer, now, { companyId: row.companyId, entityType: 'OrgAssessment', entityId: id, action: 'IMPLEMENTED', summary: 'Restructuring implemented' });
      return updated;
    });
  }

  /** ORG-M6: findings per kind and how many belong to implemented restructurings (one statement). */
  async findingsReport(viewer: Viewer, companyId: string): Promise<{ kind: OrgFindingKind; total: number; resolved: number }[] | null> {
    if ((await this.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return null;
    const rows: { kind: OrgFindingKind; total: string | number; resolved: string | number }[] = await this.ds
      .getRepository(OrgAssessmentFinding)
      .createQueryBuilder('f')
      .innerJoin(OrgAssessment, 'a', 'a.id = f.assessmentId')
      .select('f.kind', 'kind')
      .addSelect('COUNT(*)', 'total')
      .addSelect(`SUM(CASE WHEN a.state = '${S.IMPLEMENTED}' THEN 1 ELSE 0 END)`, 'resolved')
      .where('f.companyId = :companyId', { companyId })
      .groupBy('f.kind')
      .getRawMany();
    const by = new Map(rows.map((r) => [r.kind, r]));
    return Object.values(OrgFindingKind).map((kind) => ({ kind, total: Number(by.get(kind)?.total ?? 0), resolved: Number(by.get(kind)?.resolved ?? 0) }));
  }
}
