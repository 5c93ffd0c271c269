import { DEMO_CUSTOMER_COUNT, DEMO_SEGMENTS, demoCustomerId, demoCustomerSegment, canReadSegment, notFound, ParentDirectory, systemClock } from '@group/shared';
import { startSubgraph, TestDbKind, TestSubgraph } from '@group/shared/testing';
import { marketingModule } from '../module';
import { createMarketingServices, MarketingLoaders, MarketingServices } from '../context';

/** Test support for the marketing subgraph (used by the *.test.ts files only). */

/** marketing on a fresh database, run in process (the shared harness's `startSubgraph`). */
export type MarketingTestApp = TestSubgraph<MarketingServices, MarketingLoaders>;

export interface StartMarketingOptions {
  /** Names the test database. */
  label: string;
}

/**
 * Without customer-service, its answer to "which opportunity does this viewer see" is played here:
 * every opportunity is RESI's (the graph tests ask the real one).
 */
const resiParents: ParentDirectory = {
  visible: async (viewer, typename, id) => {
    const resi = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!.id;
    if (!canReadSegment(viewer, resi)) throw notFound(typename, id);
    return { segmentId: resi };
  },
};

/**
 * Starts marketing for a test file the way production does (migrate + seed the demo data):
 * `beforeAll(async () => (mkt = await startMarketing(kind, { label })))`, `afterAll(() => mkt?.stop())`.
 * Then `mkt.exec(viewer, query, variables)`, `mkt.ok(...)`, `mkt.fails(...)` (the shared harness).
 */
export function startMarketing(kind: TestDbKind, opts: StartMarketingOptions): Promise<MarketingTestApp> {
  return startSubgraph(kind, marketingModule, { label: opts.label, services: (ds) => createMarketingServices(ds, systemClock, resiParents) });
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
