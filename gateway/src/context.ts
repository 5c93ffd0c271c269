import type { Viewer } from '@group/shared';

/** The context of a gateway operation (HTTP requests and the subscriptions' queries). */
export interface GatewayContext {
  requestId: string;
  authorization?: string;
  /** Verified at the edge (subgraphs verify again); null without a token. */
  viewer: Viewer | null;
  /** Set only by the subscriptions (subscriptions.ts): the query that resolves an event, derived from a subscription already admitted. */
  liveEvent?: true;
}
