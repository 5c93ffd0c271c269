import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per mutation and per denied attempt (FORBIDDEN / UNAUTHENTICATED,
 * queries included): who, when, which operation and root fields, the
 * (redacted) variables, the outcome and its error codes. Append-only: the
 * migration installs triggers that refuse UPDATE and DELETE on both tables.
 */
@Entity('audit_entry')
@Index('ix_audit_entry_at', ['at', 'id'])
@Index('ix_audit_entry_account_at', ['accountId', 'at'])
@Index('ix_audit_entry_outcome_at', ['outcome', 'at'])
@Index('ix_audit_entry_request', ['requestId'])
export class AuditEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'datetime' })
  at: Date;

  @Column({ name: 'request_id', type: 'varchar', length: 100 })
  requestId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 100, nullable: true })
  accountId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  role: string | null;

  @Column({ name: 'operation_type', type: 'varchar', length: 16 })
  operationType: string;

  @Column({ name: 'operation_name', type: 'varchar', length: 200, nullable: true })
  operationName: string | null;

  @Column({ name: 'root_fields', type: 'varchar', length: 500 })
  rootFields: string;

  /** The root fields' arguments as JSON, secrets redacted by name. */
  @Column({ type: 'text', nullable: true })
  args: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: string;

  @Column({ name: 'error_codes', type: 'varchar', length: 500, nullable: true })
  errorCodes: string | null;
}

/**
 * One row per entity row a request inserted, updated or deleted, written by
 * the audit subscriber in the SAME transaction as the change: a rolled-back
 * change leaves no audit row, a committed one cannot lose its audit row.
 */
@Entity('audit_change')
@Index('ix_audit_change_request', ['requestId'])
@Index('ix_audit_change_entity', ['entity', 'entityId', 'at'])
export class AuditChange {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'datetime' })
  at: Date;

  @Column({ name: 'request_id', type: 'varchar', length: 100 })
  requestId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 100, nullable: true })
  accountId: string | null;

  @Column({ type: 'varchar', length: 100 })
  entity: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 200, nullable: true })
  entityId: string | null;

  @Column({ type: 'varchar', length: 16 })
  action: string;

  @Column({ type: 'text', nullable: true })
  before: string | null;

  @Column({ type: 'text', nullable: true })
  after: string | null;
}
