import { forbidden } from '../errors';

/** The error reasons of the audit log (audit.resolver.ts). */
export const auditErrors = {
  readForbidden: (what: string) => forbidden('AUDIT_READ_FORBIDDEN', `Your role may not read ${what}`),
};
