import { Brackets, DataSource, EntityManager } from 'typeorm';
import { badInput, Clock, conflict, forbidden, inTransaction, newId, notFound, Role, systemClock, isUniqueViolation, updateWithVersion, Viewer } from '@group/shared';
import { scopeComplaints } from '../scope';
import { NotificationService } from '../notifications/notification.service';
import { NotificationKind } from '../notifications/notification.entity';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintEvent, ComplaintEventKind } from '../complaints/complaint-event.entity';
import { OPEN_STATUSES } from '../complaints/complaint-workflow';
import { ComplaintEscalation, EscalationReason } from './complaint-escalation.entity';

export interface EscalationRun {
  at: Date;
  /** Complaints that matched the escalation conditions when the run started. */
  candidates: number;
  /** Complaints this run actually escalated (others were escalated by a concurrent run, or changed meanwhile). */
  escalated: number;
}

/**
 * Automatic escalation (domain.md G-04 "breach → automatic escalation to the
 * next ResponseTier", CS-R03 multi-level rapid response). For open complaints
 * whose SLA clock runs (not waiting on the customer):
 *   level 2 (COMPANY)      when the first response is at risk or overdue, or the resolution target is at risk;
 *   level 3 (GROUP_CENTER) when the resolution target is breached.
 * Levels only go up. Safe to run twice and on several instances at once:
 * candidates are found with one set-based SELECT, then each complaint is
 * escalated by a conditional UPDATE (`... WHERE id = ? AND escalation_level < ?
 * AND <still open and running>`), which only one run can win (row lock on
 * MariaDB, serialised writes on SQLite); the winner writes the unique
 * (complaint, level) escalation row and the timeline event in the same
 * transaction. Every escalation bumps the complaint version, so a handler's
 * concurrent edit based on the old version is refused, not lost.
 */
const MAX_LEVEL = 3;
/** People who handle or supervise complaints; administrators do not. */
const MANUAL_ESCALATORS = new Set<Role>([Role.GROUP_EXECUTIVE, Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);

const TIER_NAMES = ['', 'the branch', 'the company / segment', 'the group Customer Service Center'];

export class EscalationService {
  private readonly notifications: NotificationService;

  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
  ) {
    this.notifications = new NotificationService(ds, now);
  }

  /** Tells who answers at the new level (G-04 "escalation + notification"), in the escalation's transaction. */
  private async notifyEscalation(m: EntityManager, c: Complaint, level: number, reason: EscalationReason, at: Date): Promise<void> {
    await this.notifications.notify(m, await this.notifications.escalationRecipients(m, c, level), {
      kind: NotificationKind.COMPLAINT_ESCALATED,
      subjectId: c.id,
      eventKey: `LEVEL_${level}`,
      message: `Complaint ${c.code} was escalated to ${TIER_NAMES[level]} (${reason})`,
      at,
    });
  }

  async run(): Promise<EscalationRun> {
    const at = this.now();
    const candidates: { id: string; level: number; reason: EscalationReason }[] = (
      await this.ds
        .getRepository(Complaint)
        .createQueryBuilder('c')
        .select(['c.id AS id', 'c.escalationLevel AS level'])
        .addSelect('CASE WHEN c.resolutionDueAt <= :at THEN 3 ELSE 2 END', 'target')
        .addSelect(
          `CASE WHEN c.resolutionDueAt <= :at THEN '${EscalationReason.RESOLUTION_BREACHED}'
                WHEN c.firstRespondedAt IS NULL AND c.firstResponseDueAt <= :at THEN '${EscalationReason.FIRST_RESPONSE_BREACHED}'
                WHEN c.firstRespondedAt IS NULL AND c.firstResponseWarnAt <= :at THEN '${EscalationReason.FIRST_RESPONSE_AT_RISK}'
                ELSE '${EscalationReason.RESOLUTION_AT_RISK}' END`,
          'reason',
        )
        .where('c.status IN (:...open)', { open: OPEN_STATUSES })
        .andWhere('c.slaPausedAt IS NULL')
        .andWhere(dueCondition('c'))
        .setParameter('at', at)
        .getRawMany()
    ).map((r) => ({ id: String(r.id), level: Number(r.target), reason: r.reason as EscalationReason }));

    let escalated = 0;
    for (const c of candidates) {
      if (await this.escalate(c.id, c.level, c.reason, at)) escalated++;
    }
    return { at, candidates: candidates.length, escalated };
  }

  /**
   * Manual escalation (multi-level rapid response, CS-R03): whoever handles or
   * supervises a complaint raises it one level (branch -> company/segment ->
   * group centre) without waiting for a breach, with a note; recorded like an
   * automatic one (escalation row + timeline event). Versioned: a stale
   * version is refused, and a level the job reached meanwhile is a CONFLICT.
   */
  async escalateManually(viewer: Viewer, input: { complaintId: string; expectedVersion: number; note: string }): Promise<Complaint> {
    if (!MANUAL_ESCALATORS.has(viewer.role)) throw forbidden('ROLE_FORBIDDEN', `Role ${viewer.role} cannot escalate complaints`);
    const note = input.note.trim();
    if (!note) throw badInput('ESCALATION_NOTE_REQUIRED', 'Say why the complaint is escalated');
    const at = this.now();
    try {
      return await inTransaction(this.ds, async (m) => {
        const before = await scopeComplaints(m.getRepository(Complaint).createQueryBuilder('c'), viewer).andWhere('c.id = :id', { id: input.complaintId }).getOne();
        if (!before) throw notFound('Complaint', input.complaintId);
        if (!OPEN_STATUSES.includes(before.status)) throw badInput('COMPLAINT_NOT_OPEN', `A ${before.status} complaint cannot be escalated`);
        if (before.escalationLevel >= MAX_LEVEL) throw badInput('ALREADY_AT_TOP_LEVEL', 'The complaint is already with the group Customer Service Center');
        const level = before.escalationLevel + 1;
        const after = await updateWithVersion(m, Complaint, before.id, input.expectedVersion, { escalationLevel: level, updatedAt: at }, 'Complaint');
        await m.insert(ComplaintEscalation, { id: newId(), complaintId: before.id, level, reason: EscalationReason.MANUAL, escalatedAt: at });
        await m.insert(ComplaintEvent, {
          id: newId(),
          complaintId: before.id,
          seq: after.version,
          kind: ComplaintEventKind.ESCALATED,
          action: null,
          fromStatus: after.status,
          toStatus: after.status,
          fromLevel: before.escalationLevel,
          toLevel: level,
          actorAccountId: viewer.accountId,
          actorEmployeeId: viewer.employeeId,
          note: `${EscalationReason.MANUAL}: ${note.slice(0, 480)}`,
          at,
        });
        await this.notifyEscalation(m, after, level, EscalationReason.MANUAL, at);
        return after;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('ESCALATED_MEANWHILE', 'The complaint reached that level meanwhile; re-read it');
      throw e;
    }
  }

  /** Raises one complaint to `level` unless it is already there (or no longer qualifies). */
  private async escalate(id: string, level: number, reason: EscalationReason, at: Date): Promise<boolean> {
    try {
      return await inTransaction(this.ds, async (m) => {
        const before = await m.findOneBy(Complaint, { id });
        if (!before) return false;
        const result = await m
          .createQueryBuilder()
          .update(Complaint)
          .set({ escalationLevel: level, updatedAt: at, version: () => 'version + 1' })
          .where('id = :id AND escalation_level < :level', { id, level })
          .andWhere('status IN (:...open)', { open: OPEN_STATUSES })
          .andWhere('sla_paused_at IS NULL')
          .execute();
        if (!result.affected) return false;
        const after = await m.findOneByOrFail(Complaint, { id });
        await m.insert(ComplaintEscalation, { id: newId(), complaintId: id, level, reason, escalatedAt: at });
        await m.insert(ComplaintEvent, {
          id: newId(),
          complaintId: id,
          seq: after.version,
          kind: ComplaintEventKind.ESCALATED,
          action: null,
          fromStatus: after.status,
          toStatus: after.status,
          fromLevel: before.escalationLevel,
          toLevel: level,
          actorAccountId: null,
          actorEmployeeId: null,
          note: reason,
          at,
        });
        await this.notifyEscalation(m, after, level, reason, at);
        return true;
      });
    } catch (e) {
      // Another instance recorded this level first (its UPDATE committed between our read and write).
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }
}

/** Open complaints below the level their SLA state calls for. */
function dueCondition(a: string) {
  return new Brackets((w) => {
    w.where(`(${a}.escalationLevel < 3 AND ${a}.resolutionDueAt <= :at)`).orWhere(
      `(${a}.escalationLevel < 2 AND ((${a}.firstRespondedAt IS NULL AND (${a}.firstResponseDueAt <= :at OR ${a}.firstResponseWarnAt <= :at)) OR ${a}.resolutionWarnAt <= :at))`,
    );
  });
}
