import { EntityManager, In } from 'typeorm';
import { lockForUpdate } from '@group/shared';
import { Employee } from '../employees/employee.entity';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { BodyMembership, MembershipStatus } from '../memberships/body-membership.entity';
import { Delegation, DelegationStatus } from '../delegations/delegation.entity';
import { CHARTER_POWERS, DECISION_POWERS, DelegatedPower, GovernanceMatter } from './authority';
import { AssignmentStatus, Position, PositionAssignment, PositionRank } from '../positions/position.entity';
import { governanceErrors as errors } from './governance.errors';

/** A power with the matter it covers (null: every matter). */
export interface HeldPower {
  power: DelegatedPower;
  matter: GovernanceMatter | null;
}

/** A party holding powers: `body:<id>`, `employee:<id>` or `department:<id>`. */
export type HolderKey = string;

/** What a seat gives its holder: directors and managers decide, supervisors supervise (D15 第一条). */
export function seatPowers(type: GoverningBodyType): HeldPower[] {
  switch (type) {
    case GoverningBodyType.BOARD_OF_DIRECTORS:
      return [{ power: DelegatedPower.MAJOR_DECISION, matter: null }];
    case GoverningBodyType.MANAGEMENT_LAYER:
      return [{ power: DelegatedPower.GENERAL_DECISION, matter: null }];
    case GoverningBodyType.BOARD_OF_SUPERVISORS:
      return [{ power: DelegatedPower.AUDIT_SUPERVISION, matter: null }];
    default:
      return [];
  }
}

/** Senior-management posts (副总裁以上): their holders execute and decide general matters. */
export const SENIOR_MANAGEMENT_RANKS = new Set([PositionRank.GROUP_VP_AND_ABOVE]);
export const SENIOR_MANAGEMENT_POWERS: HeldPower[] = [{ power: DelegatedPower.GENERAL_DECISION, matter: null }];

const overlaps = (a: GovernanceMatter | null, b: GovernanceMatter | null) => a === null || b === null || a === b;
// A delegation not yet started counts too: it will give the power.
const live = (d: Delegation, at: Date) => d.validTo === null || d.validTo > at;

/**
 * Every power a holder has in a company: a body's charter powers; a person's seats (on boards,
 * management, supervisors) and senior-management posts; and live delegations to the holder.
 */
export async function powersOf(m: EntityManager, companyId: string, key: HolderKey, at: Date): Promise<HeldPower[]> {
  const out: HeldPower[] = [];
  const [kind, id] = key.split(':');
  if (kind === 'body') {
    const body = await m.findOneBy(GoverningBody, { id });
    for (const p of body ? CHARTER_POWERS[body.type] : []) out.push({ power: p, matter: null });
  }
  if (kind === 'employee') {
    const seats = await m.find(BodyMembership, { where: { employeeId: id, status: MembershipStatus.ACTIVE, companyId } });
    const seatBodies = seats.length ? await m.findBy(GoverningBody, { id: In(seats.map((x) => x.bodyId)) }) : [];
    for (const b of seatBodies) out.push(...seatPowers(b.type));
    const posts = await m.find(PositionAssignment, { where: { employeeId: id, status: AssignmentStatus.ACTIVE, companyId } });
    const positions = posts.length ? await m.findBy(Position, { id: In(posts.map((x) => x.positionId)) }) : [];
    if (positions.some((p) => SENIOR_MANAGEMENT_RANKS.has(p.rank))) out.push(...SENIOR_MANAGEMENT_POWERS);
  }
  const [field, value] = kind === 'body' ? ['granteeBodyId', id] : kind === 'employee' ? ['granteeEmployeeId', id] : ['granteeDepartmentId', id];
  const rows = await m.find(Delegation, { where: { companyId, status: DelegationStatus.ACTIVE, [field]: value } });
  for (const d of rows) if (live(d, at)) out.push({ power: d.power, matter: d.matter });
  return out;
}

/**
 * ORG-R17 reads several rows of a person (seats, posts, delegations) that different paths write under
 * different locks (the body, the position, the company): every path that gives a person a seat, a post or a
 * power locks the person's employee row first (before any plain read and before the company, body or
 * position lock), so two such decisions for one person run one after the other. Answers the employee.
 */
export function lockPerson(m: EntityManager, employeeId: string): Promise<Employee | null> {
  return lockForUpdate(m, Employee, { id: employeeId });
}

/**
 * Separation of powers (ORG-R17, 三权分立): the one check of every path that gives a holder a seat,
 * a post or a power. No holder both decides and supervises overlapping matters in a company.
 */
export async function assertSeparationOfPowers(m: EntityManager, companyId: string, holder: HolderKey, gaining: HeldPower[], at: Date): Promise<void> {
  if (gaining.length === 0) return;
  const held = await powersOf(m, companyId, holder, at);
  const clashes = (a: HeldPower, b: HeldPower) =>
    overlaps(a.matter, b.matter) &&
    ((a.power === DelegatedPower.AUDIT_SUPERVISION && DECISION_POWERS.has(b.power)) || (b.power === DelegatedPower.AUDIT_SUPERVISION && DECISION_POWERS.has(a.power)));
  for (const g of gaining) {
    const clash = held.find((h) => clashes(g, h));
    if (clash) {
      throw errors.separationOfPowers(holder.startsWith('employee:'), clash.power, clash.matter);
    }
  }
}
