import { DataSource } from 'typeorm';
import { Clock, inTransaction, newId, PageArgs, paginateByParent, SortSpec, systemClock, updateWithVersion, Viewer, idempotentCreate, scopeTo, staleVersion } from '@group/shared';
import { Complaint, ComplaintRiskLevel, ComplaintStatus, ResponseTier } from './complaint.entity';
import { ComplaintEvent, ComplaintEventKind } from './complaint-event.entity';
import { CompensationKind, ComplaintCompensation } from './complaint-compensation.entity';
import { assertCanHandleComplaint, byComplaintVisibility } from '../scope';
import { complaintErrors as errors } from './complaint.errors';

export interface RiskUpdate {
  id: string;
  expectedVersion: number;
  riskLevel: ComplaintRiskLevel;
  legalCase: boolean;
  /** Required when legalCase turns true: the legal department (organization Department) taking the case. */
  legalDepartmentId?: string | null;
  note?: string | null;
}

export interface NewCompensation {
  complaintId: string;
  expectedVersion: number;
  kind: CompensationKind;
  /** Yuan, at most two decimals. */
  amount: number;
  description: string;
  idempotencyKey?: string | null;
}

/**
 * Complaint-risk prevention (domain.md G-08, CS-R04): risk level, legal-case
 * flag with escalation to the legal function, compensation records. Every
 * change bumps the complaint version (expectedVersion, so concurrent changes
 * are refused, not lost) and writes a timeline event, in one transaction.
 */
export class ComplaintRiskService {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
  ) {}

  /**
   * Sets the risk level and the legal-case flag. Flagging a legal case
   * requires the legal department, records when it was escalated there, and
   * raises the complaint to the group-centre level (CS-R04: lawsuits are the
   * centre's business). Clearing the flag keeps the history in the timeline.
   */
  async updateRisk(viewer: Viewer, input: RiskUpdate): Promise<Complaint> {
    if (!Object.values(ComplaintRiskLevel).includes(input.riskLevel)) throw errors.riskLevelInvalid(input.riskLevel);
    return inTransaction(this.ds, async (m) => {
      const c = await this.load(m, viewer, input.id, input.expectedVersion);
      const at = this.now();
      const toLegal = input.legalCase && !c.legalCase;
      if (toLegal && !input.legalDepartmentId) throw errors.legalDepartmentRequired();
      const changes: Partial<Complaint> = { riskLevel: input.riskLevel, legalCase: input.legalCase, updatedAt: at };
      // A legal case goes to the group centre at once, one level up (not along the chain of command: lawsuits are the centre's business).
      if (toLegal && c.responseTier !== ResponseTier.GROUP_CENTER)
        Object.assign(changes, { escalationLevel: c.escalationLevel + 1, responseTier: ResponseTier.GROUP_CENTER, responseDepartmentId: null });
      if (toLegal) Object.assign(changes, { legalDepartmentId: input.legalDepartmentId, legalEscalatedAt: at });
      const updated = await updateWithVersion(m, Complaint, c.id, input.expectedVersion, changes, 'Complaint');
      await m.insert(ComplaintEvent, {
        id: newId(),
        complaintId: c.id,
        seq: updated.version,
        kind: toLegal ? ComplaintEventKind.LEGAL_ESCALATED : ComplaintEventKind.RISK_UPDATED,
        action: null,
        fromStatus: c.status,
        toStatus: c.status,
        fromLevel: toLegal ? c.escalationLevel : null,
        toLevel: toLegal ? updated.escalationLevel : null,
        actorAccountId: viewer.accountId,
        actorEmployeeId: viewer.employeeId,
        note: [`risk ${input.riskLevel}`, input.legalCase ? 'legal case' : null, input.note?.trim() || null].filter(Boolean).join('; '),
        at,
      });
      return updated;
    });
  }

  /** Records a compensation (not on rejected complaints). */
  async recordCompensation(viewer: Viewer, input: NewCompensation): Promise<ComplaintCompensation> {
    const cents = Math.round(input.amount * 100);
    if (!Number.isFinite(input.amount) || input.amount < 0 || Math.abs(cents - input.amount * 100) > 1e-6) {
      throw errors.compensationAmountInvalid();
    }
    const description = input.description.trim();
    if (!description) throw errors.compensationDescriptionBlank();
    // A keyed retry answers with the first compensation (re-read with the caller's visibility) instead of STALE_VERSION.
    const visible = async (id: string) => {
      const row = await this.ds.getRepository(ComplaintCompensation).findOneBy({ id });
      if (!row) return null;
      const seen = await scopeTo(viewer, this.ds.getRepository(Complaint).createQueryBuilder('c'), byComplaintVisibility, 'c')
        .andWhere('c.id = :id', { id: row.complaintId })
        .getCount();
      return seen ? row : null;
    };
    return idempotentCreate(
      this.ds,
      viewer,
      'recordCompensation',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const c = await this.load(m, viewer, input.complaintId, input.expectedVersion);
        if (c.status === ComplaintStatus.REJECTED) throw errors.compensationRejected();
        const at = this.now();
        const updated = await updateWithVersion(m, Complaint, c.id, input.expectedVersion, { updatedAt: at }, 'Complaint');
        const row = Object.assign(new ComplaintCompensation(), {
          id,
          complaintId: c.id,
          kind: input.kind,
          amountCents: cents,
          description,
          actorAccountId: viewer.accountId,
          createdAt: at,
        });
        await m.insert(ComplaintCompensation, row);
        await m.insert(ComplaintEvent, {
          id: newId(),
          complaintId: c.id,
          seq: updated.version,
          kind: ComplaintEventKind.COMPENSATION_RECORDED,
          action: null,
          fromStatus: c.status,
          toStatus: c.status,
          fromLevel: null,
          toLevel: null,
          actorAccountId: viewer.accountId,
          actorEmployeeId: viewer.employeeId,
          note: `${input.kind} ${(cents / 100).toFixed(2)} CNY: ${description}`,
          at,
        });
        return row;
      },
      visible,
      newId,
    );
  }

  /** `Complaint.compensations` for many (already visible) complaints in one statement. */
  compensations(complaintIds: readonly string[], page: PageArgs, sort: SortSpec) {
    return paginateByParent(this.ds.getRepository(ComplaintCompensation), { parentProperty: 'complaintId', parentIds: complaintIds, page, sort });
  }

  private async load(m: import('typeorm').EntityManager, viewer: Viewer, id: string, expectedVersion: number): Promise<Complaint> {
    const c = await scopeTo(viewer, m.getRepository(Complaint).createQueryBuilder('c'), byComplaintVisibility).andWhere('c.id = :id', { id }).getOne();
    if (!c) throw errors.notFound(id);
    await assertCanHandleComplaint(m, viewer, c);
    if (c.version !== expectedVersion) {
      throw staleVersion(`Complaint ${id}`, c.version, expectedVersion);
    }
    return c;
  }
}
