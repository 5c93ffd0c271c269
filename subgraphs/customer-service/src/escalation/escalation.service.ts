import { Brackets, DataSource } from 'typeorm';
import { Clock, inTransaction, newId, systemClock, isUniqueViolation } from '@group/shared';
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
 *   level 2 (COMPANY)      when the first response is overdue, or the resolution target is at risk;
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
export class EscalationService {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
  ) {}

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

  /** Raises one complaint to `level` unless it is already there (or no longer qualifies). */
  private async escalate(id: string, level: number, reason: EscalationReason, at: Date): Promise<boolean> {
    try {
      return await inTransaction(this.ds, async (m) => {
        const before = await m.findOneBy(Complaint, { id });
        if (!before) return false;
        const result = await m
          .createQueryBuilder()
          .update(Complaint)
          .set({ escalationLevel: level, updatedAt: at, version: () => 'version + 1' } as never)
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
      `(${a}.escalationLevel < 2 AND ((${a}.firstRespondedAt IS NULL AND ${a}.firstResponseDueAt <= :at) OR ${a}.resolutionWarnAt <= :at))`,
    );
  });
}
