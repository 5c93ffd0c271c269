import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Clock, emitEvents, inTransaction, newId, systemClock, Viewer } from '@group/shared';
import { Notification, NotificationKind } from './notification.entity';
import { ServiceBranch, ServiceStaff } from '../branches/service-branch.entity';
import { ResponseTier } from '../complaints/complaint.entity';
import { notificationErrors as errors } from './notification.errors';

export interface NotificationInput {
  kind: NotificationKind;
  subjectId: string;
  eventKey: string;
  message: string;
  at: Date;
}

/**
 * In-app notifications (G-19). `notify` runs inside the caller's transaction;
 * the unique (recipient, kind, subject, event) index makes it idempotent, so
 * the escalation job may run twice without notifying twice.
 */
export class NotificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

  async notify(m: EntityManager, recipientIds: Iterable<string | null | undefined>, n: NotificationInput): Promise<void> {
    const recipients = [...new Set([...recipientIds].filter((r): r is string => !!r))];
    if (!recipients.length) return;
    const existing = new Set(
      (await m.find(Notification, { select: { recipientId: true }, where: { recipientId: In(recipients), kind: n.kind, subjectId: n.subjectId, eventKey: n.eventKey } })).map(
        (r) => r.recipientId,
      ),
    );
    const rows = recipients
      .filter((r) => !existing.has(r))
      .map((recipientId) => ({
        id: newId(),
        recipientId,
        kind: n.kind,
        subjectId: n.subjectId,
        eventKey: n.eventKey,
        message: n.message.slice(0, 300),
        createdAt: n.at,
        readAt: null,
      }));
    if (!rows.length) return;
    await m.insert(Notification, rows);
    // One NotificationCreated per recipient, in the same transaction (the gateway's live notifications).
    await emitEvents(
      m,
      rows.map((r) => ({
        type: 'NotificationCreated' as const,
        aggregateId: r.id,
        aggregateVersion: 1,
        segmentId: null,
        actor: null,
        payload: { notificationId: r.id, recipientId: r.recipientId, kind: r.kind, subjectId: r.subjectId },
      })),
    );
  }

  /**
   * Who answers first for a complaint at an escalation level (CS-R03, ResponseTier): the handler
   * always; at a DEPARTMENT of the chain of command the holders of its head position (given by
   * organization, `heads`); at COMPANY the service staff of the company's branches; at
   * GROUP_CENTER the group Customer Service Center's staff.
   */
  async escalationRecipients(
    m: EntityManager,
    complaint: { handlerId: string | null },
    step: { tier: ResponseTier; companyId: string | null; heads: string[] },
  ): Promise<string[]> {
    const out = [complaint.handlerId, ...step.heads];
    if (step.tier === ResponseTier.GROUP_CENTER) {
      out.push(...(await m.findBy(ServiceStaff, { branchId: IsNull() })).map((s) => s.employeeId));
    } else if (step.tier === ResponseTier.COMPANY && step.companyId) {
      const branches = (await m.findBy(ServiceBranch, { companyId: step.companyId })).map((b) => b.id);
      if (branches.length) out.push(...(await m.findBy(ServiceStaff, { branchId: In(branches) })).map((s) => s.employeeId));
    }
    return out.filter((r): r is string => !!r);
  }

  /** The viewer's own notifications, newest first (at most 100). */
  mine(viewer: Viewer, unreadOnly: boolean): Promise<Notification[]> {
    if (!viewer.employeeId) return Promise.resolve([]);
    return this.ds.getRepository(Notification).find({
      where: { recipientId: viewer.employeeId, ...(unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 100,
    });
  }

  /** Marks the viewer's own notifications read; others' ids are ignored. Returns how many changed. */
  async markRead(viewer: Viewer, ids: string[]): Promise<number> {
    if (ids.length > 100) throw errors.tooManyIds();
    if (!viewer.employeeId || !ids.length) return 0;
    const at = this.clock();
    return inTransaction(this.ds, async (m) => {
      const r = await m
        .createQueryBuilder()
        .update(Notification)
        .set({ readAt: at })
        .where('id IN (:...ids) AND recipient_id = :me AND read_at IS NULL', { ids, me: viewer.employeeId })
        .execute();
      return r.affected ?? 0;
    });
  }
}
