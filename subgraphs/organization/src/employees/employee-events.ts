import type { EntityManager } from 'typeorm';
import { actorOf, emitEvent, type Viewer } from '@group/shared';
import { EmployeeStatus, type Employee } from './employee.entity';
import { Segment } from '../companies/company.entity';

/**
 * A new employee (a hire) as an EmployeeCreated event at version 1, in the transaction that
 * inserts the row: customer-service puts them on its roster, so they can be named an assignee or
 * owner as soon as the event is applied (not only after the hourly roster repair).
 */
export function employeeCreated(m: EntityManager, viewer: Viewer | null, e: Employee): Promise<void> {
  return employeeEvent(m, viewer, e, 'EmployeeCreated');
}

/**
 * An employee's change as an event (shared/src/events/contract.ts), written in
 * the transaction of the change with the row as it is after it (its version is
 * the aggregate version): EmployeeLeft for a departure, EmployeeChanged for any
 * other status, department or reporting-line change. customer-service keeps its
 * employee roster (assignees and owners) from these.
 */
export function employeeChanged(m: EntityManager, viewer: Viewer | null, e: Employee): Promise<void> {
  return employeeEvent(m, viewer, e, e.status === EmployeeStatus.DEPARTED ? 'EmployeeLeft' : 'EmployeeChanged');
}

async function employeeEvent(m: EntityManager, viewer: Viewer | null, e: Employee, type: 'EmployeeCreated' | 'EmployeeChanged' | 'EmployeeLeft'): Promise<void> {
  const segments = await m.find(Segment, { where: { companyId: e.companyId }, select: { id: true }, order: { id: 'ASC' } });
  await emitEvent(m, {
    type,
    aggregateId: e.id,
    aggregateVersion: e.version,
    segmentId: null,
    actor: actorOf(viewer),
    payload: { employeeId: e.id, companyId: e.companyId, departmentId: e.departmentId ?? null, segmentIds: segments.map((s) => s.id), status: e.status },
  });
}
