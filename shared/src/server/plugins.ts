import { GraphQLError, Kind, OperationDefinitionNode, OperationTypeNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { BaseContext } from '../auth/context';
import { isUnexpectedError, unauthenticated, unauthenticatedError } from '../errors';
import { readFromPrimary } from '../database/read-primary';
import type { Logger } from '../logger';

/**
 * Deny by default at the operation level: without a valid token, only the
 * public root fields (`login`) run. Checked once per operation, after
 * validation, so it costs nothing per field. `_entities` and `_service` are
 * NOT public: a subgraph reached directly without a token returns no data.
 */
export function requireAuthenticationPlugin(
  publicRootFields: string[] = ['login'],
  /** Where no audit log records the refusal (the gateway): logged here as an `audit: "DENIED"` line. */
  deniedLog?: Logger,
): ApolloServerPlugin<BaseContext> {
  const open = new Set(publicRootFields);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (contextValue.viewer) return;
          if (!operation || !onlyPublicFields(operation, open)) {
            deniedLog?.warn({ audit: 'DENIED', reason: 'MISSING_TOKEN', requestId: contextValue.requestId, operation: operation?.name?.value }, 'no token');
            throw unauthenticatedError(unauthenticated('MISSING_TOKEN'));
          }
        },
      };
    },
  };
}

/**
 * The request names an operation its document has, and that operation is a query or a mutation;
 * otherwise a 400 with OPERATION_NOT_FOUND or SUBSCRIPTIONS_NOT_SUPPORTED (left alone, the gateway
 * answers 500 and graphql-js a masked internal error). Runs at the gateway and in every subgraph.
 */
export function runnableOperationPlugin(): ApolloServerPlugin {
  const refuse = (code: string, message: string) => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            throw refuse(
              'OPERATION_NOT_FOUND',
              request.operationName
                ? `The document has no operation named "${request.operationName}"`
                : 'The document has several operations: name the one to run in `operationName`',
            );
          }
          if (operation.operation === OperationTypeNode.SUBSCRIPTION) throw refuse('SUBSCRIPTIONS_NOT_SUPPORTED', 'Subscriptions are not supported; poll with a query');
        },
      };
    },
  };
}

function onlyPublicFields(op: OperationDefinitionNode, open: Set<string>): boolean {
  if (op.operation === OperationTypeNode.SUBSCRIPTION) return false;
  // Fragments at the root are rejected rather than expanded: public ops are simple.
  return op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && open.has(s.name.value));
}

/** Logs every unexpected error (the ones the formatter masks) with the request id. */
export function errorLoggingPlugin(log: Logger): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const e of errors) {
            const original = e.originalError ?? e;
            if (!isUnexpectedError(e.extensions?.code, e)) continue;
            log.error({ requestId: contextValue?.requestId, path: e.path, err: { message: original.message, stack: original.stack } }, 'unexpected error');
          }
        },
      };
    },
  };
}

/** A mutation's own response reads its writes: from the primary, not a lagging replica. */
export function readYourWritesPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.MUTATION) readFromPrimary();
        },
      };
    },
  };
}
