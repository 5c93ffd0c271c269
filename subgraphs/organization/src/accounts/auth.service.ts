import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AuthConfig, Clock, DomainError, inTransaction, notFound, Revocation, Role, signToken, systemClock, verifyPassword, Viewer, hashPassword, paginate, PageArgs, SortSpec, ConnectionShape, forbidden } from '@group/shared';
import { Account, AccountSegment, AccountStatus, LoginRecord } from './account.entity';
import { PasswordRule, passwordProblems } from './password-policy';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  account: Account;
}

/** Lockout after repeated failed logins (issue 7); configurable per deployment. */
export interface LoginPolicy {
  /** Consecutive failed logins that lock the account. */
  maxFailures: number;
  /** How long the lock lasts. */
  lockMinutes: number;
}
export const DEFAULT_LOGIN_POLICY: LoginPolicy = { maxFailures: 5, lockMinutes: 15 };

const INVALID = () => new DomainError('UNAUTHENTICATED', 'INVALID_CREDENTIALS', 'Email or password is incorrect');
const LOCKED = (until: Date) =>
  new DomainError('FORBIDDEN', 'ACCOUNT_LOCKED', `Too many failed sign-ins; this account is locked until ${until.toISOString()}`, { lockedUntil: until.toISOString() });
export const TOO_WEAK = (rules: PasswordRule[]) =>
  new DomainError('BAD_USER_INPUT', 'PASSWORD_TOO_WEAK', `The password breaks these rules: ${rules.join(', ')}`, { failedRules: rules });

/** A hash to compare against when the email is unknown, so timing does not reveal which emails exist. */
let dummyHash: Promise<string> | undefined;

export class AuthService {
  private readonly accounts: Repository<Account>;
  private readonly accountSegments: Repository<AccountSegment>;

  constructor(
    private readonly ds: DataSource,
    private readonly auth: AuthConfig,
    private readonly now: Clock = systemClock,
    private readonly policy: LoginPolicy = DEFAULT_LOGIN_POLICY,
  ) {
    this.accounts = ds.getRepository(Account);
    this.accountSegments = ds.getRepository(AccountSegment);
  }

  /**
   * Verifies the password, records the attempt (domain.md login compliance needs it) and signs a token.
   * The password is always verified first (also for unknown emails and locked accounts) so timing reveals nothing.
   * `maxFailures` consecutive failures lock the account for `lockMinutes` (state in the database,
   * so every instance sees it); a success resets the counter.
   */
  async login(emailInput: string, password: string): Promise<LoginResult> {
    const email = emailInput.trim().toLowerCase();
    const account = await this.accounts.findOneBy({ email });
    const ok = account ? await verifyPassword(password, account.passwordHash) : (await verifyPassword(password, await (dummyHash ??= hashPassword('x'))), false);
    const at = this.now();
    const record = (m: EntityManager, success: boolean, failureReason: string | null) => m.insert(LoginRecord, { accountId: account?.id ?? null, email, at, success, failureReason });
    if (account?.lockedUntil && account.lockedUntil.getTime() > at.getTime()) {
      await inTransaction(this.ds, (m) => record(m, false, 'ACCOUNT_LOCKED'));
      throw LOCKED(account.lockedUntil);
    }
    if (!account || !ok) {
      const lockedUntil = await inTransaction(this.ds, async (m) => {
        await record(m, false, 'INVALID_CREDENTIALS');
        if (!account) return null;
        // Atomic increment: concurrent failures on several instances all count.
        await m
          .createQueryBuilder()
          .update(Account)
          .set({ failedLoginCount: () => 'COALESCE(failed_login_count, 0) + 1' })
          .where('id = :id', { id: account.id })
          .execute();
        const row = await m.findOne(Account, { where: { id: account.id }, select: { id: true, failedLoginCount: true } });
        if ((row?.failedLoginCount ?? 0) < this.policy.maxFailures) return null;
        const until = new Date(at.getTime() + this.policy.lockMinutes * 60_000);
        await m.update(Account, { id: account.id }, { failedLoginCount: 0, lockedUntil: until });
        return until;
      });
      if (lockedUntil) throw LOCKED(lockedUntil);
      throw INVALID();
    }
    if (account.status !== AccountStatus.ACTIVE) {
      await inTransaction(this.ds, (m) => record(m, false, `ACCOUNT_${account.status}`));
      throw new DomainError('FORBIDDEN', `ACCOUNT_${account.status}`, `This account is ${account.status.toLowerCase()} and cannot sign in`);
    }
    const result = await this.issue(account);
    await inTransaction(this.ds, async (m) => {
      await record(m, true, null);
      await m.update(Account, { id: account.id }, { lastLoginAt: at, failedLoginCount: 0, lockedUntil: null });
    });
    account.lastLoginAt = at;
    account.lockedUntil = null;
    return result;
  }

  private async issue(account: Account): Promise<LoginResult> {
    const segmentIds = (await this.accountSegments.findBy({ accountId: account.id })).map((s) => s.segmentId).sort();
    const viewer: Viewer = { accountId: account.id, employeeId: account.employeeId, role: account.role, segmentIds };
    const { token, expiresAt } = await signToken(this.auth, viewer);
    return { token, expiresAt, account };
  }

  /**
   * The signed-in account changes its own password: the current one must be right, the new one
   * must pass the password rules. Every token issued before is revoked; a fresh one is returned.
   */
  async changePassword(viewer: Viewer, currentPassword: string, newPassword: string): Promise<LoginResult> {
    const account = await this.accounts.findOneBy({ id: viewer.accountId });
    if (!account || account.status !== AccountStatus.ACTIVE) throw forbidden('ACCOUNT_NOT_ACTIVE', 'Only an active account can change its password');
    if (!(await verifyPassword(currentPassword, account.passwordHash))) throw new DomainError('FORBIDDEN', 'WRONG_CURRENT_PASSWORD', 'The current password is incorrect');
    await this.setPassword(account, newPassword, false);
    return this.issue(account);
  }

  /** SYSTEM_ADMIN sets a new password for an account (also lifts a lockout); the account's tokens are revoked. */
  async resetPassword(viewer: Viewer, accountId: string, newPassword: string): Promise<Account> {
    if (viewer.role !== Role.SYSTEM_ADMIN) throw forbidden('PASSWORD_RESET_FORBIDDEN', 'Only a system administrator may reset a password');
    const account = await this.accounts.findOneBy({ id: accountId });
    if (!account) throw notFound('Account', accountId);
    await this.setPassword(account, newPassword, true);
    return account;
  }

  private async setPassword(account: Account, newPassword: string, unlock: boolean): Promise<void> {
    const problems = passwordProblems(newPassword, account.email);
    if (problems.length) throw TOO_WEAK(problems);
    const passwordHash = await hashPassword(newPassword);
    const now = this.now();
    const changes: Partial<Account> = { passwordHash, tokensNotBefore: now, updatedAt: now, version: account.version + 1 };
    if (unlock) Object.assign(changes, { lockedUntil: null, failedLoginCount: 0 });
    await inTransaction(this.ds, (m) => m.update(Account, { id: account.id }, changes));
    Object.assign(account, changes);
  }

  /**
   * The token revocation feed, one set-based query: every account that is not ACTIVE (all its
   * tokens refused), and every account whose tokens_not_before is still inside a token's lifetime.
   */
  async revocations(): Promise<Revocation[]> {
    const cutoff = new Date(this.now().getTime() - this.auth.tokenTtlSeconds * 1000);
    const rows = await this.accounts
      .createQueryBuilder('a')
      .select(['a.id', 'a.status', 'a.tokensNotBefore'])
      .where('a.status <> :active OR a.tokensNotBefore > :cutoff', { active: AccountStatus.ACTIVE, cutoff })
      .getMany();
    return rows.map((a) => ({
      accountId: a.id,
      notBefore: a.status !== AccountStatus.ACTIVE ? null : Math.floor(a.tokensNotBefore!.getTime() / 1000),
    }));
  }
}

/** Accounts as data: who may list which (SYSTEM_ADMIN and executives all; segment admins their segments). */
export class AccountService {
  private readonly accounts: Repository<Account>;
  private readonly accountSegments: Repository<AccountSegment>;

  constructor(ds: DataSource) {
    this.accounts = ds.getRepository(Account);
    this.accountSegments = ds.getRepository(AccountSegment);
  }

  byIds(ids: readonly string[]): Promise<Account[]> {
    return this.accounts.findBy({ id: In([...ids]) });
  }

  segmentLinks(accountIds: readonly string[]): Promise<AccountSegment[]> {
    return this.accountSegments.findBy({ accountId: In([...accountIds]) });
  }

  list(viewer: Viewer, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<Account>> {
    const qb = this.accounts.createQueryBuilder('a');
    if (viewer.role === Role.SEGMENT_ADMIN) {
      // "System information" (user lists) is isolated per segment (domain.md §3.1.3 rule 3).
      if (viewer.segmentIds.length === 0) qb.andWhere('1 = 0');
      else
        qb.andWhere('a.id IN (SELECT s.account_id FROM account_segment s WHERE s.segment_id IN (:...segs))', {
          segs: viewer.segmentIds,
        });
    } else if (viewer.role !== Role.SYSTEM_ADMIN && viewer.role !== Role.GROUP_EXECUTIVE) {
      throw forbidden('ACCOUNT_LIST_FORBIDDEN', 'Only administrators and executives may list accounts');
    }
    return paginate(qb, page, sort);
  }
}
