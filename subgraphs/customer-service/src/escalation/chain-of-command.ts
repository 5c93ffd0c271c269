import { AuthConfig, integrationBearer, systemActor } from '@group/shared';
import { escalationErrors as errors } from './escalation.errors';

/** A department's place in its company's chain of command, as organization answers it. */
export interface DepartmentSuperior {
  /** The department's company. */
  companyId: string;
  /** Its parent department (null at the top of the company), with the employees holding the parent's head position (部门负责人). */
  parent: { id: string; name: string; heads: string[] } | null;
}

/**
 * The chain of command of departments (CS-R03). Organization owns departments and positions;
 * customer-service never reads its database: it asks through the graph. Called OUTSIDE any
 * transaction (a lock held while waiting on another service would block everyone behind it).
 */
export interface ChainOfCommand {
  /** The superior of each department id; ids organization does not know are absent. UNAVAILABLE when organization cannot answer. */
  superiors(departmentIds: readonly string[]): Promise<Map<string, DepartmentSuperior>>;
}

/** No organization configured (unit tests of other areas): complaints with a department cannot be escalated. */
export const noChainOfCommand: ChainOfCommand = {
  superiors: async (ids) => {
    if (!ids.length) return new Map();
    throw errors.chainUnavailable('no organization subgraph is configured');
  },
};

const SUPERIORS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Department { id company { id } parent { id name positions { rank holders { id } } } } } }`;

interface DepartmentAnswer {
  id: string;
  company: { id: string };
  parent: { id: string; name: string; positions: { rank: string; holders: { id: string }[] }[] } | null;
}

/**
 * Reads the chain of command from organization's `_entities` (Department → parent, its positions
 * ranked DEPARTMENT_HEAD and their current holders), at `organizationUrl` (ORGANIZATION_URL, the
 * address the revocation feed is read from), as a short-lived SYSTEM_ADMIN integration identity
 * signed with the shared key ring (organization reads every company's departments for it).
 */
export function organizationChainOfCommand(auth: AuthConfig, organizationUrl: string, timeoutMs = 10_000): ChainOfCommand {
  const bearer = integrationBearer(auth, systemActor('customer-service'));
  return {
    async superiors(ids) {
      const out = new Map<string, DepartmentSuperior>();
      const unique = [...new Set(ids)];
      if (!unique.length) return out;
      let body: { data?: { _entities?: (DepartmentAnswer | null)[] }; errors?: { message: string }[] };
      try {
        const res = await fetch(organizationUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer()}`, 'apollo-require-preflight': 'true' },
          body: JSON.stringify({ query: SUPERIORS, variables: { r: unique.map((id) => ({ __typename: 'Department', id })) } }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        body = (await res.json()) as typeof body;
        if (!res.ok || body.errors?.length) throw new Error(`HTTP ${res.status}: ${body.errors?.map((e) => e.message).join('; ') ?? ''}`);
      } catch (e) {
        throw errors.chainUnavailable((e as Error).message);
      }
      for (const d of body.data?._entities ?? []) {
        if (!d?.id) continue;
        const heads = d.parent?.positions.filter((p) => p.rank === 'DEPARTMENT_HEAD').flatMap((p) => p.holders.map((h) => h.id)) ?? [];
        out.set(d.id, { companyId: d.company.id, parent: d.parent ? { id: d.parent.id, name: d.parent.name, heads } : null });
      }
      return out;
    },
  };
}
