import type { DataSource } from 'typeorm';
import { inTransaction, integrationBearer, systemActor, type AuthConfig } from '@group/shared';
import { recordRosterEmployee, type RosterEntry } from './employee-roster';
import { rosterErrors as errors } from './roster.errors';

/** Reads every employee of organization, page by page (through the graph). */
export interface EmployeeDirectory {
  employees(): AsyncIterable<RosterEntry[]>;
}

const EMPLOYEES = `query($after: String) { employees(first: 50, after: $after) { edges { node { id version status company { id segments { id } } department { id } } } pageInfo { hasNextPage endCursor } } }`;

interface EmployeeNode {
  id: string;
  version: number;
  status: RosterEntry['status'];
  company: { id: string; segments: { id: string }[] };
  department: { id: string } | null;
}

/**
 * organization's `employees` query at `organizationUrl` (ORGANIZATION_URL, as the chain of command
 * reads it), as a short-lived SYSTEM_ADMIN integration identity signed with the shared key ring.
 */
export function organizationEmployeeDirectory(auth: AuthConfig, organizationUrl: string, timeoutMs = 10_000): EmployeeDirectory {
  const bearer = integrationBearer(auth, systemActor('customer-service'));
  return {
    async *employees() {
      let after: string | null = null;
      for (;;) {
        let body: { data?: { employees?: { edges: { node: EmployeeNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }; errors?: { message: string }[] };
        try {
          const res = await fetch(organizationUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer()}`, 'apollo-require-preflight': 'true' },
            body: JSON.stringify({ query: EMPLOYEES, variables: { after } }),
            signal: AbortSignal.timeout(timeoutMs),
          });
          body = (await res.json()) as typeof body;
          if (!res.ok || body.errors?.length || !body.data?.employees) throw new Error(`HTTP ${res.status}: ${body.errors?.map((e) => e.message).join('; ') ?? ''}`);
        } catch (e) {
          throw errors.directoryUnavailable((e as Error).message);
        }
        const page = body.data.employees;
        yield page.edges.map(({ node: n }) => ({
          employeeId: n.id,
          companyId: n.company.id,
          departmentId: n.department?.id ?? null,
          segmentIds: n.company.segments.map((s) => s.id),
          status: n.status,
          version: n.version,
        }));
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
        after = page.pageInfo.endCursor;
      }
    },
  };
}

/**
 * The roster's repair run (a scheduled job, like marketing's repair of its customer projection): reads
 * every employee from organization through the graph and writes the ones the roster lacks or holds at
 * an older version (an event missed, a feed consumer left behind the outbox retention). Versions keep
 * it from undoing a newer event. Each page is one transaction, written after the page was read.
 */
export class RosterRepair {
  constructor(
    private readonly ds: DataSource,
    private readonly directory: EmployeeDirectory,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(): Promise<{ read: number; changed: number }> {
    let read = 0;
    let changed = 0;
    for await (const page of this.directory.employees()) {
      read += page.length;
      changed += await inTransaction(this.ds, async (m) => {
        let n = 0;
        for (const e of page) if (await recordRosterEmployee(m, e, this.now())) n++;
        return n;
      });
    }
    return { read, changed };
  }
}
