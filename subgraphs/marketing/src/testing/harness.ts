import type { GraphQLFormattedError } from 'graphql';
import {
  createSubgraphApp,
  DatabaseConfig,
  DEMO_CUSTOMER_COUNT,
  DEMO_SEGMENTS,
  demoCustomerId,
  demoCustomerSegment,
  demoSegmentPersonId,
  loadSubgraphConfig,
  canReadSegment,
  Capability,
  notFound,
  Role,
  stableId,
  SubgraphApp,
  Viewer,
} from '@group/shared';
import { marketingModule } from '../module';
import type { MarketingLoaders, MarketingServices } from '../context';

/** Test support for the marketing subgraph (used by the *.test.ts files only). */
export type MarketingApp = SubgraphApp<MarketingServices, MarketingLoaders>;

export interface OperationResult<D = Record<string, any>> {
  data?: D | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * The real start-up sequence (migrate + seed) against a test database. Without
 * customer-service, its answer to "which opportunity does this viewer see" is
 * played here: every opportunity is RESI's (the graph tests ask the real one).
 */
export async function startMarketing(database: DatabaseConfig): Promise<MarketingApp> {
  const config = loadSubgraphConfig('MARKETING', 0, { NODE_ENV: 'test' });
  config.database = database;
  const app = await createSubgraphApp(marketingModule, config);
  const resi = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!.id;
  app.services.competitors.parents = {
    visible: async (viewer, typename, id) => {
      if (!canReadSegment(viewer, resi)) throw notFound(typename, id);
      return { segmentId: resi };
    },
  };
  return app;
}

/** Runs one operation in process, as `viewer` (null = no token). */
export async function run<D = Record<string, any>>(app: MarketingApp, viewer: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<OperationResult<D>> {
  const res = await app.server.apollo.executeOperation({ query, variables }, { contextValue: app.createContext({ requestId: 't', viewer }) });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return res.body.singleResult as OperationResult<D>;
}

/** Like `run`, but fails on any error and returns the data. */
export async function ok<D = Record<string, any>>(app: MarketingApp, viewer: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<D> {
  const r = await run<D>(app, viewer, query, variables);
  if (r.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.data as D;
}

/** `extensions.code` / `extensions.reason` of the first error. */
export const errorOf = (r: OperationResult) => ({ code: r.errors?.[0]?.extensions?.code, reason: r.errors?.[0]?.extensions?.reason });

export const segmentId = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!.id;

/** Viewers as the organization subgraph's demo accounts would sign in. */
export const viewers = {
  executive: (): Viewer => ({ accountId: stableId('account', 'executive'), employeeId: stableId('employee', 'executive'), role: Role.GROUP_EXECUTIVE, segmentIds: [] }),
  sysadmin: (): Viewer => ({ accountId: stableId('account', 'sysadmin'), employeeId: stableId('employee', 'sysadmin'), role: Role.SYSTEM_ADMIN, segmentIds: [] }),
  /** A job of another subgraph (customer-service's indicator publisher): SYSTEM_ADMIN with the SYSTEM_INTEGRATION capability. */
  integration: (): Viewer => ({ accountId: 'system:customer-service', employeeId: null, role: Role.SYSTEM_ADMIN, segmentIds: [], capabilities: [Capability.SYSTEM_INTEGRATION] }),
  head: (seg: string): Viewer => person(seg, 'head', Role.SEGMENT_HEAD),
  staff: (seg: string): Viewer => person(seg, 'staff', Role.BUSINESS_STAFF),
  admin: (seg: string): Viewer => person(seg, 'admin', Role.SEGMENT_ADMIN),
};

function person(seg: string, who: 'head' | 'staff' | 'admin', role: Role): Viewer {
  return { accountId: stableId('account', `${who}.${seg.toLowerCase()}`), employeeId: demoSegmentPersonId(seg, who), role, segmentIds: [segmentId(seg)] };
}

/** Demo customer numbers of one segment. */
export function customersOf(seg: string): number[] {
  const out: number[] = [];
  for (let n = 0; n < DEMO_CUSTOMER_COUNT; n++) if (demoCustomerSegment(n).code === seg) out.push(n);
  return out;
}

/** Seeded number of assignments of demo customer n (see database/seed.ts). */
export const seededAssignmentCount = (n: number) => 2 + (n % 3);

export const customerId = demoCustomerId;
