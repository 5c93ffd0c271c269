import { DataSource, EntityTarget, In } from 'typeorm';
import { badInput, Clock, conflict, idempotentCreate, idempotentWrite, inTransaction, lockForUpdate, newId, notFound, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Company, CompanyKind } from '../companies/company.entity';
import { Department } from '../departments/department.entity';
import { Employee, EmployeeStatus } from '../employees/employee.entity';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { Meeting, MeetingStatus } from '../meetings/meeting.entity';
import { GovernanceMatter } from '../governance/authority';
import { citeResolution } from '../governance/resolution-use';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { PolicyDocument } from '../policies/policy.entity';
import { PERIOD_PATTERN } from '../common/period';
import { Duty, DutyHolderKind, DUTY_ROLES, ItLiaison, LiaisonEngagement, PerformanceEvaluation, PerformanceRating } from './duty.entity';
import { dutyErrors as errors } from './duty.errors';

export interface SetDuties {
  holderKind: DutyHolderKind;
  holderId: string;
  /** The holder's (department's or body's) version: the duty list is part of it. */
  expectedVersion: number;
  duties: { text: string; textEn?: string | null }[];
  sourceDocumentId?: string | null;
  /** Department duties: the passed board resolution on DEPARTMENT_SETUP that determined them (ORG-R06). */
  resolutionId?: string | null;
}

/** One holder's part of a duty catalogue. */
export interface DutyCatalogueSection {
  holderKind: DutyHolderKind;
  holderId: string;
  holderName: string;
  duties: Duty[];
}

const KIND_ORDER = [DutyHolderKind.GOVERNING_BODY, DutyHolderKind.DEPARTMENT, DutyHolderKind.ROLE];
const ROLE_ORDER = Object.keys(DUTY_ROLES);

export interface NewEvaluation {
  meetingId: string;
  evaluatedBodyId: string;
  period: string;
  rating: PerformanceRating;
  comment: string;
  idempotencyKey?: string | null;
}

/**
 * Duty catalogues (domain.md Responsibility, ORG-R06, ORG-R40; G-35 reference data), IT liaisons
 * (ORG-R41, report ORG-M11) and the shareholders' meeting's performance evaluations of the board
 * and the supervisors (ORG-R18, report ORG-M12). Writes GROUP_EXECUTIVE only, logged.
 */
export class DutyService {
  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Duties of holders already resolved through a (scoped) path, in catalogue order. */
  dutiesOf(kind: DutyHolderKind, holderIds: readonly string[]): Promise<Duty[]> {
    return this.ds.getRepository(Duty).find({ where: { holderKind: kind, holderId: In([...holderIds]) }, order: { ordinal: 'ASC' } });
  }

  liaisonsOf(departmentIds: readonly string[]): Promise<ItLiaison[]> {
    return this.ds.getRepository(ItLiaison).findBy({ departmentId: In([...departmentIds]) });
  }

  /**
   * The duty catalogue a policy document lays down (ORG-R40: the IT management policy's 27 rows),
   * holder by holder in source order: the deciding body, the functional department, then the units and
   * roles it names by kind. Null when the document's company is not readable.
   */
  async catalogue(viewer: Viewer, sourceDocumentId: string): Promise<DutyCatalogueSection[] | null> {
    const doc = await this.ds.getRepository(PolicyDocument).findOneBy({ id: sourceDocumentId });
    if (!doc || (await this.governance.visibleCompanyIds(viewer, [doc.companyId])).length === 0) return null;
    const duties = await this.ds.getRepository(Duty).find({ where: { sourceDocumentId }, order: { ordinal: 'ASC' } });
    const sections = new Map<string, DutyCatalogueSection>();
    for (const d of duties) {
      const key = `${d.holderKind}:${d.holderId}`;
      if (!sections.has(key)) sections.set(key, { holderKind: d.holderKind, holderId: d.holderId, holderName: DUTY_ROLES[d.holderId] ?? d.holderId, duties: [] });
      sections.get(key)!.duties.push(d);
    }
    const ids = (kind: DutyHolderKind) => [...sections.values()].filter((x) => x.holderKind === kind).map((x) => x.holderId);
    const names = new Map<string, string>([
      ...(await this.ds.getRepository(GoverningBody).findBy({ id: In(ids(DutyHolderKind.GOVERNING_BODY)) })).map((b) => [b.id, b.label] as [string, string]),
      ...(await this.ds.getRepository(Department).findBy({ id: In(ids(DutyHolderKind.DEPARTMENT)) })).map((x) => [x.id, x.name] as [string, string]),
    ]);
    const rank = (x: DutyCatalogueSection) => KIND_ORDER.indexOf(x.holderKind) * 100 + (x.holderKind === DutyHolderKind.ROLE ? ROLE_ORDER.indexOf(x.holderId) : 0);
    return [...sections.values()]
      .map((x) => ({ ...x, holderName: names.get(x.holderId) ?? x.holderName }))
      .sort((a, b) => rank(a) - rank(b) || a.holderId.localeCompare(b.holderId));
  }

  /** Replaces the duty list of a department or governing body (the holder's version guards it). */
  async setDuties(viewer: Viewer, input: SetDuties): Promise<Duty[]> {
    assertMayChangeGovernance(viewer);
    if (input.holderKind === DutyHolderKind.ROLE) throw errors.roleDutiesAreReferenceData();
    if (input.duties.some((d) => !d.text.trim())) throw errors.dutyTextRequired();
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const entity = input.holderKind === DutyHolderKind.DEPARTMENT ? Department : GoverningBody;
      const holder = await m.findOneBy(entity, { id: input.holderId });
      if (!holder) throw notFound(entity.name, input.holderId);
      const companyId = holder.companyId;
      if (input.sourceDocumentId) {
        const doc = await m.findOneBy(PolicyDocument, { id: input.sourceDocumentId });
        const docCompany = doc ? await m.findOneBy(Company, { id: doc.companyId }) : null;
        if (!doc || (doc.companyId !== companyId && docCompany?.kind !== CompanyKind.GROUP)) throw errors.sourceDocumentInvalid();
      }
      await updateWithVersion(m, entity, input.holderId, input.expectedVersion, { updatedAt: now });
      let resolutionId: string | null = null;
      if (input.holderKind === DutyHolderKind.DEPARTMENT) {
        // ORG-R06: a functional department's duties are determined by the board: its resolution names this duty list, once.
        const board = await m.findOneBy(GoverningBody, { companyId, type: GoverningBodyType.BOARD_OF_DIRECTORS });
        if (!board) throw conflict('BOARD_APPROVAL_REQUIRED', "The company has no board of directors to determine a department's duties");
        resolutionId = (
          await citeResolution(
            m,
            input.resolutionId,
            { body: board, matter: GovernanceMatter.DEPARTMENT_SETUP, subjectType: 'DepartmentDuties', subjectId: input.holderId, reason: 'BOARD_APPROVAL_REQUIRED' },
            now,
          )
        ).id;
      }
      await m.delete(Duty, { holderKind: input.holderKind, holderId: input.holderId });
      const rows = input.duties.map((d, i) =>
        m.create(Duty, {
          id: newId(),
          companyId,
          holderKind: input.holderKind,
          holderId: input.holderId,
          ordinal: i + 1,
          text: d.text.trim(),
          textEn: d.textEn?.trim() || null,
          sourceDocumentId: input.sourceDocumentId ?? null,
          resolutionId,
        }),
      );
      if (rows.length) await m.insert(Duty, rows);
      await recordChange(m, viewer, now, {
        companyId,
        entityType: input.holderKind === DutyHolderKind.DEPARTMENT ? 'Department' : 'GoverningBody',
        entityId: input.holderId,
        action: 'DUTIES_SET',
        summary: `${rows.length} duties`,
      });
      return rows;
    });
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
      (id) => this.visible(viewer, ItLiaison, id),
    );
  }

  /** One row of a company-scoped table, if the viewer may read its company (the re-read of an idempotent create). */
  private async visible<T extends { id: string; companyId: string }>(viewer: Viewer, entity: EntityTarget<T>, id: string): Promise<T | null> {
    const row = await this.ds.getRepository(entity).findOneBy({ id } as never);
    return row && (await this.governance.visibleCompanyIds(viewer, [row.companyId])).length ? row : null;
  }

  /** ORG-M11: departments of a company with an IT liaison, out of all (two statements). */
  async liaisonCoverage(viewer: Viewer, companyId: string): Promise<{ departments: number; covered: number; uncoveredIds: string[] } | null> {
    if ((await this.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return null;
    const depts = await this.ds.getRepository(Department).find({ where: { companyId }, select: { id: true, code: true }, order: { code: 'ASC' } });
    const covered = new Set((await this.ds.getRepository(ItLiaison).find({ where: { companyId }, select: { departmentId: true } })).map((l) => l.departmentId));
    return { departments: depts.length, covered: depts.filter((d) => covered.has(d.id)).length, uncoveredIds: depts.filter((d) => !covered.has(d.id)).map((d) => d.id) };
  }

  /** The shareholders' meeting evaluates the board's or the supervisors' performance, at a held, quorate meeting (ORG-R18). */
  async evaluate(viewer: Viewer, input: NewEvaluation): Promise<PerformanceEvaluation> {
    assertMayChangeGovernance(viewer);
    const period = input.period.trim();
    if (!PERIOD_PATTERN.test(period)) throw badInput('PERIOD_INVALID', 'A period is a year (2025), a half (2025-H1), a quarter (2025-Q3) or a month (2025-07)');
    if (!input.comment.trim()) throw errors.commentRequired();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'evaluateBodyPerformance',
      input.idempotencyKey,
      input,
      async (m, id) => {
        // One evaluation of a body per meeting: the meeting is locked before the check.
        const meeting = await lockForUpdate(m, Meeting, { id: input.meetingId });
        if (!meeting) throw notFound('Meeting', input.meetingId);
        const shm = await m.findOneBy(GoverningBody, { id: meeting.bodyId });
        if (shm?.type !== GoverningBodyType.SHAREHOLDERS_MEETING) throw errors.notShareholdersMeeting();
        if (meeting.status !== MeetingStatus.HELD || !meeting.quorumMet) throw errors.meetingNotQuorate();
        const body = await m.findOneBy(GoverningBody, { id: input.evaluatedBodyId });
        if (!body || body.companyId !== shm.companyId || ![GoverningBodyType.BOARD_OF_DIRECTORS, GoverningBodyType.BOARD_OF_SUPERVISORS].includes(body.type)) {
          throw errors.evaluatedBodyInvalid();
        }
        if (await m.findOneBy(PerformanceEvaluation, { meetingId: meeting.id, evaluatedBodyId: body.id })) throw errors.alreadyEvaluated(body.label);
        const row = m.create(PerformanceEvaluation, {
          id,
          companyId: shm.companyId,
          meetingId: meeting.id,
          evaluatedBodyId: body.id,
          period,
          rating: input.rating,
          comment: input.comment.trim(),
          recordedAt: now,
        });
        await m.insert(PerformanceEvaluation, row);
        await recordChange(m, viewer, now, {
          companyId: shm.companyId,
          entityType: 'PerformanceEvaluation',
          entityId: row.id,
          action: 'PERFORMANCE_EVALUATED',
          summary: `${body.label} ${period}: ${input.rating}`,
        });
        return row;
      },
      (id) => this.visible(viewer, PerformanceEvaluation, id),
      newId,
    );
  }

  /** ORG-M12: evaluations recorded by a company's shareholders' meeting, latest period first. */
  async evaluations(viewer: Viewer, companyId: string): Promise<PerformanceEvaluation[] | null> {
    if ((await this.governance.visibleCompanyIds(viewer, [companyId])).length === 0) return null;
    return this.ds.getRepository(PerformanceEvaluation).find({ where: { companyId }, order: { period: 'DESC', recordedAt: 'DESC', id: 'ASC' } });
  }
}
