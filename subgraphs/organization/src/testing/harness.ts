import 'reflect-metadata';
import { createSubgraphApp, DEMO_SEGMENTS, loadSubgraphConfig, Role, SubgraphApp, SubgraphModule, Viewer } from '@group/shared';
import { createTestDatabase, TestDatabase, TestDbKind } from '../../../../shared/src/testing/databases';
import { organizationModule } from '../module';
import type { OrganizationLoaders, OrganizationServices } from '../context';

/** The organization subgraph on a fresh, seeded database, run in process. */
export interface OrgTestApp {
  app: SubgraphApp<OrganizationServices, OrganizationLoaders>;
  exec<T = any>(viewer: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: any[] }>;
  stop(): Promise<void>;
}

export async function startOrganization(kind: TestDbKind, label: string, module: SubgraphModule<OrganizationServices, OrganizationLoaders> = organizationModule): Promise<OrgTestApp> {
  const db: TestDatabase = await createTestDatabase(kind, label);
  const config = loadSubgraphConfig('ORGANIZATION', 0, { NODE_ENV: 'test' });
  config.database = db.config;
  let app: SubgraphApp<OrganizationServices, OrganizationLoaders>;
  try {
    app = await createSubgraphApp(module, config);
  } catch (e) {
    await db.drop();
    throw e;
  }
  return {
    app,
    async exec(viewer, query, variables) {
      const res = await app.server.apollo.executeOperation({ query, variables }, { contextValue: app.createContext({ requestId: 'test', viewer }) as never });
      if (res.body.kind !== 'single') throw new Error('unexpected incremental result');
      return res.body.singleResult as { data?: any; errors?: any[] };
    },
    async stop() {
      await app.stop();
      await db.drop();
    },
  };
}

/** Runs an operation and fails the test on any error. */
export async function ok<T = any>(t: OrgTestApp, viewer: Viewer, query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await t.exec<T>(viewer, query, variables);
  if (r.errors) throw new Error(JSON.stringify(r.errors, null, 2));
  return r.data as T;
}

/** Runs an operation expected to fail; returns the first error's extensions. */
export async function fails(t: OrgTestApp, viewer: Viewer, query: string, variables?: Record<string, unknown>): Promise<Record<string, any>> {
  const r = await t.exec(viewer, query, variables);
  if (!r.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(r.data)}`);
  return r.errors[0].extensions;
}

const seg = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!.id;
export const viewers = {
  executive: (): Viewer => ({ accountId: 'acc-exec', employeeId: null, role: Role.GROUP_EXECUTIVE, segmentIds: [] }),
  sysadmin: (): Viewer => ({ accountId: 'acc-sys', employeeId: null, role: Role.SYSTEM_ADMIN, segmentIds: [] }),
  head: (segment: string): Viewer => ({ accountId: `acc-head-${segment}`, employeeId: null, role: Role.SEGMENT_HEAD, segmentIds: [seg(segment)] }),
  staff: (segment: string): Viewer => ({ accountId: `acc-staff-${segment}`, employeeId: null, role: Role.BUSINESS_STAFF, segmentIds: [seg(segment)] }),
};
