import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per (account, idempotency key) of `createComplaint`, written in the
 * same transaction as the complaint: a retried create (mobile app on a flaky
 * network) finds the row and returns the first complaint; two concurrent
 * retries collide on the primary key and exactly one complaint is created.
 */
@Entity('complaint_idempotency')
export class ComplaintIdempotency {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 100 })
  accountId: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 64 })
  key: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 36 })
  complaintId: string;

  /** SHA-256 of the input (see crm/idempotency.ts): a reused key with another body is refused. Null for keys stored before it existed. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64, nullable: true })
  requestHash: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
