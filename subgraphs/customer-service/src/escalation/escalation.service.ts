import { DataSource, EntityManager } from 'typeorm';
import { Clock, inTransaction, newId, Role, systemClock, isUniqueViolation, updateWithVersion, Viewer, scopeTo } from '@group/shared';
import { byComplaintVisibility } from '../scope';
import { NotificationService } from '../notifications/notification.service';
import { NotificationKind } from '../notifications/notification.entity';
import { Complaint, ResponseTier } from '../complaints/complaint.entity';
import { ComplaintEvent, ComplaintEventKind } from '../complaints/complaint-event.entity';
import { complaintChanged } from '../complaints/complaint-events';
import { OPEN_STATUSES } from '../complaints/complaint-workflow';
import { ComplaintEscalation, EscalationReason } from './complaint-escalation.entity';
import { ChainOfCommand, noChainOfCommand } from './chain-of-command';
import { escalationErrors as errors } from './escalation.errors';
import { complaintErrors } from '../complaints/complaint.errors';

export interface EscalationRun {
  at: Date;
  /** Complaints that matched the escalation conditions when the run started. */
  candidates: number;
  /** Complaints this run actually escalated (others were escalated by a concurrent run, or changed meanwhile). */
  escalated: number;
}

/**
 * One level up: the tier, the department answering there (DEPARTMENT only), the company (COMPANY),
 * and, for a department, its head's holders (who answers first).
 */
export interface EscalationStep {
  tier: ResponseTier;
  departmentId: string | null;
  departmentName: string | null;
  companyId: string | null;
  heads: string[];
}

/**
 * CS-R03 multi-level rapid response, following the organisation (domain.md G-01/G-04: "breach →
 * automatic escalation to the next ResponseTier + notification"). The levels of a complaint are
 * its responsible department's chain of command, read from organization through the graph
 * (chain-of-command.ts): the responsible department (BRANCH, where it is registered; the branch
 * when no department is named) → each parent department in turn (DEPARTMENT, its head notified)
 * → the company (COMPANY, the service staff of its branches) → the group Customer Service Center
 * (GROUP_CENTER, its staff). The handler hears of every step.
 *
 * The job: every SLA milestone an open, running complaint passes — first response at risk, first
 * response overdue (both while unanswered), resolution at risk, resolution overdue — raises it ONE
 * level, once. A run raises a complaint at most one level (the earliest milestone not yet used);
 * a run that comes late catches up one level per run, never two at once. A milestone counts as
 * used when an automatic escalation carries it or a later one.
 *
 * Safe twice and on several instances: the candidates and the next step (organization) are read
 * outside any transaction; each step is then one transaction whose conditional UPDATE
 * (`... WHERE id = ? AND escalation_level = <the level read> AND <still open and running>`) only
 * one run wins (row lock on MariaDB, serialised writes on SQLite); the winner writes the unique
 * (complaint, level) escalation row, the timeline event and the notifications. Every escalation
 * bumps the complaint version, so a handler's edit based on the old version is refused, not lost.
 */
const MILESTONES = [EscalationReason.FIRST_RESPONSE_AT_RISK, EscalationReason.FIRST_RESPONSE_BREACHED, EscalationReason.RESOLUTION_AT_RISK, EscalationReason.RESOLUTION_BREACHED];
const REACHED: Record<string, string> = {
  [EscalationReason.FIRST_RESPONSE_AT_RISK]: 'c.first_responded_at IS NULL AND c.first_response_warn_at <= :at',
  [EscalationReason.FIRST_RESPONSE_BREACHED]: 'c.first_responded_at IS NULL AND c.first_response_due_at <= :at',
  [EscalationReason.RESOLUTION_AT_RISK]: 'c.resolution_warn_at <= :at',
  [EscalationReason.RESOLUTION_BREACHED]: 'c.resolution_due_at <= :at',
};
/** The earliest milestone reached and not yet used, or NULL. */
const NEXT_MILESTONE = `CASE ${MILESTONES.map(
  (r, i) =>
    `WHEN ${REACHED[r]} AND NOT EXISTS (SELECT 1 FROM complaint_escalation e WHERE e.complaint_id = c.id AND e.reason IN (${MILESTONES.slice(i)
      .map((x) => `'${x}'`)
      .join(', ')})) THEN '${r}'`,
).join(' ')} END`;

/** Complaints escalated side by side by one run (each holds a pooled connection while it commits). */
const ESCALATION_WORKERS = 4;

/** People who handle or supervise complaints; administrators do not. */
const MANUAL_ESCALATORS = new Set<Role>([Role.GROUP_EXECUTIVE, Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);

interface Position {
  id: string;
  level: number;
  tier: ResponseTier;
  departmentId: string | null;
  companyId: string | null;
}

export class EscalationService {
  private readonly notifications: NotificationService;

  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
    private readonly chain: ChainOfCommand = noChainOfCommand,
  ) {
    this.notifications = new NotificationService(ds, now);
  }

  /**
   * The next level of each complaint (null at the top), one call to organization for all the
   * departments among them. Never inside a transaction.
   */
  async nextSteps(positions: readonly Position[]): Promise<Map<string, EscalationStep | null>> {
    const atDepartment = positions.filter((p) => (p.tier === ResponseTier.BRANCH || p.tier === ResponseTier.DEPARTMENT) && p.departmentId);
    const superiors = await this.chain.superiors(atDepartment.map((p) => p.departmentId!));
    const out = new Map<string, EscalationStep | null>();
    const company = (companyId: string | null): EscalationStep => ({ tier: ResponseTier.COMPANY, departmentId: null, departmentName: null, companyId, heads: [] });
    for (const p of positions) {
      if (p.tier === ResponseTier.GROUP_CENTER) out.set(p.id, null);
      else if (p.tier === ResponseTier.COMPANY) out.set(p.id, { tier: ResponseTier.GROUP_CENTER, departmentId: null, departmentName: null, companyId: null, heads: [] });
      else if (!p.departmentId) out.set(p.id, company(p.companyId));
      else {
        const s = superiors.get(p.departmentId);
        // A department organization no longer knows (dissolved): the company takes it.
        if (!s) out.set(p.id, company(p.companyId));
        else if (!s.parent) out.set(p.id, company(s.companyId));
        else out.set(p.id, { tier: ResponseTier.DEPARTMENT, departmentId: s.parent.id, departmentName: s.parent.name, companyId: s.companyId, heads: s.parent.heads });
      }
    }
    return out;
  }

  /** Tells who answers at the new level (G-04 "escalation + notification"), in the escalation's transaction. */
  private async notifyEscalation(m: EntityManager, c: Complaint, level: number, step: EscalationStep, reason: EscalationReason, at: Date): Promise<void> {
    const where =
      step.tier === ResponseTier.DEPARTMENT
        ? `the department ${step.departmentName ?? step.departmentId} (chain of command)`
        : step.tier === ResponseTier.COMPANY
          ? 'the company'
          : 'the group Customer Service Center';
    await this.notifications.notify(m, await this.notifications.escalationRecipients(m, c, step), {
      kind: NotificationKind.COMPLAINT_ESCALATED,
      subjectId: c.id,
      eventKey: `LEVEL_${level}`,
      message: `Complaint ${c.code} was escalated to ${where} (${reason})`,
      at,
    });
  }

  async run(): Promise<EscalationRun> {
    const at = this.now();
    const rows: { id: string; level: number; tier: ResponseTier; departmentId: string | null; companyId: string | null; reason: EscalationReason }[] = (
      await this.ds
        .getRepository(Complaint)
        .createQueryBuilder('c')
        .select(['c.id AS id', 'c.escalation_level AS level', 'c.response_tier AS tier', 'c.response_department_id AS departmentId', 'c.company_id AS companyId'])
        .addSelect(NEXT_MILESTONE, 'reason')
        .where('c.status IN (:...open)', { open: OPEN_STATUSES })
        .andWhere('c.sla_paused_at IS NULL')
        .andWhere('c.response_tier <> :top', { top: ResponseTier.GROUP_CENTER })
        .andWhere('(c.first_response_warn_at <= :at OR c.first_response_due_at <= :at OR c.resolution_warn_at <= :at OR c.resolution_due_at <= :at)')
        .andWhere(`(${NEXT_MILESTONE}) IS NOT NULL`)
        .setParameter('at', at)
        .getRawMany()
    ).map((r) => ({
      id: String(r.id),
      level: Number(r.level),
      tier: r.tier,
      departmentId: r.departmentId ?? r.departmentid ?? null,
      companyId: r.companyId ?? r.companyid ?? null,
      reason: r.reason,
    }));

    // Organization unreachable: the complaints without a department still go up; the others wait for the next run.
    let steps: Map<string, EscalationStep | null>;
    let failure: Error | null = null;
    try {
      steps = await this.nextSteps(rows);
    } catch (e) {
      failure = e instanceof Error ? e : new Error(String(e));
      steps = await this.nextSteps(rows.filter((r) => !r.departmentId || r.tier === ResponseTier.COMPANY));
    }
    // Each complaint goes up in its own short transaction (one commit each); a few run side by side
    // (distinct rows: no lock between them) so that a run over many complaints is not a queue of
    // commits on MariaDB. SQLite runs them one at a time anyway (inTransaction).
    let escalated = 0;
    const queue = rows.flatMap((c) => {
      const step = steps.get(c.id);
      return step ? [{ ...c, step }] : [];
    });
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) if (await this.escalate(c.id, c.level, c.step, c.reason, at)) escalated++;
    };
    await Promise.all(Array.from({ length: Math.min(ESCALATION_WORKERS, queue.length) }, worker));
    if (failure) throw failure;
    return { at, candidates: rows.length, escalated };
  }

  /**
   * Manual escalation (multi-level rapid response, CS-R03): whoever handles or supervises a
   * complaint raises it one level up its chain of command without waiting for a breach, with a
   * note; recorded like an automatic one (escalation row + timeline event + notifications).
   * Versioned: a stale version is refused, and a level the job reached meanwhile is a CONFLICT.
   */
  async escalateManually(viewer: Viewer, input: { complaintId: string; expectedVersion: number; note: string }): Promise<Complaint> {
    if (!MANUAL_ESCALATORS.has(viewer.role)) throw errors.roleForbidden(viewer.role);
    const note = input.note.trim();
    if (!note) throw errors.noteRequired();
    const at = this.now();
    const read = (m: EntityManager) =>
      scopeTo(viewer, m.getRepository(Complaint).createQueryBuilder('c'), byComplaintVisibility).andWhere('c.id = :id', { id: input.complaintId }).getOne();
    // The next level is read (from organization) before the transaction; the version check inside it proves it is still the next one.
    const seen = await read(this.ds.manager);
    if (!seen) throw complaintErrors.notFound(input.complaintId);
    if (!OPEN_STATUSES.includes(seen.status)) throw errors.complaintNotOpen(seen.status);
    const step = (
      await this.nextSteps([{ id: seen.id, level: seen.escalationLevel, tier: seen.responseTier, departmentId: seen.responseDepartmentId, companyId: seen.companyId }])
    ).get(seen.id);
    if (!step) throw errors.alreadyAtTopLevel();
    try {
      return await inTransaction(this.ds, async (m) => {
        const before = await read(m);
        if (!before) throw complaintErrors.notFound(input.complaintId);
        const level = seen.escalationLevel + 1;
        const after = await updateWithVersion(m, Complaint, before.id, input.expectedVersion, { ...stepColumns(level, step), updatedAt: at }, 'Complaint');
        if (before.escalationLevel !== seen.escalationLevel) throw errors.escalatedMeanwhile();
        await this.record(m, before, after, level, step, EscalationReason.MANUAL, `${EscalationReason.MANUAL}: ${note.slice(0, 480)}`, viewer, at);
        return after;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw errors.levelTakenMeanwhile();
      throw e;
    }
  }

  /** Raises one complaint from `fromLevel` to the next level `step`, unless it moved meanwhile (or no longer qualifies). */
  private async escalate(id: string, fromLevel: number, step: EscalationStep, reason: EscalationReason, at: Date): Promise<boolean> {
    const level = fromLevel + 1;
    try {
      return await inTransaction(this.ds, async (m) => {
        const result = await m
          .createQueryBuilder()
          .update(Complaint)
          .set({ ...stepColumns(level, step), updatedAt: at, version: () => 'version + 1' })
          .where('id = :id AND escalation_level = :fromLevel', { id, fromLevel })
          .andWhere('status IN (:...open)', { open: OPEN_STATUSES })
          .andWhere('sla_paused_at IS NULL')
          .execute();
        if (!result.affected) return false;
        // Read after the row lock the UPDATE took: current on every database.
        const after = await m.findOneByOrFail(Complaint, { id });
        await this.record(m, { escalationLevel: fromLevel }, after, level, step, reason, reason, null, at);
        return true;
      });
    } catch (e) {
      // Another instance recorded this level first (its UPDATE committed between our read and write).
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /** The escalation row, the ESCALATED timeline event and the notifications of one step. */
  private async record(
    m: EntityManager,
    before: { escalationLevel: number },
    after: Complaint,
    level: number,
    step: EscalationStep,
    reason: EscalationReason,
    note: string,
    actor: Viewer | null,
    at: Date,
  ) {
    await m.insert(ComplaintEscalation, { id: newId(), complaintId: after.id, level, reason, escalatedAt: at });
    await m.insert(ComplaintEvent, {
      id: newId(),
      complaintId: after.id,
      seq: after.version,
      kind: ComplaintEventKind.ESCALATED,
      action: null,
      fromStatus: after.status,
      toStatus: after.status,
      fromLevel: before.escalationLevel,
      toLevel: level,
      actorAccountId: actor?.accountId ?? null,
      actorEmployeeId: actor?.employeeId ?? null,
      note,
      at,
    });
    await complaintChanged(m, actor, after, 'ESCALATED');
    await this.notifyEscalation(m, after, level, step, reason, at);
  }
}

const stepColumns = (level: number, step: EscalationStep) => ({ escalationLevel: level, responseTier: step.tier, responseDepartmentId: step.departmentId });
