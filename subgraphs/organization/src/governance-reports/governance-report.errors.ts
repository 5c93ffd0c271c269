import { badInput } from '@group/shared';

/** The governance report aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const governanceReportErrors = {
  meetingNotOfReceivingBody: () => badInput('MEETING_NOT_OF_RECEIVING_BODY', 'A report is heard at a meeting of the body it is addressed to'),
  reportRouteInvalid: () =>
    badInput('REPORT_ROUTE_INVALID', "Reports go from the board or the board of supervisors to the shareholders' meeting, and from management to the board, of the same company"),
};
