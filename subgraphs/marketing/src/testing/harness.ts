import {
  createSubgraphApp,
  DatabaseConfig,
  DEMO_CUSTOMER_COUNT,
  DEMO_SEGMENTS,
  demoCustomerId,
  demoCustomerSegment,
  loadSubgraphConfig,
  canReadSegment,
  notFound,
  SubgraphApp,
} from '@group/shared';
import { marketingModule } from '../module';
import type { MarketingLoaders, MarketingServices } from '../context';

/** Test support for the marketing subgraph (used by the *.test.ts files only). */
export type MarketingApp = SubgraphApp<MarketingServices, MarketingLoaders>;

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

/** Demo customer numbers of one segment. */
export function customersOf(seg: string): number[] {
  const out: number[] = [];
  for (let n = 0; n < DEMO_CUSTOMER_COUNT; n++) if (demoCustomerSegment(n).code === seg) out.push(n);
  return out;
}

/** Seeded number of assignments of demo customer n (see database/seed.ts). */
export const seededAssignmentCount = (n: number) => 2 + (n % 3);

export const customerId = demoCustomerId;
