import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate, Role } from '@group/shared';

export enum AccountChangeKind {
  OPEN = 'OPEN',
  CANCEL = 'CANCEL',
  PERMISSION_CHANGE = 'PERMISSION_CHANGE',
  FREEZE = 'FREEZE',
  UNFREEZE = 'UNFREEZE',
}
registerEnumType(AccountChangeKind, { name: 'AccountChangeKind', description: 'What an account-change request (OA form 信息系统用户管理及权限变更审批表) asks for.' });

export enum AccountChangeState {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  IMPLEMENTED = 'IMPLEMENTED',
}
registerEnumType(AccountChangeState, { name: 'AccountChangeState', description: 'SUBMITTED → APPROVED | REJECTED; APPROVED → IMPLEMENTED (flow A1).' });

/**
 * Flow A1 (domain.md WF-CRM-1): submitted through OA by the segment admin (only),
 * approved by a leader (G-12: the segment's SEGMENT_HEAD or a GROUP_EXECUTIVE),
 * implemented by the group marketing department.
 */
@ObjectType({ description: 'A CRM account open / cancel / permission change / freeze / unfreeze request (flow A1).' })
@Entity('account_change_request')
@Index('ix_account_change_request_state', ['state', 'submittedAt'])
export class AccountChangeRequest extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field(() => AccountChangeKind)
  @Column({ type: 'varchar', length: 20 })
  kind: AccountChangeKind;

  @Field(() => AccountChangeState)
  @Column({ type: 'varchar', length: 16 })
  state: AccountChangeState;

  @Index('ix_account_change_request_employee')
  @Column({ name: 'employee_id', type: 'varchar', length: 36 })
  employeeId: string;

  /** The account concerned; for OPEN set when implemented. */
  @Index('ix_account_change_request_account')
  @Column({ name: 'account_id', type: 'varchar', length: 36, nullable: true })
  accountId: string | null;

  @Field(() => Role, { nullable: true, description: 'OPEN / PERMISSION_CHANGE: the role asked for.' })
  @Column({ name: 'requested_role', type: 'varchar', length: 32, nullable: true })
  requestedRole: Role | null;

  @Field({ description: 'Reference of the OA approval form.' })
  @Column({ name: 'oa_reference', type: 'varchar', length: 100 })
  oaReference: string;

  @Field({ description: 'Reason for the change (权限变动原因).' })
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ name: 'submitted_by_id', type: 'varchar', length: 36 })
  submittedById: string;

  @Field()
  @Column({ name: 'submitted_at', type: 'datetime' })
  submittedAt: Date;

  @Field(() => Date, { nullable: true, description: "The employee change's account-change deadline (one working day), if any." })
  @Column({ name: 'due_by', type: 'datetime', nullable: true })
  dueBy: Date | null;

  @Field({ description: 'Submitted after the one-working-day deadline (domain.md WF-CRM-1).' })
  @Column({ name: 'is_late', type: 'boolean' })
  isLate: boolean;

  @Column({ name: 'decided_by_id', type: 'varchar', length: 36, nullable: true })
  decidedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'decision_note', type: 'varchar', length: 500, nullable: true })
  decisionNote: string | null;

  @Column({ name: 'implemented_by_id', type: 'varchar', length: 36, nullable: true })
  implementedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'implemented_at', type: 'datetime', nullable: true })
  implementedAt: Date | null;
}

/**
 * The segments a request concerns: the requested ones (`requested`) and the
 * account's current ones. Scopes who sees, submits and approves the request.
 */
@Entity('account_change_request_segment')
export class AccountChangeRequestSegment {
  @PrimaryColumn({ name: 'request_id', type: 'varchar', length: 36 })
  requestId: string;

  @Index('ix_account_change_request_segment_segment')
  @PrimaryColumn({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Column({ type: 'boolean' })
  requested: boolean;
}
