import { badInput, conflict, DomainError, forbidden, notFound } from '@group/shared';
import { AccountStatus } from './account.entity';

/** The accounts aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const accountErrors = {
  accountAlreadyCancelled: () => conflict('ACCOUNT_ALREADY_CANCELLED', 'The account is already cancelled'),
  // ACCOUNT_CANCELLED is sign-in's FORBIDDEN refusal; a reason has one code (docs/errors.md).
  accountCancelled: () => conflict('ACCOUNT_ALREADY_CANCELLED', 'A cancelled account cannot change permissions'),
  accountChangeListForbidden: () => forbidden('ACCOUNT_CHANGE_LIST_FORBIDDEN', 'You may not list account-change requests'),
  accountChangedDuringSignIn: () =>
    new DomainError('CONFLICT', 'ACCOUNT_CHANGED', 'The account changed (password, status or role) while signing in: sign in again', { retryable: true }),
  accountChangePending: () => conflict('ACCOUNT_CHANGE_PENDING', 'The employee already has an account-change request awaiting decision or implementation'),
  accountChangeRequestNotFound: (id: string) => notFound('AccountChangeRequest', id),
  accountEmailTaken: () => conflict('ACCOUNT_EMAIL_TAKEN', 'An account with this email already exists'),
  accountExists: () => conflict('ACCOUNT_EXISTS', 'The employee already has an account'),
  accountListForbidden: () => forbidden('ACCOUNT_LIST_FORBIDDEN', 'Only administrators and executives may list accounts'),
  accountNotActiveToFreeze: () => conflict('ACCOUNT_NOT_ACTIVE', 'Only an active account can be frozen'),
  accountNoLongerActive: (status: string) => conflict('ACCOUNT_NOT_ACTIVE', `Only an active account can be frozen (it is ${status})`),
  accountNotActiveForPasswordChange: () => conflict('ACCOUNT_NOT_ACTIVE', 'Only an active account can change its password'),
  /** A frozen or cancelled account's sign-in (the reason names the status). */
  accountNotSignInable: (status: AccountStatus.FROZEN | AccountStatus.CANCELLED) =>
    status === AccountStatus.FROZEN
      ? forbidden('ACCOUNT_FROZEN', 'This account is frozen and cannot sign in')
      : forbidden('ACCOUNT_CANCELLED', 'This account is cancelled and cannot sign in'),
  accountNotFrozenToUnfreeze: () => conflict('ACCOUNT_NOT_FROZEN', 'Only a frozen account can be unfrozen'),
  accountNoLongerFrozen: (status: string) => conflict('ACCOUNT_NOT_FROZEN', `Only a frozen account can be unfrozen (it is ${status})`),
  employeeOutsideSegment: () => forbidden('EMPLOYEE_OUTSIDE_SEGMENT', 'The employee does not belong to a company of your segment(s)'),
  accountOutsideSegment: () => forbidden('EMPLOYEE_OUTSIDE_SEGMENT', "The employee's account belongs to other segments"),
  groupRoleHasNoSegment: (requestedRole: string) => badInput('GROUP_ROLE_HAS_NO_SEGMENT', `${requestedRole} holds no segment`),
  /**
   * One answer for an unknown email, a wrong password and a locked account: same code, reason and
   * message, so sign-in does not reveal which emails exist or are locked (issue 5/7). The lock
   * itself is visible to administrators (`Account.lockedUntil`) and in the login records.
   */
  invalidCredentials: () =>
    new DomainError('UNAUTHENTICATED', 'INVALID_CREDENTIALS', 'Email or password is incorrect, or the account is temporarily locked after repeated failed sign-ins'),
  noAccount: () => conflict('NO_ACCOUNT', 'The employee has no open account'),
  noTargetForKind: (kind: string) => badInput('NO_TARGET_FOR_KIND', `${kind} takes no requested role or segments`),
  notLeader: () => forbidden('NOT_LEADER', "Only the segment's head or a group executive approves account changes"),
  oaReferenceRequired: () => badInput('OA_REFERENCE_REQUIRED', 'Give the reference of the approved OA form'),
  onlySegmentAdminSubmits: () => forbidden('ONLY_SEGMENT_ADMIN_SUBMITS', 'Only a segment administrator submits account-change requests (domain.md WF-CRM-1)'),
  passwordChangeRequired: () => new DomainError('FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', 'This account has a temporary password: sign in again with `newPassword` to set your own'),
  passwordResetForbidden: () => forbidden('PASSWORD_RESET_FORBIDDEN', 'Only a system administrator may reset a password'),
  passwordTooWeak: (rules: string[]) => new DomainError('BAD_USER_INPUT', 'PASSWORD_TOO_WEAK', `The password breaks these rules: ${rules.join(', ')}`, { failedRules: rules }),
  reasonRequired: () => badInput('REASON_REQUIRED', 'State the reason for the account change'),
  requestAlreadyDecided: (state: string) => conflict('REQUEST_ALREADY_DECIDED', `The request is ${state}`),
  requestedRoleRequired: () => badInput('REQUESTED_ROLE_REQUIRED', 'OPEN and PERMISSION_CHANGE need the requested role'),
  requestedSegmentsRequired: (requestedRole: string) => badInput('REQUESTED_SEGMENTS_REQUIRED', `${requestedRole} needs at least one segment`),
  requestNotApproved: (state: string) => conflict('REQUEST_NOT_APPROVED', `Only an approved request can be implemented (it is ${state})`),
  roleNotBackedByPosition: (message: string) => forbidden('ROLE_NOT_BACKED_BY_POSITION', message),
  segmentOutsideScope: () => forbidden('SEGMENT_OUTSIDE_SCOPE', 'You may request only segments you administer'),
  unknownKind: (kind: string) => badInput('UNKNOWN_KIND', `Unknown change ${kind}`),
  wrongCurrentPassword: () => new DomainError('FORBIDDEN', 'WRONG_CURRENT_PASSWORD', 'The current password is incorrect'),
};
