import { DataSource, EntityManager, In, IsNull, Repository } from 'typeorm';
import { Clock, ConnectionShape, idempotentCreate, inTransaction, lockForUpdate, newId, notFound, PageArgs, paginate, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { Company } from '../companies/company.entity';
import { Employee, EmployeeStatus } from '../employees/employee.entity';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { GovernanceService } from '../governance/governance.service';
import { assertMayChangeGovernance, recordChange } from '../governance/governance-access';
import { PolicyDocument, PolicyDocumentType, PolicyVersion, PolicyVersionStatus } from './policy.entity';
import { firstOrNull } from '../common/idempotency-key';
import { DelegationService } from '../delegations/delegation.service';
import { assertMayApprove } from './approval-power';
import { policyErrors as errors } from './policy.errors';

export interface VersionFields {
  versionNumber: string;
  date: Date;
  changeRecord: string;
  content: string;
  isMajorChange: boolean;
}

export interface NewPolicyDocument {
  companyId: string;
  type: PolicyDocumentType;
  title: string;
  documentNumber?: string | null;
  isTrial?: boolean | null;
  ownerBodyId?: string | null;
  firstVersion: VersionFields;
  idempotencyKey?: string | null;
}

const OPEN = [PolicyVersionStatus.DRAFT, PolicyVersionStatus.PENDING_APPROVAL, PolicyVersionStatus.APPROVED];

/**
 * Policy documents under version control (domain.md §3.2, V-R1…V-R6). A
 * version moves DRAFT → PENDING_APPROVAL → APPROVED (signed by the
 * authorizer) → PUBLISHED → SUPERSEDED; only a draft can be edited; a
 * published version is immutable; publishing needs the approval.
 * Visibility: the documents of the companies the viewer may read, plus the
 * group's own (group-wide rules such as the CRM management policy apply to
 * every subsidiary).
 */
export class PolicyService {
  private readonly documents: Repository<PolicyDocument>;
  private readonly versions: Repository<PolicyVersion>;

  constructor(
    private readonly ds: DataSource,
    private readonly governance: GovernanceService,
    private readonly delegations: DelegationService,
    private readonly clock: Clock = systemClock,
  ) {
    this.documents = ds.getRepository(PolicyDocument);
    this.versions = ds.getRepository(PolicyVersion);
  }

  /** 'ALL' or the company ids whose documents the viewer may read. */
  async readableCompanies(viewer: Viewer): Promise<'ALL' | string[]> {
    const scope = await this.governance.readableCompanies(viewer);
    if (scope === 'ALL') return scope;
    const groups = await this.ds.getRepository(Company).find({ select: { id: true }, where: { parentId: IsNull() } });
    return [...new Set([...scope, ...groups.map((g) => g.id)])];
  }

  private async scoped<T extends { companyId: string }>(viewer: Viewer, rows: T[]): Promise<T[]> {
    if (rows.length === 0) return rows;
    const scope = await this.readableCompanies(viewer);
    return scope === 'ALL' ? rows : rows.filter((r) => scope.includes(r.companyId));
  }

  async byIds(viewer: Viewer, ids: readonly string[]) {
    return this.scoped(viewer, await this.documents.findBy({ id: In([...ids]) }));
  }

  async byOwnerBodyIds(viewer: Viewer, bodyIds: readonly string[]) {
    return this.scoped(viewer, await this.documents.find({ where: { ownerBodyId: In([...bodyIds]) }, order: { type: 'ASC', id: 'ASC' } }));
  }

  async versionsOf(viewer: Viewer, documentIds: readonly string[]) {
    return this.scoped(viewer, await this.versions.find({ where: { documentId: In([...documentIds]) }, order: { date: 'DESC', id: 'ASC' } }));
  }

  async versionsByIds(viewer: Viewer, ids: readonly string[]) {
    return this.scoped(viewer, await this.versions.findBy({ id: In([...ids]) }));
  }

  async list(viewer: Viewer, filter: { companyId?: string | null; type?: PolicyDocumentType | null }, page: PageArgs): Promise<ConnectionShape<PolicyDocument>> {
    const scope = await this.readableCompanies(viewer);
    const qb = this.documents.createQueryBuilder('d');
    if (scope !== 'ALL') qb.andWhere('d.companyId IN (:...scope)', { scope: scope.length ? scope : ['-'] });
    if (filter.companyId) qb.andWhere('d.companyId = :companyId', { companyId: filter.companyId });
    if (filter.type) qb.andWhere('d.type = :type', { type: filter.type });
    return paginate(qb, page, { property: 'title', direction: 'ASC' });
  }

  async create(viewer: Viewer, input: NewPolicyDocument): Promise<PolicyDocument> {
    assertMayChangeGovernance(viewer);
    this.checkFields(input.firstVersion);
    // ORG-R38 / V-R3 [D]: a standard carries its number (编号) beside its version, publish and effective dates.
    if (input.type === PolicyDocumentType.SAFETY_ORGANISATION_STANDARD && !input.documentNumber?.trim()) {
      throw errors.documentNumberRequired();
    }
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'createPolicyDocument',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const company = await m.findOneBy(Company, { id: input.companyId });
        if (!company) throw notFound('Company', input.companyId);
        if (input.ownerBodyId) {
          const body = await m.findOneBy(GoverningBody, { id: input.ownerBodyId });
          if (!body) throw notFound('GoverningBody', input.ownerBodyId);
          if (body.companyId !== company.id) throw errors.ownerBodyOtherCompany();
        }
        const doc = m.create(PolicyDocument, {
          id,
          companyId: company.id,
          type: input.type,
          title: input.title.trim(),
          documentNumber: input.documentNumber ?? null,
          isTrial: input.isTrial ?? false,
          ownerBodyId: input.ownerBodyId ?? null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(PolicyDocument, doc);
        await this.insertDraft(m, doc, input.firstVersion, null, now);
        await recordChange(m, viewer, now, {
          companyId: company.id,
          entityType: 'PolicyDocument',
          entityId: doc.id,
          action: 'DOCUMENT_CREATED',
          summary: `${input.type} 《${doc.title}》 drafted as version ${input.firstVersion.versionNumber}`,
        });
        return doc;
      },
      async (id) => firstOrNull(await this.byIds(viewer, [id])),
      newId,
    );
  }

  /** Starts the next version of a document (one open version at a time). */
  async draftVersion(viewer: Viewer, documentId: string, fields: VersionFields, idempotencyKey?: string | null): Promise<PolicyVersion> {
    assertMayChangeGovernance(viewer);
    this.checkFields(fields);
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'draftPolicyVersion',
      idempotencyKey,
      { documentId, fields },
      async (m, id) => {
        // The document owns its versions: one draft is started at a time.
        const doc = await lockForUpdate(m, PolicyDocument, { id: documentId });
        if (!doc) throw errors.policyDocumentNotFound(documentId);
        const open = await m.countBy(PolicyVersion, { documentId, status: In(OPEN) });
        if (open > 0) throw errors.openVersionExists();
        const current = await m.findOneBy(PolicyVersion, { documentId, status: PolicyVersionStatus.PUBLISHED });
        const row = await this.insertDraft(m, doc, fields, current?.id ?? null, now, id);
        await recordChange(m, viewer, now, {
          companyId: doc.companyId,
          entityType: 'PolicyVersion',
          entityId: row.id,
          action: 'VERSION_DRAFTED',
          summary: `《${doc.title}》 version ${fields.versionNumber} drafted`,
        });
        return row;
      },
      async (id) => firstOrNull(await this.versionsByIds(viewer, [id])),
      newId,
    );
  }

  /** Edits a draft; anything past DRAFT is refused (a published version is immutable, V-R5). */
  async editDraft(viewer: Viewer, id: string, expectedVersion: number, fields: Partial<VersionFields>): Promise<PolicyVersion> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await this.versionFor(m, id);
      if (row.status === PolicyVersionStatus.PUBLISHED || row.status === PolicyVersionStatus.SUPERSEDED) {
        throw errors.versionImmutable(row.versionNumber, row.status);
      }
      if (row.status !== PolicyVersionStatus.DRAFT) throw errors.versionNotDraft(row.versionNumber, row.status);
      const changes: Partial<PolicyVersion> = { updatedAt: now };
      for (const k of ['versionNumber', 'date', 'changeRecord', 'content', 'isMajorChange'] as const)
        if (fields[k] !== undefined && fields[k] !== null) (changes as Record<string, unknown>)[k] = fields[k];
      this.checkFields({ ...row, ...changes });
      if (
        changes.versionNumber &&
        changes.versionNumber !== row.versionNumber &&
        (await m.countBy(PolicyVersion, { documentId: row.documentId, versionNumber: changes.versionNumber })) > 0
      ) {
        throw errors.versionExists(changes.versionNumber);
      }
      const updated = await updateWithVersion(m, PolicyVersion, id, expectedVersion, changes);
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'PolicyVersion',
        entityId: id,
        action: 'DRAFT_EDITED',
        summary: `Draft ${updated.versionNumber} edited`,
      });
      return updated;
    });
  }

  async submit(viewer: Viewer, id: string, expectedVersion: number): Promise<PolicyVersion> {
    return this.transition(viewer, id, expectedVersion, PolicyVersionStatus.DRAFT, PolicyVersionStatus.PENDING_APPROVAL, 'SUBMITTED', {});
  }

  /**
   * The approver signs (授权人); the version is then APPROVED and may be
   * published. The authorizer is the signed-in person (their account's
   * employee), never someone named by the caller, and must hold the power to
   * approve the document (approval-power.ts).
   */
  async approve(viewer: Viewer, id: string, expectedVersion: number, authorizerEmployeeId?: string | null): Promise<PolicyVersion> {
    const self = viewer.employeeId;
    if (!self) throw errors.authorizerNotEmployee();
    if (authorizerEmployeeId && authorizerEmployeeId !== self) throw errors.authorizerNotSelf();
    const now = this.clock();
    return this.transition(
      viewer,
      id,
      expectedVersion,
      PolicyVersionStatus.PENDING_APPROVAL,
      PolicyVersionStatus.APPROVED,
      'APPROVED',
      { authorizerEmployeeId: self, approvedAt: now },
      async (m, row) => {
        const e = await m.findOneBy(Employee, { id: self });
        if (!e) throw notFound('Employee', self);
        if (e.status !== EmployeeStatus.ACTIVE) throw errors.authorizerNotActive(e.name);
        const doc = await m.findOneByOrFail(PolicyDocument, { id: row.documentId });
        await assertMayApprove(m, this.delegations, doc, self, now);
      },
    );
  }

  async reject(viewer: Viewer, id: string, expectedVersion: number): Promise<PolicyVersion> {
    return this.transition(viewer, id, expectedVersion, PolicyVersionStatus.PENDING_APPROVAL, PolicyVersionStatus.DRAFT, 'REJECTED', {});
  }

  /** Publishes an approved version; the previously published one is superseded (one transaction). */
  async publish(viewer: Viewer, id: string, expectedVersion: number, effectiveFrom?: Date | null): Promise<PolicyVersion> {
    const now = this.clock();
    return this.transition(
      viewer,
      id,
      expectedVersion,
      PolicyVersionStatus.APPROVED,
      PolicyVersionStatus.PUBLISHED,
      'PUBLISHED',
      { publishedAt: now, effectiveFrom: effectiveFrom ?? now },
      async (m, row) => {
        // One published version per document.
        await lockForUpdate(m, PolicyDocument, { id: row.documentId });
        const current = await m.find(PolicyVersion, { where: { documentId: row.documentId, status: PolicyVersionStatus.PUBLISHED } });
        for (const c of current) await updateWithVersion(m, PolicyVersion, c.id, c.version, { status: PolicyVersionStatus.SUPERSEDED, updatedAt: now });
      },
    );
  }

  private async transition(
    viewer: Viewer,
    id: string,
    expectedVersion: number,
    from: PolicyVersionStatus,
    to: PolicyVersionStatus,
    action: string,
    extra: Partial<PolicyVersion>,
    guard?: (m: EntityManager, row: PolicyVersion) => Promise<void>,
  ): Promise<PolicyVersion> {
    assertMayChangeGovernance(viewer);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const row = await this.versionFor(m, id);
      if (row.status !== from) {
        if (to === PolicyVersionStatus.PUBLISHED) throw errors.publishNeedsApproval(row.versionNumber, row.status);
        throw errors.invalidVersionTransition(row.versionNumber, row.status, from);
      }
      await guard?.(m, row);
      const updated = await updateWithVersion(m, PolicyVersion, id, expectedVersion, { ...extra, status: to, updatedAt: now });
      await recordChange(m, viewer, now, {
        companyId: row.companyId,
        entityType: 'PolicyVersion',
        entityId: id,
        action: `VERSION_${action}`,
        summary: `Version ${row.versionNumber}: ${from} → ${to}`,
      });
      return updated;
    });
  }

  /** The version to change, locked (a locking read: the document can still be locked after it and read current). */
  private async versionFor(m: EntityManager, id: string) {
    const row = await lockForUpdate(m, PolicyVersion, { id });
    if (!row) throw errors.policyVersionNotFound(id);
    return row;
  }

  /** V-R1/V-R2: a version carries a date, a version label and a change record. */
  private checkFields(f: VersionFields) {
    if (!f.versionNumber?.trim()) throw errors.versionLabelRequired();
    if (!f.changeRecord?.trim()) throw errors.changeRecordRequired();
    if (!(f.date instanceof Date) || Number.isNaN(f.date.getTime())) throw errors.versionDateRequired();
  }

  private async insertDraft(m: EntityManager, doc: PolicyDocument, f: VersionFields, predecessorId: string | null, now: Date, id = newId()): Promise<PolicyVersion> {
    if ((await m.countBy(PolicyVersion, { documentId: doc.id, versionNumber: f.versionNumber })) > 0) throw errors.versionExists(f.versionNumber);
    const row = m.create(PolicyVersion, {
      id,
      documentId: doc.id,
      companyId: doc.companyId,
      versionNumber: f.versionNumber.trim(),
      date: f.date,
      changeRecord: f.changeRecord,
      content: f.content,
      isMajorChange: f.isMajorChange,
      status: PolicyVersionStatus.DRAFT,
      authorizerEmployeeId: null,
      approvedAt: null,
      publishedAt: null,
      effectiveFrom: null,
      predecessorId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await m.insert(PolicyVersion, row);
    return row;
  }
}
