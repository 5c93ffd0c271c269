import { In, type EntityManager } from 'typeorm';
import { demoEmployeeRoster, lockForUpdate, type EmployeeState } from '@group/shared';
import { RosterEmployee, RosterStatus } from './employee-roster.entity';
import { rosterErrors as errors } from './roster.errors';

/** An employee as organization describes it (an Employee* event's payload, or a repair read), at organization's version. */
export type RosterEntry = Pick<EmployeeState, 'employeeId' | 'companyId' | 'departmentId' | 'segmentIds' | 'status'> & { version: number };

/**
 * Writes organization's view of one employee into the roster unless the roster already holds that
 * version or a newer one (a late event or a repair read taken before an event never undoes it).
 * Runs in the caller's transaction; the row is locked first. Returns true when it changed the roster.
 */
export async function recordRosterEmployee(m: EntityManager, e: RosterEntry, at: Date): Promise<boolean> {
  const row = await lockForUpdate(m, RosterEmployee, { employeeId: e.employeeId });
  if (row && row.version >= e.version) return false;
  const values = {
    companyId: e.companyId,
    departmentId: e.departmentId ?? null,
    segmentIdsJson: JSON.stringify([...e.segmentIds].sort()),
    status: e.status === 'DEPARTED' ? RosterStatus.LEFT : RosterStatus.ACTIVE,
    version: e.version,
    updatedAt: at,
  };
  if (row) await m.update(RosterEmployee, { employeeId: e.employeeId }, values);
  else await m.insert(RosterEmployee, { employeeId: e.employeeId, ...values });
  return true;
}

/** Why an employee cannot be named as an assignee or owner of a record of `segmentId`, or null. */
export interface RosterProblem {
  reason: 'EMPLOYEE_NOT_FOUND' | 'EMPLOYEE_LEFT' | 'EMPLOYEE_NOT_IN_SEGMENT';
  message: string;
}

/**
 * The rule every path that names an assignee or owner passes (in the service, inside its
 * transaction): the employee must be on the roster (EMPLOYEE_NOT_FOUND), not have left
 * (EMPLOYEE_LEFT), and, when the record belongs to a segment, work in it (EMPLOYEE_NOT_IN_SEGMENT:
 * a segment's records go to that segment's people, CS-R38). Records already assigned to someone who
 * has left stay as they are (a head reassigns them); only new assignments are refused.
 * One answer per request, in order (one read per 500 employees).
 */
export async function rosterProblems(m: EntityManager, wanted: { employeeId: string; segmentId: string | null }[]): Promise<(RosterProblem | null)[]> {
  const ids = [...new Set(wanted.map((w) => w.employeeId))];
  const rows = new Map<string, RosterEmployee>();
  for (let i = 0; i < ids.length; i += 500) for (const r of await m.findBy(RosterEmployee, { employeeId: In(ids.slice(i, i + 500)) })) rows.set(r.employeeId, r);
  return wanted.map(({ employeeId, segmentId }) => {
    const row = rows.get(employeeId);
    if (!row) return { reason: 'EMPLOYEE_NOT_FOUND', message: `Employee ${employeeId} is not an employee of the group (not on the employee roster)` };
    if (row.status === RosterStatus.LEFT) return { reason: 'EMPLOYEE_LEFT', message: `Employee ${employeeId} has left and cannot be given new assignments or records` };
    if (segmentId && !(JSON.parse(row.segmentIdsJson) as string[]).includes(segmentId))
      return { reason: 'EMPLOYEE_NOT_IN_SEGMENT', message: `Employee ${employeeId} does not work in segment ${segmentId}: a segment's records go to its own people (CS-R38)` };
    return null;
  });
}

/** `rosterProblems` for one employee, as a BAD_USER_INPUT error (see there). */
export async function assertAssignable(m: EntityManager, employeeId: string, segmentId: string | null): Promise<void> {
  const [problem] = await rosterProblems(m, [{ employeeId, segmentId }]);
  if (problem?.reason === 'EMPLOYEE_NOT_FOUND') throw errors.employeeNotFound(employeeId);
  if (problem?.reason === 'EMPLOYEE_LEFT') throw errors.employeeLeft(employeeId);
  if (problem) throw errors.notInSegment(employeeId, segmentId);
}

/**
 * The demo employees organization seeds (shared demoEmployeeRoster), at version 1 (organization's
 * seeded rows' version): the roster of a demo database, and of tests that run customer-service alone.
 * Inserts only the employees missing; idempotent.
 */
export async function seedDemoRoster(m: EntityManager, at: Date = new Date()): Promise<number> {
  const known = new Set((await m.find(RosterEmployee, { select: { employeeId: true } })).map((r) => r.employeeId));
  const rows = demoEmployeeRoster()
    .filter((e) => !known.has(e.employeeId))
    .map((e) => ({
      employeeId: e.employeeId,
      companyId: e.companyId,
      departmentId: e.departmentId,
      segmentIdsJson: JSON.stringify(e.segmentIds),
      status: RosterStatus.ACTIVE,
      version: 1,
      updatedAt: at,
    }));
  for (let i = 0; i < rows.length; i += 200) await m.insert(RosterEmployee, rows.slice(i, i + 200));
  return rows.length;
}
