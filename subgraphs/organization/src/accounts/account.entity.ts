import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Role, Aggregate } from '@group/shared';

registerEnumType(Role, { name: 'Role', description: 'The five CRM roles of the source documents (domain.md §3.1).' });

export enum AccountStatus {
  ACTIVE = 'ACTIVE',
  FROZEN = 'FROZEN',
  CANCELLED = 'CANCELLED',
}
registerEnumType(AccountStatus, { name: 'AccountStatus' });

@ObjectType({ description: 'A user account; linked to an employee, holds one role and belongs to segments.' })
@Entity('account')
export class Account extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field()
  @Index('uq_account_email', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  email: string;

  /** scrypt hash; never exposed. */
  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash: string;

  @Field(() => Role)
  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Index('ix_account_employee')
  @Column({ name: 'employee_id', type: 'varchar', length: 36, nullable: true })
  employeeId: string | null;

  @Field(() => AccountStatus)
  @Column({ type: 'varchar', length: 16 })
  status: AccountStatus;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'last_login_at', type: 'datetime', nullable: true })
  lastLoginAt: Date | null;

  /**
   * Tokens issued before this moment are refused (set by a freeze, a cancellation,
   * a role/segment change, a password change); published in the revocation feed. Never exposed.
   * To the millisecond (DATETIME(3)): compared with the tokens' `iat_ms`.
   */
  @Column({ name: 'tokens_not_before', type: 'datetime', precision: 3, nullable: true })
  tokensNotBefore: Date | null;

  /** Consecutive failed logins since the last success or lock (null = 0). Never exposed. */
  @Column({ name: 'failed_login_count', type: 'integer', nullable: true })
  failedLoginCount: number | null;

  @Field(() => Date, { nullable: true, description: 'Set while the account is locked after repeated failed logins.' })
  @Column({ name: 'locked_until', type: 'datetime', nullable: true })
  lockedUntil: Date | null;

  /**
   * Set when the implementer opens the account or an administrator resets its password (a
   * temporary password); cleared when the holder sets their own. While set, sign-in issues no
   * token (see AuthService.login). null = false (older rows).
   */
  @Column({ name: 'must_change_password', type: 'boolean', nullable: true })
  mustChangePassword: boolean | null;
}

/** Which segments an account belongs to (a segment head may head one; an executive none). */
@Entity('account_segment')
export class AccountSegment {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Index('ix_account_segment_segment')
  @PrimaryColumn({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;
}

@ObjectType({ description: 'One login attempt (kept for login-compliance reports).' })
@Entity('login_record')
@Index('ix_login_record_account_at', ['accountId', 'at'])
export class LoginRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'account_id', type: 'varchar', length: 36, nullable: true })
  accountId: string | null;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  email: string;

  @Field()
  @Column({ type: 'datetime' })
  at: Date;

  @Field()
  @Column({ type: 'boolean' })
  success: boolean;

  @Field(() => String, { nullable: true })
  @Column({ name: 'failure_reason', type: 'varchar', length: 64, nullable: true })
  failureReason: string | null;
}
