import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import {
  extendSchema,
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  print,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import {
  DomainError,
  unauthenticated,
  viewerFromHeader,
  type AuthConfig,
  type EventEnvelope,
  type EventPayloads,
  type Logger,
  type TokenRevocations,
  type Viewer,
} from '@group/shared';
import type { GatewayContext } from './context';
import { sha256, type TrustedDocuments } from './persisted-queries';
import { STREAM_PATH } from './config';
import { gatewayErrors } from './gateway.errors';

/**
 * The subscriptions the gateway serves itself (@apollo/gateway does not federate them). Each is
 * fed by an event and answered by a QUERY through the supergraph as the subscriber (see README,
 * "Live updates"): the subgraphs apply their access rules to every event, so an event about
 * something the viewer may not read is not delivered.
 */
const SUBSCRIPTION_SDL = `
extend schema { subscription: Subscription }

"Live updates over graphql-sse (${STREAM_PATH}, distinct connections mode). Each event is resolved through the graph as you: you receive only what you may read, when it happens."
type Subscription {
  "Each notification created for you (an escalated complaint, an action assigned to you), as myNotifications shows it."
  notificationCreated: Notification!
  "The complaint each time it changes (created, a transition, an escalation), as complaint(id:) shows it to you; nothing while you may not read it."
  complaintChanged(id: ID!): Complaint!
  "The lead each time it changes (an update, a conversion, an allocation), as lead(id:) shows it to you; nothing while you may not read it (e.g. after it moved to another segment)."
  leadChanged(id: ID!): Lead!
  "The opportunity each time it changes (an update, a stage move, won or lost), as opportunity(id:) shows it to you; nothing while you may not read it."
  opportunityChanged(id: ID!): Opportunity!
  "Each of your bulk operations when it ends (COMPLETED, FAILED or CANCELED), as bulkOperation(id:) shows it."
  bulkOperationFinished: BulkOperation!
}
`;

interface LiveField {
  /** The event keys this subscription listens to. */
  key(viewer: Viewer, args: Record<string, unknown>): string | null;
  /** The supergraph query field that answers it, and how its result becomes the event's value. */
  queryField: string;
  /** Arguments the query needs from the event (the subscription field's own arguments are kept). */
  eventArgs?(e: EventEnvelope): Record<string, string>;
  pick(e: EventEnvelope, data: unknown): unknown;
}

const LIVE_ID = 'liveNotificationId';
const FIELDS: Record<string, LiveField> = {
  notificationCreated: {
    key: (viewer) => (viewer.employeeId ? `Notification:${viewer.employeeId}` : null),
    queryField: 'myNotifications',
    pick: (e, data) => {
      const id = (e.payload as EventPayloads['NotificationCreated']).notificationId;
      const found = (data as Record<string, unknown>[] | null)?.find((n) => n[LIVE_ID] === id);
      if (!found) return null;
      const { [LIVE_ID]: _id, ...rest } = found;
      return rest;
    },
  },
  complaintChanged: {
    key: (_viewer, args) => `Complaint:${String(args.id)}`,
    queryField: 'complaint',
    pick: (_e, data) => data,
  },
  leadChanged: {
    key: (_viewer, args) => `Lead:${String(args.id)}`,
    queryField: 'lead',
    pick: (_e, data) => data,
  },
  opportunityChanged: {
    key: (_viewer, args) => `Opportunity:${String(args.id)}`,
    queryField: 'opportunity',
    pick: (_e, data) => data,
  },
  bulkOperationFinished: {
    key: (viewer) => `BulkOperation:${viewer.accountId}`,
    queryField: 'bulkOperation',
    eventArgs: (e) => ({ id: (e.payload as EventPayloads['BulkOperationFinished']).operationId }),
    pick: (_e, data) => data,
  },
};

/** The subscription fields the stream answers (each declared in SUBSCRIPTION_SDL). */
export const LIVE_FIELDS = Object.keys(FIELDS);

/** The events the subscriptions follow (the gateway's live consumer). */
export const LIVE_EVENT_TYPES = ['NotificationCreated', 'ComplaintChanged', 'LeadChanged', 'OpportunityChanged', 'BulkOperationFinished'] as const;

/** The event key of an event (matched against the keys of open subscriptions). */
export function eventKey(e: EventEnvelope): string | null {
  if (e.type === 'NotificationCreated') return `Notification:${(e.payload as EventPayloads['NotificationCreated']).recipientId}`;
  if (e.type === 'ComplaintChanged' || e.type === 'LeadChanged' || e.type === 'OpportunityChanged') return `${e.aggregateType}:${e.aggregateId}`;
  if (e.type === 'BulkOperationFinished') return `BulkOperation:${(e.payload as EventPayloads['BulkOperationFinished']).accountId}`;
  return null;
}

/**
 * The public schema with the subscriptions the gateway serves: what the stream executes, and what
 * `npm run compose` prints into gateway/schema.graphql for client teams.
 */
export function withSubscriptions(apiSchema: GraphQLSchema): GraphQLSchema {
  return extendSchema(apiSchema, parse(SUBSCRIPTION_SDL));
}

/** Open subscriptions by event key; `publish` hands an event to those waiting for its key. */
export class LiveHub {
  private readonly listeners = new Map<string, Set<(e: EventEnvelope) => void>>();

  on(key: string, fn: (e: EventEnvelope) => void): () => void {
    const set = this.listeners.get(key) ?? new Set();
    set.add(fn);
    this.listeners.set(key, set);
    return () => {
      set.delete(fn);
      if (!set.size) this.listeners.delete(key);
    };
  }

  publish(e: EventEnvelope): void {
    const key = eventKey(e);
    for (const fn of (key && this.listeners.get(key)) || []) fn(e);
  }

  get size(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}

/** The subscription's root field rewritten as a query through the supergraph (same arguments, selection and fragments). */
function queryFor(document: DocumentNode, operation: OperationDefinitionNode, field: FieldNode, live: LiveField, e: EventEnvelope): string {
  const selections: SelectionNode[] = [...(field.selectionSet?.selections ?? [])];
  if (live.queryField === 'myNotifications') selections.push({ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: LIVE_ID }, name: { kind: Kind.NAME, value: 'id' } });
  const queryField: FieldNode = {
    ...field,
    alias: { kind: Kind.NAME, value: 'live' },
    name: { kind: Kind.NAME, value: live.queryField },
    arguments: [
      ...(field.arguments ?? []),
      ...Object.entries(live.eventArgs?.(e) ?? {}).map(([name, value]) => ({
        kind: Kind.ARGUMENT as const,
        name: { kind: Kind.NAME as const, value: name },
        value: { kind: Kind.STRING as const, value },
      })),
    ],
    selectionSet: { kind: Kind.SELECTION_SET, selections },
  };
  const query: OperationDefinitionNode = { ...operation, operation: OperationTypeNode.QUERY, selectionSet: { kind: Kind.SELECTION_SET, selections: [queryField] } };
  return print({ kind: Kind.DOCUMENT, definitions: [query, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)] });
}

/** A pushable async generator: `push` queues a result, `end` finishes it; `return()` (client gone) runs `onClose`. */
type LiveIterator = AsyncIterableIterator<ExecutionResult> & Required<Pick<AsyncIterator<ExecutionResult>, 'return' | 'throw'>>;

function channel(onClose: () => void): { iterator: LiveIterator; push(r: ExecutionResult): void; end(): void } {
  const queue: ExecutionResult[] = [];
  let done = false;
  let wake: (() => void) | undefined;
  const close = () => {
    if (done) return;
    done = true;
    onClose();
    wake?.();
  };
  // A generator-shaped object (graphql-sse calls return() when the client goes): a real async generator waiting in next() could not be woken by return().
  const iterator: LiveIterator = {
    async next() {
      while (!queue.length && !done) await new Promise<void>((r) => (wake = r));
      if (queue.length) return { value: queue.shift()!, done: false };
      return { value: undefined, done: true };
    },
    async return() {
      queue.length = 0;
      close();
      return { value: undefined, done: true };
    },
    async throw(e: unknown) {
      close();
      throw e;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return {
    iterator,
    push(r) {
      if (done) return;
      queue.push(r);
      wake?.();
    },
    end: () => {
      done = true;
      onClose();
      wake?.();
    },
  };
}

export interface SubscriptionOptions {
  apollo: ApolloServer<GatewayContext>;
  apiSchema: GraphQLSchema;
  hub: LiveHub;
  auth: AuthConfig;
  revocations: TokenRevocations;
  /** How often an open stream re-checks its token (expiry, freeze, revocation). */
  checkMs: number;
  log: Logger;
  /** TRUSTED_DOCUMENTS: only subscription documents of the manifest are accepted, as on /graphql. */
  trusted?: TrustedDocuments;
}

interface StreamContext {
  authorization: string;
  viewer: Viewer;
  [key: PropertyKey]: unknown;
}

/** A refusal as a client sees it: code and reason (a DomainError, or the GraphQLError of a token check). */
function asGraphQLError(e: unknown): GraphQLError {
  if (e instanceof DomainError) return new GraphQLError(e.message, { extensions: { code: e.kind, reason: e.code } });
  const { message, extensions } = e as GraphQLError;
  return new GraphQLError(message, { extensions: { code: extensions?.code ?? 'UNAUTHENTICATED', reason: extensions?.reason } });
}

const refusal = (e: unknown) => {
  const { message, extensions } = asGraphQLError(e);
  return { errors: [{ message, extensions: { code: extensions.code, reason: extensions.reason } }] };
};

/**
 * The graphql-sse handler at STREAM_PATH. A subscription needs a valid bearer token (checked at
 * connect, before each event and every `checkMs`: the stream ends with an UNAUTHENTICATED error
 * when the token expires or is revoked, or the account is frozen).
 */
export function subscriptionHandler(o: SubscriptionOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const schema = withSubscriptions(o.apiSchema);
  const verify = (authorization: string | undefined) => viewerFromHeader(o.auth, authorization, o.revocations);
  const handler = createHandler<StreamContext>({
    schema,
    // Distinct connections only (one HTTP response per subscription): no stream tokens to keep.
    authenticate: () => null,
    // Trusted documents: the same rule and refusal as /graphql (persisted-queries.ts), on the document as sent.
    onSubscribe: (_req, params) => {
      if (!o.trusted || o.trusted.byHash.has(sha256(params.query))) return undefined;
      return [
        JSON.stringify({ errors: [{ message: 'Only registered operations may run on this endpoint', extensions: { code: 'PERSISTED_QUERY_NOT_TRUSTED' } }] }),
        { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/json; charset=utf-8' } },
      ];
    },
    context: async (req) => {
      const authorization = req.raw.headers.authorization!;
      return { authorization, viewer: (await verify(authorization))! };
    },
    execute: () => ({ errors: [asGraphQLError(gatewayErrors.subscriptionsOnly())] }),
    subscribe: (args) => {
      const ctx = args.contextValue;
      const operation = args.document.definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
      )!;
      const field = operation.selectionSet.selections[0] as FieldNode;
      const live = FIELDS[field.name.value];
      const responseKey = field.alias?.value ?? field.name.value;
      const argValues: Record<string, unknown> = {};
      for (const a of field.arguments ?? [])
        argValues[a.name.value] = a.value.kind === Kind.VARIABLE ? args.variableValues?.[a.value.name.value] : (a.value as { value?: unknown }).value;
      const key = live?.key(ctx.viewer, argValues);
      if (!live || !key)
        return {
          data: null,
          errors: [asGraphQLError(gatewayErrors.subscriptionUnavailable())],
        };
      let chain = Promise.resolve();
      const stop = () => {
        off();
        clearInterval(timer);
      };
      const ch = channel(stop);
      const closeWith = (e: unknown) => {
        ch.push({ errors: [asGraphQLError(e)] });
        ch.end();
      };
      // Each event is resolved as the subscriber, in order; a token no longer valid ends the stream.
      const resolve = async (e: EventEnvelope) => {
        const viewer = await verify(ctx.authorization).catch((err: unknown) => err as Error);
        if (!viewer || viewer instanceof Error) return closeWith(viewer ?? unauthenticated('INVALID_TOKEN'));
        const query = queryFor(args.document, operation, field, live, e);
        const res = await o.apollo.executeOperation(
          { query, variables: args.variableValues ?? {} },
          // liveEvent: this query is derived from the subscription document, which passed the trusted-documents check above.
          { contextValue: { requestId: randomUUID(), authorization: ctx.authorization, viewer, liveEvent: true } },
        );
        const single = res.body.kind === 'single' ? res.body.singleResult : undefined;
        if (single?.errors?.some((x) => x.extensions?.code === 'UNAUTHENTICATED')) return closeWith(single.errors.find((x) => x.extensions?.code === 'UNAUTHENTICATED'));
        const value = live.pick(e, (single?.data as Record<string, unknown> | undefined)?.live ?? null);
        // Not readable by this viewer (null, NOT_FOUND, FORBIDDEN): not delivered.
        if (value) ch.push({ data: { [responseKey]: value } });
      };
      const off = o.hub.on(key, (e) => {
        chain = chain.then(() => resolve(e)).catch((err: unknown) => o.log.warn({ err: (err as Error).message }, 'subscription event not resolved'));
      });
      const timer = setInterval(() => {
        verify(ctx.authorization).then(
          (v) => !v && closeWith(unauthenticated('INVALID_TOKEN')),
          (err: unknown) => closeWith(err),
        );
      }, o.checkMs);
      timer.unref();
      return ch.iterator;
    },
  });
  return (req, res) => {
    void (async () => {
      // Authenticated before the stream opens: the same bearer token as /graphql.
      try {
        if (!(await verify(req.headers.authorization))) throw unauthenticated('MISSING_TOKEN');
      } catch (e) {
        res.writeHead(401, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(refusal(e)));
        return;
      }
      await handler(req, res);
    })().catch((e: unknown) => {
      o.log.error({ err: (e as Error).message }, 'subscription stream failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
  };
}
