import { forbidden, type Viewer } from '@group/shared';

/**
 * The write-scope reasons every customer-service aggregate shares (scope.ts, crm/crm-access.ts):
 * who may create or change business records, and where. An aggregate's own reasons, even under
 * the same reason name (e.g. a ROLE_FORBIDDEN of its own), stay in its `<aggregate>.errors.ts`.
 */
export const scopeErrors = {
  roleForbidden: (viewer: Viewer) => forbidden('ROLE_FORBIDDEN', `Role ${viewer.role} cannot create customer-service records`),
  segmentForbidden: () => forbidden('SEGMENT_FORBIDDEN', 'You can only create records in your own segments'),
  complaintSegmentForbidden: () => forbidden('SEGMENT_FORBIDDEN', 'Only staff of the complaint segment or branch, or of the group customer service center, can handle it'),
  notRecordOwner: (what: string) => forbidden('NOT_RECORD_OWNER', `Business staff can only change their own ${what}`),
  marketingOperatorOnly: () => forbidden('MARKETING_OPERATOR_ONLY', 'Only the group marketing department can move a record to another segment (CS-R36)'),
};
