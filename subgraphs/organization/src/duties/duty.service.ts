import { DataSource, In } from 'typeorm';
import { Clock, inTransaction, newId, notFound, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Company, CompanyKind } from '../companies/company.entity';
import { Department } from '../departments/department.entity';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { GovernanceMatter } from '../governance/authority';
import { citeResolution } from '../governance/resolution-use';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { PolicyDocument } from '../policies/policy.entity';
import { Duty, DutyHolderKind, DUTY_ROLES } from './duty.entity';
import { dutyErrors as errors } from './duty.errors';
import { commonErrors } from '../common/common.errors';
import { governanceErrors } from '../governance/governance.errors';

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

/**
 * Duty catalogues (domain.md Responsibility, ORG-R06, ORG-R40; G-35 reference data): the duties of
 * departments and governing bodies, and the IT duty catalogue of D12. Writes GROUP_EXECUTIVE only, logged.
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
        if (!board) throw commonErrors.boardMissingForDuties();
        resolutionId = (
          await citeResolution(
            m,
            input.resolutionId,
            { body: board, matter: GovernanceMatter.DEPARTMENT_SETUP, subjectType: 'DepartmentDuties', subjectId: input.holderId, refusal: governanceErrors.boardApprovalRequired },
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
}
