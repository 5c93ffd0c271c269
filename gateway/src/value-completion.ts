import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

const NULL_FOR_NON_NULL = /^Cannot return null for non-nullable/;

/**
 * A response never drops an error. @apollo/gateway reports the nulls it had to
 * bubble up while shaping the subgraphs' answers only in
 * `extensions.valueCompletion` (when no subgraph sent an error), so a client
 * could receive `{"data": null}` and nothing else for a committed mutation.
 *
 * The rule (README, Security): a non-null field stays non-null. When a
 * subgraph resolves a referenced record to null (the viewer may not see it,
 * or it no longer exists there) the null bubbles to the nearest nullable
 * field, up to `data` itself, as GraphQL requires, and an error at the
 * missing field's path says why: NOT_FOUND REFERENCE_NOT_FOUND, the same
 * answer as reading that record directly. Any other shaping error is our bug.
 */
export function valueCompletionErrorsPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const completion = result.extensions?.valueCompletion as GraphQLFormattedError[] | undefined;
          if (!completion) return;
          const { valueCompletion: _, ...extensions } = result.extensions!;
          result.extensions = Object.keys(extensions).length ? extensions : undefined;
          result.errors = [
            ...(result.errors ?? []),
            ...completion.map((e): GraphQLFormattedError =>
              NULL_FOR_NON_NULL.test(e.message)
                ? {
                    message: `${e.message.replace(/^Cannot return null for non-nullable field /, '').replace(/\.$/, '')}: the record it belongs to does not exist or is not visible to you`,
                    path: e.path,
                    extensions: { code: 'NOT_FOUND', reason: 'REFERENCE_NOT_FOUND' },
                  }
                : { message: 'Internal server error', path: e.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
            ),
          ];
        },
      };
    },
  };
}
