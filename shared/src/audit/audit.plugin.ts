import { getArgumentValues, Kind, OperationTypeNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { DataSource } from 'typeorm';
import type { BaseContext } from '../auth/context';
import { newId } from '../ids';
import type { Logger } from '../logger';
import { AuditEntry } from './audit.entity';
import { auditJson } from './audit-scope';

const DENIED = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

function rootFields(op: OperationDefinitionNode | undefined | null): string {
  if (!op) return '';
  return op.selectionSet.selections
    .map((s) => (s.kind === Kind.FIELD ? s.name.value : '...'))
    .join(',')
    .slice(0, 500);
}

/**
 * The root fields' arguments, resolved from literals and variables (so a
 * secret is found by its argument name, e.g. `input.password`, whatever the
 * client called its variable), keyed by response name.
 */
function rootArguments(schema: GraphQLSchema, op: OperationDefinitionNode | undefined | null, variables: Record<string, unknown> | undefined) {
  const root = op?.operation === OperationTypeNode.MUTATION ? schema.getMutationType() : op?.operation === OperationTypeNode.QUERY ? schema.getQueryType() : null;
  if (!op || !root) return null;
  const out: Record<string, unknown> = {};
  for (const s of op.selectionSet.selections) {
    if (s.kind !== Kind.FIELD || !s.arguments?.length) continue;
    const def = root.getFields()[s.name.value];
    if (!def) continue;
    try {
      out[s.alias?.value ?? s.name.value] = getArgumentValues(def, s, variables ?? {});
    } catch {
      out[s.alias?.value ?? s.name.value] = '[invalid arguments]';
    }
  }
  return Object.keys(out).length ? out : null;
}

/**
 * Writes one audit entry per mutation and per denied attempt (any operation
 * answered with FORBIDDEN or UNAUTHENTICATED, field-level denials included),
 * after the response is known. The rows the mutation changed were already
 * recorded, in its own transaction, by the audit subscriber under the same
 * request id. If the entry itself cannot be written the whole entry goes to
 * the error log, so nothing is lost silently.
 */
export function auditPlugin(ds: DataSource, log: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, operationName, request, response, schema }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = [...new Set(errors.flatMap((e) => [e.extensions?.code, e.extensions?.reason]).filter((c): c is string => typeof c === 'string'))];
          const denied = errors.some((e) => DENIED.has(String(e.extensions?.code)));
          const mutation = operation?.operation === OperationTypeNode.MUTATION;
          if (!mutation && !denied) return;
          const entry = Object.assign(new AuditEntry(), {
            id: newId(),
            at: new Date(),
            requestId: contextValue?.requestId ?? 'unknown',
            accountId: contextValue?.viewer?.accountId ?? null,
            role: contextValue?.viewer?.role ?? null,
            operationType: operation?.operation ?? 'unknown',
            operationName: operationName?.slice(0, 200) ?? null,
            rootFields: rootFields(operation),
            args: auditJson(rootArguments(schema, operation, request.variables)),
            outcome: denied ? 'DENIED' : errors.length ? 'ERROR' : 'OK',
            errorCodes: codes.length ? codes.join(',').slice(0, 500) : null,
          });
          try {
            await ds.createQueryBuilder().insert().into(AuditEntry).values(entry).callListeners(false).execute();
          } catch (e) {
            log.error({ audit: entry, err: e instanceof Error ? e.message : String(e) }, 'audit entry could not be written');
          }
        },
      };
    },
  };
}
