import type { EntityManager } from 'typeorm';
import { actorOf, emitEvent, type Viewer } from '@group/shared';
import { EmployeeStatus, type Employee } from './employee.entity';
import { Segment } from '../companies/company.entity';

/**
 * An employee's change as an event (shared/src/events/contract.ts), written in
 * the transaction of the change with the row as it is after it (its version is
 * the aggregate version): EmployeeLeft for a departure, EmployeeChanged for any
 * other status, department or reporting-line change. customer-service keeps its
 * employee roster (assignees and owners) from these.
 */
export async function employeeChanged(m: EntityManager, viewer: Viewer | null, e: Employee): Promise<void> {
  const segments = await m.find(Segment, { where: { companyId: e.companyId }, select: { id: true }, order: { id: 'ASC' } });
  await emitEvent(m, {
    type: e.status === EmployeeStatus.DEPARTED ? 'EmployeeLeft' : 'EmployeeChanged',
    aggregateId: e.id,
    aggregateVersion: e.version,
    segmentId: null,
    actor: actorOf(viewer),
    payload: { employeeId: e.id, companyId: e.companyId, departmentId: e.departmentId ?? null, segmentIds: segments.map((s) => s.id), status: e.status },
  });
}
