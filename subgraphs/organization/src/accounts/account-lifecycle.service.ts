import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import {
  Clock,
  ConnectionShape,
  hashPassword,
  idempotentCreate,
  inTransaction,
  lockForUpdate,
  newId,
  notFound,
  PageArgs,
  paginate,
  preciseNow,
  Role,
  SortSpec,
  updateWithVersion,
  Viewer,
} from '@group/shared';
import { Account, AccountSegment, AccountStatus } from './account.entity';
import { AccountChangeKind, AccountChangeRequest, AccountChangeRequestSegment, AccountChangeState } from './account-change.entity';
import { Employee, EmployeeChange } from '../employees/employee.entity';
import { Segment } from '../companies/company.entity';
import { assertRoleBackedByPosition } from './role-grant';
import { accountRevocationChanged } from './account-events';
import { accountErrors as errors } from './account.errors';
import { commonErrors } from '../common/common.errors';

export interface SubmitAccountChange {
  kind: AccountChangeKind;
  employeeId: string;
  oaReference: string;
  reason: string;
  requestedRole?: Role | null;
  requestedSegmentIds?: string[] | null;
  idempotencyKey?: string | null;
}

export interface AccountChangeFilter {
  state?: AccountChangeState | null;
  kind?: AccountChangeKind | null;
  employeeId?: string | null;
  segmentId?: string | null;
  isLate?: boolean | null;
}

export interface ImplementResult {
  request: AccountChangeRequest;
  account: Account;
  /** OPEN only: the temporary password, shown once to the implementer. */
  temporaryPassword: string | null;
}

/**
 * The group marketing department operator (domain.md §3.1.2 last column): an account whose employee
 * belongs to the group company's MKT department; executives excepted (they act as "leaders").
 * Also decides the MARKETING_OPERATOR capability signed into tokens at sign-in.
 */
export async function isMarketingOperator(ds: DataSource, viewer: Pick<Viewer, 'employeeId' | 'role'>): Promise<boolean> {
  if (!viewer.employeeId || viewer.role === Role.GROUP_EXECUTIVE) return false;
  const row = await ds
    .createQueryBuilder()
    .select('e.id', 'id')
    .from('employee', 'e')
    .innerJoin('department', 'd', 'd.id = e.department_id')
    .innerJoin('company', 'c', 'c.id = d.company_id')
    .where('e.id = :id AND d.code = :mkt AND c.kind = :group', { id: viewer.employeeId, mkt: 'MKT', group: 'GROUP' })
    .getRawOne();
  return !!row;
}

/** Roles that hold segments (the other two are group-level: executive, system admin). */
const SEGMENT_ROLES = new Set([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF, Role.SEGMENT_ADMIN]);

/** A request awaiting decision or implementation: a person has at most one (WF-CRM-1). */
const PENDING = [AccountChangeState.SUBMITTED, AccountChangeState.APPROVED];

/**
 * CRM account lifecycle (domain.md WF-CRM-1 = flow A1, WF-CRM-2 = flow A2, §3.1.2):
 * - submit: the segment admin only, for employees of a company hosting one of their segments;
 *   late when after the employee change's one-working-day deadline; one pending (submitted or
 *   approved) request per person, under a lock on the employee row;
 * - the role a request grants must follow from the person's positions (role-grant.ts, CS-R38),
 *   checked at submission, approval and implementation;
 * - approve/reject: a "leader" — G-12 proposal as built: the SEGMENT_HEAD of one of the request's
 *   segments, or a GROUP_EXECUTIVE;
 * - implement: the group marketing department operator (an account whose employee belongs to the
 *   group company's MKT department, executives excepted) or a SYSTEM_ADMIN on its behalf;
 *   one transaction, and the account's earlier tokens are revoked (tokens_not_before);
 * - pre-emptive freeze (A2): the operator or SYSTEM_ADMIN directly.
 */
export class AccountLifecycleService {
  private readonly requests: Repository<AccountChangeRequest>;
  private readonly requestSegments: Repository<AccountChangeRequestSegment>;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {
    this.requests = ds.getRepository(AccountChangeRequest);
    this.requestSegments = ds.getRepository(AccountChangeRequestSegment);
  }

  /** The group marketing department operator capability (domain.md §3.1.2 last column). */
  isMarketingOperator(viewer: Viewer): Promise<boolean> {
    return isMarketingOperator(this.ds, viewer);
  }

  private async requireImplementer(viewer: Viewer, what: string): Promise<void> {
    if (viewer.role === Role.SYSTEM_ADMIN) return; // on behalf of the marketing department
    if (!(await this.isMarketingOperator(viewer))) throw commonErrors.notMarketingOperator(what);
  }

  async submit(viewer: Viewer, input: SubmitAccountChange): Promise<AccountChangeRequest> {
    if (viewer.role !== Role.SEGMENT_ADMIN) throw errors.onlySegmentAdminSubmits();
    return idempotentCreate(
      this.ds,
      viewer,
      'submitAccountChange',
      input.idempotencyKey,
      input,
      async (m, id) => {
        // One pending request per person: the employee row owns the rule. Locked before any other read
        // of this transaction, so the count below sees every committed request (MariaDB snapshots).
        const employee = await lockForUpdate(m, Employee, { id: input.employeeId });
        if (!employee) throw notFound('Employee', input.employeeId);
        const companySegments = await m.findBy(Segment, { companyId: employee.companyId });
        if (!companySegments.some((s) => viewer.segmentIds.includes(s.id))) throw errors.employeeOutsideSegment();

        // CS-R31: the form states the reason for the change (and its OA reference), not just blanks.
        if (!input.reason.trim()) throw errors.reasonRequired();
        if (!input.oaReference.trim()) throw errors.oaReferenceRequired();
        const needsTarget = input.kind === AccountChangeKind.OPEN || input.kind === AccountChangeKind.PERMISSION_CHANGE;
        const requestedSegmentIds = [...new Set(input.requestedSegmentIds ?? [])];
        if (needsTarget) {
          if (!input.requestedRole) throw errors.requestedRoleRequired();
          if (SEGMENT_ROLES.has(input.requestedRole) && requestedSegmentIds.length === 0) throw errors.requestedSegmentsRequired(input.requestedRole);
          if (!SEGMENT_ROLES.has(input.requestedRole) && requestedSegmentIds.length > 0) throw errors.groupRoleHasNoSegment(input.requestedRole);
          const outside = requestedSegmentIds.filter((s) => !viewer.segmentIds.includes(s));
          if (outside.length) throw errors.segmentOutsideScope();
        } else if (input.requestedRole || requestedSegmentIds.length) {
          throw errors.noTargetForKind(input.kind);
        }

        const account = await m.findOne(Account, { where: { employeeId: employee.id, status: In([AccountStatus.ACTIVE, AccountStatus.FROZEN]) } });
        if (input.kind === AccountChangeKind.OPEN && account) throw errors.accountExists();
        if (input.kind !== AccountChangeKind.OPEN && !account) throw errors.noAccount();
        if (input.kind === AccountChangeKind.FREEZE && account?.status !== AccountStatus.ACTIVE) throw errors.accountNotActiveToFreeze();
        if (input.kind === AccountChangeKind.UNFREEZE && account?.status !== AccountStatus.FROZEN) throw errors.accountNotFrozenToUnfreeze();
        const current = account ? (await m.findBy(AccountSegment, { accountId: account.id })).map((l) => l.segmentId) : [];
        if (current.length && !current.some((s) => viewer.segmentIds.includes(s))) throw errors.accountOutsideSegment();
        if (await m.countBy(AccountChangeRequest, { employeeId: employee.id, state: In(PENDING) })) throw errors.accountChangePending();
        const requestedRole = needsTarget ? input.requestedRole! : null;
        await this.assertGrantBacked(m, { kind: input.kind, employeeId: employee.id, accountId: account?.id ?? null, requestedRole }, requestedSegmentIds);

        const now = this.clock();
        const dueBy = await this.deadlineFor(m, employee.id);
        const request: AccountChangeRequest = Object.assign(new AccountChangeRequest(), {
          id,
          kind: input.kind,
          state: AccountChangeState.SUBMITTED,
          employeeId: employee.id,
          accountId: account?.id ?? null,
          requestedRole,
          oaReference: input.oaReference.trim(),
          reason: input.reason.trim(),
          submittedById: viewer.accountId,
          submittedAt: now,
          dueBy,
          isLate: !!dueBy && now.getTime() > dueBy.getTime(),
          decidedById: null,
          decidedAt: null,
          decisionNote: null,
          implementedById: null,
          implementedAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        const segments = new Map<string, boolean>();
        for (const s of current) segments.set(s, false);
        for (const s of requestedSegmentIds) segments.set(s, true);
        if (segments.size === 0) for (const s of companySegments.filter((x) => viewer.segmentIds.includes(x.id))) segments.set(s.id, false);
        await m.insert(AccountChangeRequest, request);
        await m.insert(
          AccountChangeRequestSegment,
          [...segments].map(([segmentId, requested]) => ({ requestId: request.id, segmentId, requested })),
        );
        return request;
      },
      (id) => this.submittedVisibleTo(viewer, id),
      newId,
    );
  }

  /**
   * The role a request grants must be backed by the person's positions (role-grant.ts): OPEN and
   * PERMISSION_CHANGE the requested role and segments, UNFREEZE the account's own; other kinds grant none.
   */
  private async assertGrantBacked(
    m: EntityManager,
    request: Pick<AccountChangeRequest, 'kind' | 'employeeId' | 'accountId' | 'requestedRole'>,
    requestedSegmentIds: string[],
  ): Promise<void> {
    if (request.kind === AccountChangeKind.OPEN || request.kind === AccountChangeKind.PERMISSION_CHANGE) {
      return assertRoleBackedByPosition(m, request.employeeId, request.requestedRole!, requestedSegmentIds);
    }
    if (request.kind === AccountChangeKind.UNFREEZE && request.accountId) {
      const account = await m.findOneByOrFail(Account, { id: request.accountId });
      const segmentIds = (await m.findBy(AccountSegment, { accountId: account.id })).map((l) => l.segmentId);
      return assertRoleBackedByPosition(m, request.employeeId, account.role, segmentIds);
    }
  }

  /** A request sharing one of the (segment admin) viewer's segments: what `list` shows them. */
  private async submittedVisibleTo(viewer: Viewer, id: string): Promise<AccountChangeRequest | null> {
    if (viewer.segmentIds.length === 0) return null;
    return this.requests
      .createQueryBuilder('r')
      .where('r.id = :id', { id })
      .andWhere('EXISTS (SELECT 1 FROM account_change_request_segment s WHERE s.request_id = r.id AND s.segment_id IN (:...mine))', { mine: viewer.segmentIds })
      .getOne();
  }

  /**
   * The one-working-day deadline of the employee's latest departure/transfer not yet answered
   * by a request (domain.md WF-CRM-1); none for new hires (G-12 b).
   */
  private async deadlineFor(m: EntityManager, employeeId: string): Promise<Date | null> {
    const change = await m
      .createQueryBuilder(EmployeeChange, 'c')
      .where('c.employeeId = :employeeId AND c.accountChangeDueBy IS NOT NULL', { employeeId })
      .orderBy('c.at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getOne();
    if (!change) return null;
    const answered = await m.createQueryBuilder(AccountChangeRequest, 'r').where('r.employeeId = :employeeId AND r.submittedAt >= :at', { employeeId, at: change.at }).getCount();
    return answered ? null : change.accountChangeDueBy;
  }

  private async requestInScope(viewer: Viewer, id: string): Promise<{ request: AccountChangeRequest; segmentIds: string[] }> {
    const request = await this.requests.findOneBy({ id });
    if (!request) throw errors.accountChangeRequestNotFound(id);
    const segmentIds = (await this.requestSegments.findBy({ requestId: id })).map((s) => s.segmentId);
    return { request, segmentIds };
  }

  /** Approve or reject: the leader — the SEGMENT_HEAD of one of the request's segments, or a GROUP_EXECUTIVE (G-12 a). */
  async decide(viewer: Viewer, id: string, expectedVersion: number, approve: boolean, note: string | null): Promise<AccountChangeRequest> {
    const { request, segmentIds } = await this.requestInScope(viewer, id);
    const leader = viewer.role === Role.GROUP_EXECUTIVE || (viewer.role === Role.SEGMENT_HEAD && segmentIds.some((s) => viewer.segmentIds.includes(s)));
    if (!leader) throw errors.notLeader();
    if (request.state !== AccountChangeState.SUBMITTED) throw errors.requestAlreadyDecided(request.state);
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      // The person's positions may have changed since the submission.
      if (approve) await this.assertGrantBacked(m, request, await this.requestedSegmentsOf(m, id));
      return updateWithVersion(m, AccountChangeRequest, id, expectedVersion, {
        state: approve ? AccountChangeState.APPROVED : AccountChangeState.REJECTED,
        decidedById: viewer.accountId,
        decidedAt: now,
        decisionNote: note?.trim() || null,
        updatedAt: now,
      });
    });
  }

  /** The marketing department carries out an approved request: one transaction; earlier tokens revoked. */
  async implement(viewer: Viewer, id: string, expectedVersion: number): Promise<ImplementResult> {
    await this.requireImplementer(viewer, 'implement account changes');
    const { request } = await this.requestInScope(viewer, id);
    if (request.state !== AccountChangeState.APPROVED) throw errors.requestNotApproved(request.state);
    const now = this.clock();
    let temporaryPassword: string | null = null;
    let passwordHash: string | null = null;
    if (request.kind === AccountChangeKind.OPEN) {
      // Meets the password rules (4 classes, 20+ characters); the holder changes it at first sign-in.
      temporaryPassword = `Tmp-${randomBytes(12).toString('base64url')}9a`;
      passwordHash = await hashPassword(temporaryPassword);
    }
    return inTransaction(this.ds, async (m) => {
      const requested = await this.requestedSegmentsOf(m, id);
      // ... and since the approval.
      await this.assertGrantBacked(m, request, requested);
      let account: Account;
      if (request.kind === AccountChangeKind.OPEN) {
        const employee = await m.findOneByOrFail(Employee, { id: request.employeeId });
        if (await m.findOne(Account, { where: { employeeId: employee.id, status: In([AccountStatus.ACTIVE, AccountStatus.FROZEN]) } })) throw errors.accountExists();
        if (await m.findOneBy(Account, { email: employee.email.toLowerCase() })) throw errors.accountEmailTaken();
        account = Object.assign(new Account(), {
          id: newId(),
          email: employee.email.toLowerCase(),
          passwordHash: passwordHash!,
          role: request.requestedRole!,
          employeeId: employee.id,
          status: AccountStatus.ACTIVE,
          lastLoginAt: null,
          tokensNotBefore: now,
          failedLoginCount: null,
          lockedUntil: null,
          // the temporary password shown to the implementer must be replaced at first sign-in
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Account, account);
        if (requested.length)
          await m.insert(
            AccountSegment,
            requested.map((segmentId) => ({ accountId: account.id, segmentId })),
          );
      } else {
        const current = await m.findOneBy(Account, { id: request.accountId! });
        if (!current) throw notFound('Account', request.accountId!);
        account = await this.applyToAccount(m, viewer, current, request.kind, request.requestedRole, requested, now);
      }
      const done = await updateWithVersion(m, AccountChangeRequest, id, expectedVersion, {
        state: AccountChangeState.IMPLEMENTED,
        accountId: account.id,
        implementedById: viewer.accountId,
        implementedAt: now,
        updatedAt: now,
      });
      return { request: done, account, temporaryPassword };
    });
  }

  private async requestedSegmentsOf(m: EntityManager, requestId: string): Promise<string[]> {
    return (await m.findBy(AccountChangeRequestSegment, { requestId, requested: true })).map((s) => s.segmentId);
  }

  private async applyToAccount(m: EntityManager, viewer: Viewer, account: Account, kind: AccountChangeKind, role: Role | null, segmentIds: string[], now: Date): Promise<Account> {
    // The revocation to the millisecond (tokens of this second issued before it are refused); `now` is whole seconds.
    const next: Partial<Account> = { tokensNotBefore: preciseNow(this.clock), updatedAt: now };
    switch (kind) {
      case AccountChangeKind.CANCEL:
        if (account.status === AccountStatus.CANCELLED) throw errors.accountAlreadyCancelled();
        next.status = AccountStatus.CANCELLED;
        break;
      case AccountChangeKind.FREEZE:
        if (account.status !== AccountStatus.ACTIVE) throw errors.accountNoLongerActive(account.status);
        next.status = AccountStatus.FROZEN;
        break;
      case AccountChangeKind.UNFREEZE:
        if (account.status !== AccountStatus.FROZEN) throw errors.accountNoLongerFrozen(account.status);
        next.status = AccountStatus.ACTIVE;
        break;
      case AccountChangeKind.PERMISSION_CHANGE:
        if (account.status === AccountStatus.CANCELLED) throw errors.accountCancelled();
        next.role = role!;
        await m.delete(AccountSegment, { accountId: account.id });
        if (segmentIds.length)
          await m.insert(
            AccountSegment,
            segmentIds.map((segmentId) => ({ accountId: account.id, segmentId })),
          );
        break;
      default:
        throw errors.unknownKind(kind);
    }
    const updated = await updateWithVersion(m, Account, account.id, account.version, next);
    await accountRevocationChanged(m, viewer, updated, kind);
    return updated;
  }

  /** Flow A2: pre-emptive freeze of a person likely to leave, by the marketing operator (or SYSTEM_ADMIN) directly. */
  async freeze(viewer: Viewer, accountId: string, expectedVersion: number): Promise<Account> {
    await this.requireImplementer(viewer, 'freeze an account');
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      const account = await m.findOneBy(Account, { id: accountId });
      if (!account) throw notFound('Account', accountId);
      // The client's version guards the update (stale → CONFLICT / STALE_VERSION).
      return this.applyToAccount(m, viewer, Object.assign(account, { version: expectedVersion }), AccountChangeKind.FREEZE, null, [], now);
    });
  }

  /** Scoped list: segment admins and heads their segments; operators, executives and system admins all. */
  async list(viewer: Viewer, filter: AccountChangeFilter, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<AccountChangeRequest>> {
    const qb = this.requests.createQueryBuilder('r');
    if (viewer.role === Role.SEGMENT_ADMIN || viewer.role === Role.SEGMENT_HEAD) {
      if (viewer.segmentIds.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere('EXISTS (SELECT 1 FROM account_change_request_segment s WHERE s.request_id = r.id AND s.segment_id IN (:...mine))', { mine: viewer.segmentIds });
    } else if (viewer.role !== Role.GROUP_EXECUTIVE && viewer.role !== Role.SYSTEM_ADMIN && !(await this.isMarketingOperator(viewer))) {
      throw errors.accountChangeListForbidden();
    }
    if (filter.state) qb.andWhere('r.state = :state', { state: filter.state });
    if (filter.kind) qb.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.employeeId) qb.andWhere('r.employeeId = :employeeId', { employeeId: filter.employeeId });
    if (filter.isLate !== null && filter.isLate !== undefined) qb.andWhere('r.isLate = :isLate', { isLate: filter.isLate });
    if (filter.segmentId) qb.andWhere('EXISTS (SELECT 1 FROM account_change_request_segment f WHERE f.request_id = r.id AND f.segment_id = :seg)', { seg: filter.segmentId });
    return paginate(qb, page, sort);
  }

  /** Segments of requests (for the GraphQL field), batched. */
  segmentsOf(requestIds: readonly string[]): Promise<AccountChangeRequestSegment[]> {
    return this.requestSegments.findBy({ requestId: In([...requestIds]) });
  }
}
