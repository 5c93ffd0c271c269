import { badInput, DomainError } from '@group/shared';
import { STREAM_PATH } from './config';

/** The gateway's own error reasons: a subgraph it cannot reach, and refusals of the subscription endpoint. */
export const gatewayErrors = {
  subgraphTimeout: (name: string, timeoutMs: number) =>
    new DomainError('UNAVAILABLE', 'SUBGRAPH_TIMEOUT', `The ${name} service did not answer within ${timeoutMs} ms`, { service: name, retryable: true }),
  subgraphUnavailable: (name: string) => new DomainError('UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', `The ${name} service is unavailable`, { service: name, retryable: true }),
  subscriptionsOnly: () => badInput('SUBSCRIPTIONS_ONLY', `Only subscriptions are served at ${STREAM_PATH}; send queries and mutations to /graphql`),
  subscriptionUnavailable: () => badInput('SUBSCRIPTION_UNAVAILABLE', 'Nothing to subscribe to for this viewer (notifications are for accounts of an employee)'),
};
