import { forbidden } from '@group/shared';

/** The stable error reasons of the imports (extensions.reason); a file's row problems are reported per row, not thrown. */
export const importErrors = {
  customersForbidden: (role: string) => forbidden('ROLE_FORBIDDEN', `Role ${role} cannot create customers`),
  leadsForbidden: (role: string) => forbidden('ROLE_FORBIDDEN', `Role ${role} cannot create leads`),
  complaintsForbidden: (role: string) => forbidden('ROLE_FORBIDDEN', `Role ${role} cannot register complaints`),
};
