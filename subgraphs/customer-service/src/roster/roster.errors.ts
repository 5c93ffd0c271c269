import { badInput, DomainError } from '@group/shared';

/** The stable error reasons of the employee roster (extensions.reason). */
export const rosterErrors = {
  // NOT_FOUND, as organization answers for an unknown employee.
  employeeNotFound: (employeeId: string) =>
    new DomainError('NOT_FOUND', 'EMPLOYEE_NOT_FOUND', `Employee ${employeeId} is not an employee of the group (not on the employee roster)`, { employeeId }),
  employeeLeft: (employeeId: string) => badInput('EMPLOYEE_LEFT', `Employee ${employeeId} has left and cannot be given new assignments or records`, { employeeId }),
  notInSegment: (employeeId: string, segmentId: string | null) =>
    badInput('EMPLOYEE_NOT_IN_SEGMENT', `Employee ${employeeId} does not work in segment ${segmentId}: a segment's records go to its own people (CS-R38)`, {
      employeeId,
      segmentId,
    }),
  directoryUnavailable: (why: string) =>
    new DomainError('UNAVAILABLE', 'EMPLOYEE_DIRECTORY_UNAVAILABLE', `organization's employees could not be read (${why}); retry`, { retryable: true }),
};
