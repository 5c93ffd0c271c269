/**
 * THE EVENT CONTRACT shared by the three subgraphs (documented in docs/events.md).
 *
 * Every event is an envelope (`EventEnvelope`) around a payload whose shape is
 * fixed by its `type` and `schemaVersion`: a JSON Schema per event type
 * (`EVENT_SCHEMAS`). Producers write envelopes into their own `outbox_event`
 * table in the transaction of the change (outbox.ts); the relay delivers them
 * (relay.ts: an HTTP feed per subgraph, and NATS JetStream when configured).
 *
 * Compatibility: a new optional payload field keeps the version; removing or
 * changing a field is a new `schemaVersion` (consumers check it and ignore
 * versions they do not know; producers keep emitting the old one until every
 * consumer reads the new one).
 *
 * Payloads carry the aggregate's state after the change (not a diff), so a
 * consumer that skips an older version than the one it applied loses nothing:
 * consumers are idempotent by (aggregate, version) (consumer.ts).
 */

export const EVENT_TYPES = [
  'CustomerCreated',
  'CustomerUpdated',
  'CustomerMerged',
  'CustomerDeleted',
  'AccountFrozen',
  'AccountRevoked',
  'EmployeeCreated',
  'EmployeeChanged',
  'EmployeeLeft',
  'ComplaintChanged',
  'LeadChanged',
  'OpportunityChanged',
  'CustomerIndicatorsChanged',
  'NotificationCreated',
  'BulkOperationFinished',
  'WebhookDisabled',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The subgraph that produces each event type (its outbox, its feed, its NATS subjects). */
export const EVENT_PRODUCERS: Record<EventType, 'customer-service' | 'organization' | 'bulk'> = {
  CustomerCreated: 'customer-service',
  CustomerUpdated: 'customer-service',
  CustomerMerged: 'customer-service',
  CustomerDeleted: 'customer-service',
  AccountFrozen: 'organization',
  AccountRevoked: 'organization',
  EmployeeCreated: 'organization',
  EmployeeChanged: 'organization',
  EmployeeLeft: 'organization',
  ComplaintChanged: 'customer-service',
  LeadChanged: 'customer-service',
  OpportunityChanged: 'customer-service',
  CustomerIndicatorsChanged: 'customer-service',
  NotificationCreated: 'customer-service',
  BulkOperationFinished: 'bulk',
  WebhookDisabled: 'bulk',
};

export const EVENT_AGGREGATES: Record<
  EventType,
  'Customer' | 'Account' | 'Employee' | 'Complaint' | 'Lead' | 'Opportunity' | 'CustomerIndicators' | 'Notification' | 'BulkOperation' | 'Webhook'
> = {
  CustomerCreated: 'Customer',
  CustomerUpdated: 'Customer',
  CustomerMerged: 'Customer',
  CustomerDeleted: 'Customer',
  AccountFrozen: 'Account',
  AccountRevoked: 'Account',
  EmployeeCreated: 'Employee',
  EmployeeChanged: 'Employee',
  EmployeeLeft: 'Employee',
  ComplaintChanged: 'Complaint',
  LeadChanged: 'Lead',
  OpportunityChanged: 'Opportunity',
  CustomerIndicatorsChanged: 'CustomerIndicators',
  NotificationCreated: 'Notification',
  BulkOperationFinished: 'BulkOperation',
  WebhookDisabled: 'Webhook',
};

/** The customer as it is after the change (CustomerCreated / CustomerUpdated). */
export interface CustomerState {
  customerId: string;
  name: string;
  kind: string;
  segmentId: string;
  ownerId: string | null;
}

/**
 * The employee as it is after the change (organization). `segmentIds`: the CRM segments of the
 * employee's company (a segment belongs to one company), so a consumer can tell in which segments
 * the employee may be an assignee or owner.
 */
export interface EmployeeState {
  employeeId: string;
  companyId: string;
  departmentId: string | null;
  segmentIds: string[];
  status: 'ACTIVE' | 'ON_LEAVE' | 'DEPARTED';
}

/** One indicator's value for one customer on one UTC day (`asOf`: the day's start, ISO 8601). */
export interface IndicatorFigure {
  code: 'COMPLAINT_COUNT' | 'ORDER_VALUE' | 'SATISFACTION_SCORE';
  asOf: string;
  value: number;
}

export interface EventPayloads {
  CustomerCreated: CustomerState;
  /** `previousSegmentId` is set when the customer moved to another segment (a cross-segment allocation). */
  CustomerUpdated: CustomerState & { previousSegmentId: string | null };
  /** The duplicate (the aggregate) was merged into `survivorId`: its records now belong to the survivor. Followed by CustomerDeleted. */
  CustomerMerged: { customerId: string; survivorId: string; segmentId: string };
  /** The customer no longer exists (`reason` MERGED: see the CustomerMerged before it). */
  CustomerDeleted: { customerId: string; segmentId: string; reason: 'MERGED' | 'DELETED' };
  /** The account is frozen: every token it holds is refused (notBefore and notBeforeMs null). */
  AccountFrozen: { accountId: string; status: 'FROZEN'; notBefore: null; notBeforeMs?: null };
  /**
   * The account's tokens issued before `notBeforeMs` (epoch milliseconds) are refused, all of them
   * when null (CANCELLED). Sent on cancel, unfreeze, permission and password changes. `notBefore` is
   * the same floored to epoch seconds, the first field, kept for older readers; `notBeforeMs` was
   * added as an optional field (same schema version), so a reader must accept an event without it
   * (it then counts `notBefore` as the end of that second: auth/revocations.ts `notBeforeMsOf`).
   */
  AccountRevoked: { accountId: string; status: 'ACTIVE' | 'FROZEN' | 'CANCELLED'; notBefore: number | null; notBeforeMs?: number | null; reason: string };
  /** A new employee, at version 1 (organization's `hireEmployee`; the demo seed emits none). */
  EmployeeCreated: EmployeeState;
  /** Status (active / on leave), department or reporting line changed. */
  EmployeeChanged: EmployeeState;
  /** The employee departed (final): no longer an assignee or owner. */
  EmployeeLeft: EmployeeState;
  /** The complaint was created or changed (a transition, an escalation): its status after the change. Read the rest through the graph. */
  ComplaintChanged: { complaintId: string; status: string; change: 'CREATED' | 'TRANSITION' | 'ESCALATED' };
  /** The lead was created or changed (an update, a conversion, an allocation to another segment): its status after the change. Read the rest through the graph. */
  LeadChanged: { leadId: string; status: string; change: 'CREATED' | 'UPDATED' | 'CONVERTED' | 'ALLOCATED' };
  /** The opportunity was created or changed (an update, a stage move, won or lost): its status and stage after the change. */
  OpportunityChanged: { opportunityId: string; status: string; stage: string; change: 'CREATED' | 'UPDATED' | 'STAGE' | 'CLOSED' };
  /**
   * A change moved some of the customer's indicators (a complaint filed, a sales order signed or
   * cancelled, a revisit recorded): the recomputed value of every (indicator, UTC day) the change
   * touched, `asOf` the day's start. The aggregate is the customer's indicators (`CustomerIndicators`,
   * id = the customer's), with a version of its own.
   */
  CustomerIndicatorsChanged: { customerId: string; observations: IndicatorFigure[] };
  /** An in-app notification for one employee (`recipientId`); one event per recipient. */
  NotificationCreated: { notificationId: string; recipientId: string; kind: string; subjectId: string };
  /** A bulk operation ended (COMPLETED, FAILED or CANCELED), once per operation; `accountId` is its owner. */
  /** `employeeId`: the submitter's employee (null: an account without one; absent in events written before it). */
  BulkOperationFinished: { operationId: string; accountId: string; employeeId?: string | null; status: 'COMPLETED' | 'FAILED' | 'CANCELED'; errorCode: string | null };
  /**
   * A webhook was disabled automatically (`reason` SUSTAINED_FAILURE or OWNER_ACCESS_LOST), once per
   * disable; `ownerAccountId` / `ownerEmployeeId` (null: an account without an employee) is its owner,
   * `notice` the text recorded on the webhook for the owner.
   */
  WebhookDisabled: { webhookId: string; ownerAccountId: string; ownerEmployeeId: string | null; reason: string; notice: string };
}

export interface EventActor {
  accountId: string;
  role: string | null;
}

/** What travels: the same JSON in the outbox, on the HTTP feed and on NATS. */
export interface EventEnvelope<T extends EventType = EventType> {
  /** UUID; the broker's de-duplication key (Nats-Msg-Id). */
  id: string;
  type: T;
  schemaVersion: number;
  /** Producing subgraph. */
  source: string;
  aggregateType: string;
  aggregateId: string;
  /** The aggregate's version after the change; consumers apply each (aggregate, version) once, in order. */
  aggregateVersion: number;
  /** Segment the aggregate belongs to after the change (null: not segment data, e.g. accounts). */
  segmentId: string | null;
  occurredAt: string;
  /** Who made the change; null for the system (jobs, migrations). */
  actor: EventActor | null;
  payload: EventPayloads[T];
}

/** Order in the producer's feed, assigned by its relay (1, 2, 3...). */
export type PositionedEvent = EventEnvelope & { position: number };

export const CURRENT_SCHEMA_VERSION: Record<EventType, number> = Object.fromEntries(EVENT_TYPES.map((t) => [t, 1])) as Record<EventType, number>;

type JsonSchema = Record<string, unknown>;
const id = { type: 'string', minLength: 1, maxLength: 36 };
const nullableId = { type: ['string', 'null'], maxLength: 36 };
const customerState = {
  customerId: id,
  name: { type: 'string', minLength: 1, maxLength: 200 },
  kind: { type: 'string', enum: ['INDIVIDUAL', 'ORGANIZATION'] },
  segmentId: id,
  ownerId: nullableId,
};
const employeeState = {
  employeeId: id,
  companyId: id,
  departmentId: nullableId,
  segmentIds: { type: 'array', items: id },
  status: { type: 'string', enum: ['ACTIVE', 'ON_LEAVE', 'DEPARTED'] },
};
const object = (properties: Record<string, unknown>, optional: Record<string, unknown> = {}): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties: { ...properties, ...optional },
});

/** JSON Schema (2020-12) of each event type's payload, by schema version. */
export const EVENT_SCHEMAS: Record<EventType, Record<number, JsonSchema>> = {
  CustomerCreated: { 1: object(customerState) },
  CustomerUpdated: { 1: object({ ...customerState, previousSegmentId: nullableId }) },
  CustomerMerged: { 1: object({ customerId: id, survivorId: id, segmentId: id }) },
  CustomerDeleted: { 1: object({ customerId: id, segmentId: id, reason: { type: 'string', enum: ['MERGED', 'DELETED'] } }) },
  // notBeforeMs: an optional field added to version 1 (events written before it lack it).
  AccountFrozen: { 1: object({ accountId: id, status: { type: 'string', enum: ['FROZEN'] }, notBefore: { type: 'null' } }, { notBeforeMs: { type: 'null' } }) },
  AccountRevoked: {
    1: object(
      {
        accountId: id,
        status: { type: 'string', enum: ['ACTIVE', 'FROZEN', 'CANCELLED'] },
        notBefore: { type: ['integer', 'null'] },
        reason: { type: 'string', maxLength: 64 },
      },
      { notBeforeMs: { type: ['integer', 'null'] } },
    ),
  },
  EmployeeCreated: { 1: object(employeeState) },
  EmployeeChanged: { 1: object(employeeState) },
  EmployeeLeft: { 1: object(employeeState) },
  ComplaintChanged: {
    1: object({ complaintId: id, status: { type: 'string', minLength: 1, maxLength: 40 }, change: { type: 'string', enum: ['CREATED', 'TRANSITION', 'ESCALATED'] } }),
  },
  LeadChanged: {
    1: object({ leadId: id, status: { type: 'string', minLength: 1, maxLength: 40 }, change: { type: 'string', enum: ['CREATED', 'UPDATED', 'CONVERTED', 'ALLOCATED'] } }),
  },
  OpportunityChanged: {
    1: object({
      opportunityId: id,
      status: { type: 'string', minLength: 1, maxLength: 40 },
      stage: { type: 'string', minLength: 1, maxLength: 64 },
      change: { type: 'string', enum: ['CREATED', 'UPDATED', 'STAGE', 'CLOSED'] },
    }),
  },
  CustomerIndicatorsChanged: {
    1: object({
      customerId: id,
      observations: {
        type: 'array',
        items: object({
          code: { type: 'string', enum: ['COMPLAINT_COUNT', 'ORDER_VALUE', 'SATISFACTION_SCORE'] },
          asOf: { type: 'string', minLength: 20, maxLength: 30 },
          value: { type: 'number' },
        }),
      },
    }),
  },
  BulkOperationFinished: {
    1: object(
      { operationId: id, accountId: id, status: { type: 'string', enum: ['COMPLETED', 'FAILED', 'CANCELED'] }, errorCode: { type: ['string', 'null'], maxLength: 64 } },
      { employeeId: nullableId },
    ),
  },
  NotificationCreated: { 1: object({ notificationId: id, recipientId: id, kind: { type: 'string', minLength: 1, maxLength: 40 }, subjectId: id }) },
  WebhookDisabled: {
    1: object({
      webhookId: id,
      ownerAccountId: { type: 'string', minLength: 1, maxLength: 100 },
      ownerEmployeeId: nullableId,
      reason: { type: 'string', minLength: 1, maxLength: 32 },
      notice: { type: 'string', maxLength: 500 },
    }),
  },
};

/** The envelope's own schema (every event). */
export const ENVELOPE_SCHEMA: JsonSchema = object({
  id: { type: 'string', minLength: 36, maxLength: 36 },
  type: { type: 'string', enum: [...EVENT_TYPES] },
  schemaVersion: { type: 'integer' },
  source: { type: 'string' },
  aggregateType: { type: 'string' },
  aggregateId: id,
  aggregateVersion: { type: 'integer' },
  segmentId: nullableId,
  occurredAt: { type: 'string' },
  actor: { type: ['object', 'null'] },
  payload: { type: 'object' },
});

/**
 * Checks a value against the subset of JSON Schema the contract uses (type, enum, required,
 * properties, additionalProperties: false, minLength/maxLength, items). Returns the problems, [] if valid.
 */
export function schemaProblems(schema: JsonSchema, value: unknown, path = '$'): string[] {
  const types = ([] as string[]).concat((schema.type as string | string[] | undefined) ?? []);
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  const actual = typeOf(value);
  if (types.length && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return [`${path}: expected ${types.join(' or ')}, got ${actual}`];
  const problems: string[] = [];
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) problems.push(`${path}: not one of ${(schema.enum as unknown[]).join(', ')}`);
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) problems.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) problems.push(`${path}: longer than ${schema.maxLength}`);
  }
  if (actual === 'array' && schema.items) (value as unknown[]).forEach((v, i) => problems.push(...schemaProblems(schema.items as JsonSchema, v, `${path}[${i}]`)));
  if (actual === 'object' && schema.properties) {
    const obj = value as Record<string, unknown>;
    const props = schema.properties as Record<string, JsonSchema>;
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in obj)) problems.push(`${path}.${key}: required`);
    for (const [key, v] of Object.entries(obj)) {
      if (props[key]) problems.push(...schemaProblems(props[key], v, `${path}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${path}.${key}: not allowed`);
    }
  }
  return problems;
}

/** Problems of a whole envelope: its own shape and its payload against its type's schema. */
export function eventProblems(e: unknown): string[] {
  const problems = schemaProblems(ENVELOPE_SCHEMA, e);
  if (problems.length) return problems;
  const event = e as EventEnvelope;
  const schema = EVENT_SCHEMAS[event.type]?.[event.schemaVersion];
  if (!schema) return [`$.schemaVersion: ${event.type} has no version ${event.schemaVersion}`];
  return schemaProblems(schema, event.payload, '$.payload');
}
