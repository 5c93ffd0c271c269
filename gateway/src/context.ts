import type { Viewer } from '@group/shared';

/** The context of a gateway operation (HTTP requests and the subscriptions' queries). */
export interface GatewayContext {
  requestId: string;
  authorization?: string;
  /** Verified at the edge (subgraphs verify again); null without a token. */
  viewer: Viewer | null;
}
