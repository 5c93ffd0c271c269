import type { ConsumerSpec, EventPayloads } from '@group/shared';
import { recordRosterEmployee } from './employee-roster';

/**
 * customer-service's employee roster fed by organization's employee events: applied in the
 * transaction that records the (employee, version) applied (consumer.ts), so a redelivered or
 * replayed event changes nothing; one consumer for the three types keeps an employee's events in order.
 */
export function employeeRosterConsumer(now: () => Date = () => new Date()): ConsumerSpec {
  return {
    name: 'customer-service-employee-roster',
    types: ['EmployeeCreated', 'EmployeeChanged', 'EmployeeLeft'],
    async apply(m, e) {
      const p = e.payload as EventPayloads['EmployeeChanged'];
      await recordRosterEmployee(m, { ...p, version: e.aggregateVersion }, now());
    },
  };
}
