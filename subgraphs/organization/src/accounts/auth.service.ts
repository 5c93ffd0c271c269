import { DataSource, In, Repository } from 'typeorm';
import { AuthConfig, DomainError, inTransaction, Role, signToken, verifyPassword, Viewer, hashPassword, paginate, PageArgs, SortSpec, ConnectionShape, forbidden } from '@group/shared';
import { Account, AccountSegment, AccountStatus, LoginRecord } from './account.entity';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  account: Account;
}

const INVALID = () => new DomainError('UNAUTHENTICATED', 'INVALID_CREDENTIALS', 'Email or password is incorrect');

/** A hash to compare against when the email is unknown, so timing does not reveal which emails exist. */
let dummyHash: Promise<string> | undefined;

export class AuthService {
  private readonly accounts: Repository<Account>;
  private readonly accountSegments: Repository<AccountSegment>;
  private readonly logins: Repository<LoginRecord>;

  constructor(
    ds: DataSource,
    private readonly auth: AuthConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.accounts = ds.getRepository(Account);
    this.accountSegments = ds.getRepository(AccountSegment);
    this.logins = ds.getRepository(LoginRecord);
  }

  /** Verifies the password, records the attempt (domain.md login compliance needs it) and signs a token. */
  async login(emailInput: string, password: string): Promise<LoginResult> {
    const email = emailInput.trim().toLowerCase();
    const account = await this.accounts.findOneBy({ email });
    const ok = account ? await verifyPassword(password, account.passwordHash) : (await verifyPassword(password, await (dummyHash ??= hashPassword('x'))), false);
    const at = this.now();
    if (!account || !ok) {
      await this.logins.insert({ accountId: account?.id ?? null, email, at, success: false, failureReason: 'INVALID_CREDENTIALS' });
      throw INVALID();
    }
    if (account.status !== AccountStatus.ACTIVE) {
      await this.logins.insert({ accountId: account.id, email, at, success: false, failureReason: `ACCOUNT_${account.status}` });
      throw new DomainError('FORBIDDEN', `ACCOUNT_${account.status}`, `This account is ${account.status.toLowerCase()} and cannot sign in`);
    }
    const segmentIds = (await this.accountSegments.findBy({ accountId: account.id })).map((s) => s.segmentId).sort();
    const viewer: Viewer = { accountId: account.id, employeeId: account.employeeId, role: account.role, segmentIds };
    const { token, expiresAt } = await signToken(this.auth, viewer);
    await inTransaction(this.accounts.manager.connection, async (m) => {
      await m.insert(LoginRecord, { accountId: account.id, email, at, success: true, failureReason: null });
      await m.update(Account, { id: account.id }, { lastLoginAt: at });
    });
    account.lastLoginAt = at;
    return { token, expiresAt, account };
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
