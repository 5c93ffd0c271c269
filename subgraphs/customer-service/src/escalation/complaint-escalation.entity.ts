import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum EscalationReason {
  FIRST_RESPONSE_AT_RISK = 'FIRST_RESPONSE_AT_RISK',
  FIRST_RESPONSE_BREACHED = 'FIRST_RESPONSE_BREACHED',
  RESOLUTION_AT_RISK = 'RESOLUTION_AT_RISK',
  RESOLUTION_BREACHED = 'RESOLUTION_BREACHED',
  /** Raised by a person (the handler or a manager) before any target was breached. */
  MANUAL = 'MANUAL',
}

/**
 * A complaint reaching an escalation level. At most one row per (complaint,
 * level): the second guard (after the conditional UPDATE of the complaint)
 * that makes the escalation job idempotent across runs and instances.
 */
@Entity('complaint_escalation')
@Index('uq_complaint_escalation_level', ['complaintId', 'level'], { unique: true })
export class ComplaintEscalation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 36 })
  complaintId: string;

  @Column({ type: 'integer' })
  level: number;

  @Column({ type: 'varchar', length: 32 })
  reason: EscalationReason;

  @Column({ name: 'escalated_at', type: 'datetime' })
  escalatedAt: Date;
}
