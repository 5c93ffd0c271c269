import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum BulkOperationStatus {
  CREATED = 'CREATED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELED = 'CANCELED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(BulkOperationStatus, {
  name: 'BulkOperationStatus',
  description:
    'CREATED (queued), RUNNING, COMPLETED (`url` holds the result), FAILED (`errorCode`; `partialDataUrl` holds what was written), CANCELED, EXPIRED (the file was deleted).',
});

export enum BulkOperationErrorCode {
  ACCESS_DENIED = 'ACCESS_DENIED',
  OBJECT_LIMIT_EXCEEDED = 'OBJECT_LIMIT_EXCEEDED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
registerEnumType(BulkOperationErrorCode, {
  name: 'BulkOperationErrorCode',
  description:
    'ACCESS_DENIED: the viewer lost access while it ran (account frozen, token revoked); OBJECT_LIMIT_EXCEEDED: more objects than one operation may write; INTERNAL_SERVER_ERROR: the graph kept failing.',
});

/** The claims a job's pages are signed with: the submitting viewer's, frozen at submission. */
export interface BulkClaims {
  role: string;
  segmentIds: string[];
  employeeId: string | null;
  capabilities: string[];
  /** Epoch ms: the submitting token's issue time (`iat_ms`), the job tokens' own; absent in jobs stored before it (then `claimsIssuedAt`, seconds). */
  issuedAtMs?: number;
}

/** One pending page of a job (a stack: children before the next page of their parent list). */
export interface BulkTask {
  /** Index of the connection in the query plan. */
  conn: number;
  /** Object the connection hangs on (looked up by id); null for the root connection. */
  on: string | null;
  /** The nearest enclosing connection node (`__parentId` of the lines), null at the root. */
  parent: string | null;
  after: string | null;
}

/**
 * A bulk operation: one query run to the end of every connection, as the
 * submitting viewer, into a JSON Lines file. This row and its `bulk_task` rows
 * are the job's whole state: the pending pages and `fileSize` (the bytes
 * already committed) change together in one transaction after every page, so a
 * restarted runner truncates the file to `fileSize` and goes on with the
 * pending pages: nothing lost, nothing twice.
 */
@ObjectType({ description: 'A query run to the end of every connection into a JSON Lines file (Shopify-style bulk operation).' })
@Entity('bulk_operation')
@Index('ix_bulk_operation_account', ['accountId', 'createdAt'])
@Index('ix_bulk_operation_status', ['status'])
export class BulkOperation {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'account_id', type: 'varchar', length: 100 })
  accountId: string;

  @Column({ type: 'text' })
  claims: string;

  /** Epoch seconds: the `iat` of every token signed for this job (revocations since then apply); to the millisecond in `claims.issuedAtMs`. */
  @Column({ name: 'claims_issued_at', type: 'integer' })
  claimsIssuedAt: number;

  @Field(() => String, { description: 'The submitted query.' })
  @Column({ type: 'text' })
  query: string;

  @Field(() => BulkOperationStatus)
  @Column({ type: 'varchar', length: 16 })
  status: BulkOperationStatus;

  @Field(() => BulkOperationErrorCode, { nullable: true, description: 'Why a FAILED operation failed.' })
  @Column({ name: 'error_code', type: 'varchar', length: 32, nullable: true })
  errorCode: BulkOperationErrorCode | null;

  @Field(() => Int, { description: 'Objects (lines) written so far; advances while RUNNING.' })
  @Column({ name: 'object_count', type: 'integer' })
  objectCount: number;

  @Field(() => Int, { description: 'Objects of the top-level connection written so far.' })
  @Column({ name: 'root_object_count', type: 'integer' })
  rootObjectCount: number;

  @Field(() => Float, { description: 'Bytes of the result file written so far.' })
  @Column({ name: 'file_size', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  fileSize: number;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'datetime', nullable: true })
  leaseUntil: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'completed_at', type: 'datetime', nullable: true })
  completedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the result file is deleted (its URL stops working then).' })
  @Column({ name: 'expires_at', type: 'datetime', nullable: true })
  expiresAt: Date | null;

  /** Set once the file is gone (expired, canceled): nothing left to serve or sweep. */
  @Column({ name: 'file_deleted_at', type: 'datetime', nullable: true })
  fileDeletedAt: Date | null;
}

/**
 * One pending page of an operation (a BulkTask as JSON), in a stack ordered by `seq`: a row each,
 * so that the pending work of a wide report never outgrows a column.
 */
@Entity('bulk_task')
export class BulkTaskRow {
  @PrimaryColumn({ name: 'operation_id', type: 'varchar', length: 36 })
  operationId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'text' })
  payload: string;
}

/** One row per account, locked FOR UPDATE to serialise the "at most N running" check. */
@Entity('bulk_account')
export class BulkAccount {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 100 })
  accountId: string;
}
