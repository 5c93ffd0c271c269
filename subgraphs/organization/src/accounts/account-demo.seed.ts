import type { EntityManager } from 'typeorm';
import { DEMO_COMPANIES, DEMO_SEGMENTS, demoSegmentPersonId, demoStaffEmployeeId, Role, stableId } from '@group/shared';
import { AccountStatus, LoginRecord, Account } from './account.entity';
import { AccountChangeKind, AccountChangeRequest, AccountChangeRequestSegment, AccountChangeState } from './account-change.entity';
import { ComplianceCircular, ComplianceCircularAccount, EconomicPenalty, PenaltyOffence, TravelPeriod } from '../compliance/compliance.entity';

const DAY = 86_400_000;
export const demoAccountId = (key: string) => stableId('account', key);
export const DEMO_OPERATOR_KEY = 'operator.mkt';
export const demoOperatorEmployeeId = () => stableId('employee', DEMO_OPERATOR_KEY);
export const DEMO_PENDING_REQUEST_ID = stableId('account-change', 'pending-open-JARE-SALES-3');
export const DEMO_CIRCULAR_ID = stableId('circular', 'demo');

/**
 * Demo data of the account lifecycle and login compliance, relative to `now`:
 * every account logs in each working day from three weeks before this week's Monday (the README's
 * "last three whole weeks", whatever weekday it is) up to today at 09:30 (UTC+8), except
 * staff.cons (never: inactive, on the issued circular, penalised), staff.comm (skips Wednesdays),
 * staff.engy (on a trip last week, one login that week) and staff.prop (same trip, two logins);
 * staff.trad is frozen; a pending OPEN request of the RESI segment admin.
 */
export async function seedAccountDemo(m: EntityManager, now: Date): Promise<void> {
  const audit = { createdAt: now, updatedAt: now, version: 1 };
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const thisMonday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  const lastMonday = thisMonday - 7 * DAY;
  const onTrip = new Set(['staff.engy', 'staff.prop']);
  const accounts = await m.find(Account, { select: { id: true, email: true } });
  const logins: Partial<LoginRecord>[] = [];
  for (const a of accounts) {
    const key = a.email.replace(/@example\.com$/, '');
    if (key === 'staff.cons') continue;
    for (let day = thisMonday - 21 * DAY; day < today; day += DAY) {
      const wd = new Date(day).getUTCDay();
      if (wd === 0 || wd === 6) continue;
      if (key === 'staff.comm' && wd === 3) continue;
      if (key === 'staff.trad' && day >= today - 3 * DAY) continue; // frozen since
      const inTripWeek = day >= lastMonday && day < lastMonday + 7 * DAY;
      if (onTrip.has(key) && inTripWeek) {
        const keep = key === 'staff.prop' ? wd === 2 || wd === 4 : wd === 3;
        if (!keep) continue;
      }
      logins.push({ accountId: a.id, email: a.email, at: new Date(day + 90 * 60_000), success: true, failureReason: null });
    }
  }
  for (let i = 0; i < logins.length; i += 300) await m.insert(LoginRecord, logins.slice(i, i + 300));

  await m.insert(
    TravelPeriod,
    ['ENGY', 'PROP'].map((seg) => ({
      id: stableId('travel', seg),
      employeeId: demoSegmentPersonId(seg, 'staff'),
      startsAt: new Date(lastMonday),
      endsAt: new Date(lastMonday + 5 * DAY),
      source: 'OA',
      ...audit,
    })),
  );

  await m.update(Account, { id: demoAccountId('staff.trad') }, { status: AccountStatus.FROZEN, tokensNotBefore: new Date(today - 3 * DAY) });

  const resi = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!.id;
  await m.insert(AccountChangeRequest, {
    id: DEMO_PENDING_REQUEST_ID,
    kind: AccountChangeKind.OPEN,
    state: AccountChangeState.SUBMITTED,
    employeeId: demoStaffEmployeeId('JARE', 'SALES', 3),
    accountId: null,
    requestedRole: Role.BUSINESS_STAFF,
    oaReference: 'OA-XXGL-2026-0142',
    reason: '新入职销售人员,需开通 CRM 业务人员账户',
    submittedById: demoAccountId('admin.resi'),
    submittedAt: new Date(today - DAY + 2 * 3_600_000),
    dueBy: null,
    isLate: false,
    decidedById: null,
    decidedAt: null,
    decisionNote: null,
    implementedById: null,
    implementedAt: null,
    ...audit,
  });
  await m.insert(AccountChangeRequestSegment, { requestId: DEMO_PENDING_REQUEST_ID, segmentId: resi, requested: true });

  const issuedAt = new Date(today - DAY + 3 * 3_600_000);
  await m.insert(ComplianceCircular, { id: DEMO_CIRCULAR_ID, oaReference: 'OA-TB-2026-0031', asOf: issuedAt, issuedById: demoAccountId(DEMO_OPERATOR_KEY), issuedAt, ...audit });
  await m.insert(ComplianceCircularAccount, { circularId: DEMO_CIRCULAR_ID, accountId: demoAccountId('staff.cons'), lastLoginAt: null });
  await m.insert(EconomicPenalty, {
    id: stableId('penalty', 'staff.cons'),
    accountId: demoAccountId('staff.cons'),
    companyId: DEMO_COMPANIES.find((c) => c.code === 'JACN')!.id,
    offence: PenaltyOffence.NO_LOGIN_TWO_WEEKS,
    amount: 200,
    ruleReference: 'JACN《CRM系统管理制度》第十条',
    circularId: DEMO_CIRCULAR_ID,
    // JACN has no CRM rules of its own in the demo: the group's CRM management policy applies (CS-R28)
    policyVersionId: stableId('policy-version', 'JA-CRM-1.0'),
    occurredAt: issuedAt,
    recordedById: demoAccountId(DEMO_OPERATOR_KEY),
    recordedAt: issuedAt,
    ...audit,
  });
}
