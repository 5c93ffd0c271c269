import type { ImportSpec } from '@group/shared';
import { customerImportSpec } from './customer-import';
import { leadImportSpec } from './lead-import';
import { complaintImportSpec } from './complaint-import';

/** The import kinds of this subgraph, for the CLI (as operator: no viewer). */
export function importKinds(): Record<string, () => ImportSpec<unknown>> {
  return {
    customers: () => customerImportSpec(),
    leads: () => leadImportSpec(),
    complaints: () => complaintImportSpec(),
  };
}
