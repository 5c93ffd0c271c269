import type { EntityManager } from 'typeorm';
import { newId, Role, Viewer } from '@group/shared';
import { GovernanceChange } from './governance-change.entity';
import { governanceErrors as errors } from './governance.errors';

/**
 * Who may CHANGE governance data (legal data, shareholdings, body seats,
 * memberships): only GROUP_EXECUTIVE, i.e. group management acting for the
 * group's governing bodies (D15: the group board recommends, dispatches and
 * appoints across the group). SYSTEM_ADMIN administers the CRM system, not
 * governance, and may read but not change it; segment roles may do neither
 * outside their companies and never change. Deny by default: any role not
 * listed here is refused with FORBIDDEN / GOVERNANCE_CHANGE_FORBIDDEN.
 */
const GOVERNANCE_EDITORS = new Set<Role>([Role.GROUP_EXECUTIVE]);

export function assertMayChangeGovernance(viewer: Viewer): void {
  if (!GOVERNANCE_EDITORS.has(viewer.role)) {
    throw errors.governanceChangeForbidden();
  }
}

export interface ChangeEntry {
  companyId: string;
  entityType: string;
  entityId: string;
  action: string;
  summary: string;
}

/** Appends to the governance change log inside the caller's transaction. */
export async function recordChange(m: EntityManager, viewer: Viewer, at: Date, e: ChangeEntry): Promise<void> {
  await m.insert(GovernanceChange, { id: newId(), ...e, actorAccountId: viewer.accountId, at });
}
