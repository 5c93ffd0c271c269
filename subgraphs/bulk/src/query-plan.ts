import { readFileSync } from 'node:fs';
import {
  ArgumentNode,
  buildSchema,
  DocumentNode,
  FieldNode,
  getNamedType,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  parse,
  print,
  SelectionNode,
  SelectionSetNode,
  validate,
} from 'graphql';
import { countRootFields, estimateCost, measureOperation, OperationLimits } from '@group/shared';
import type { BulkTask } from './bulk-operation.entity';
import { bulkErrors } from './bulk.errors';

export type PublicSchema = GraphQLSchema;

/** The public API schema (gateway/schema.graphql, printed by `npm run compose`) read from its file. */
export function loadPublicSchema(file: string): PublicSchema {
  return buildSchema(readFileSync(file, 'utf8'));
}

/**
 * How a bulk query is run: its connections (lists with `first`/`after`, `edges { node }` and
 * `pageInfo`), numbered in document order, the root one first. Every page the runner sends is
 * generated from this plan: the root connection page by page, and each nested connection that has
 * more than its first page continued through the lookup of the object it hangs on (`department(id:)`),
 * several objects per request. Only the nodes' own fields are asked for (connection metadata such as
 * `totalCount` is dropped: the file holds nodes), and `id` is added where the runner needs it.
 */
export interface PlannedConnection {
  index: number;
  /** The connection field as written (its arguments other than first/after are kept). */
  field: FieldNode;
  /** Response key of the connection on its parent object. */
  key: string;
  /** Query field that looks the parent object up by id (`department`); null for the root connection. */
  lookup: string | null;
  /** The node's selection, rewritten (nested connections paged, ids added). */
  node: Shape;
}

/** How to read one object of a response: which keys are nested connections, objects to descend into, or injected ids. */
export interface Shape {
  /** `id` was added by the runner (not part of the user's selection: removed from the line). */
  injectedId: boolean;
  /** Nested connections directly on this object, by response key. */
  connections: Map<string, number>;
  /** Object fields that contain nested connections, by response key. */
  objects: Map<string, Shape>;
  selection: SelectionSetNode;
}

export interface BulkPlan {
  connections: PlannedConnection[];
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const field = (fieldName: string, selections?: readonly SelectionNode[], args: ArgumentNode[] = [], alias?: string): FieldNode => ({
  kind: Kind.FIELD,
  name: name(fieldName),
  ...(alias ? { alias: name(alias) } : {}),
  arguments: args,
  ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
});
const intArg = (argName: string, value: number): ArgumentNode => ({ kind: Kind.ARGUMENT, name: name(argName), value: { kind: Kind.INT, value: String(value) } });
const varArg = (argName: string, variable: string): ArgumentNode => ({ kind: Kind.ARGUMENT, name: name(argName), value: { kind: Kind.VARIABLE, name: name(variable) } });
const responseKey = (f: FieldNode) => f.alias?.value ?? f.name.value;

/** A connection type: `edges { node }` and `pageInfo`, paged with `first`/`after`. */
function connectionNode(schema: GraphQLSchema, parent: GraphQLNamedType, f: FieldNode): GraphQLNamedType | null {
  if (!isObjectType(parent) && !isInterfaceType(parent)) return null;
  const def = parent.getFields()[f.name.value];
  if (!def) return null;
  const type = getNamedType(def.type);
  if (!isObjectType(type)) return null;
  const fields = type.getFields();
  if (!fields.edges || !fields.pageInfo || !def.args.some((a) => a.name === 'first') || !def.args.some((a) => a.name === 'after')) return null;
  const edge = getNamedType(fields.edges.type);
  if (!isObjectType(edge) || !edge.getFields().node) return null;
  return getNamedType(edge.getFields().node.type);
}

/** The Query fields `x(id: ID!): X` by type name: how a connection's parent object is found again. */
function lookupsOf(schema: GraphQLSchema): Map<string, string> {
  const lookups = new Map<string, string>();
  for (const [fieldName, def] of Object.entries(schema.getQueryType()!.getFields())) {
    const required = def.args.filter((a) => isNonNullType(a.type));
    if (def.args.length !== 1 || required.length !== 1 || def.args[0].name !== 'id') continue;
    const type = getNamedType(def.type);
    if (isObjectType(type) && !lookups.has(type.name)) lookups.set(type.name, fieldName);
  }
  return lookups;
}

/**
 * Validates a bulk query against the public schema and plans it. Refused (BAD_USER_INPUT
 * BULK_QUERY_INVALID with `problem`): unparsable or invalid (GRAPHQL_INVALID), not a query
 * (MUTATION_NOT_ALLOWED / SUBSCRIPTION_NOT_ALLOWED), several operations, variables or fragment
 * spreads (write the query out), a top level that is not exactly one connection, a nested connection
 * whose parent object cannot be looked up by id (NESTED_CONNECTION_NOT_RESUMABLE), or a query beyond
 * the graph's operation limits (LIMIT_EXCEEDED).
 */
export function planBulkQuery(schema: GraphQLSchema, text: string, limits: OperationLimits): BulkPlan {
  if (Buffer.byteLength(text) > limits.maxDocumentBytes) throw bulkErrors.queryInvalid('LIMIT_EXCEEDED', `The query exceeds ${limits.maxDocumentBytes} bytes`);
  let doc: DocumentNode;
  try {
    doc = parse(text, { maxTokens: limits.maxTokens });
  } catch (e) {
    throw bulkErrors.queryInvalid('GRAPHQL_INVALID', (e as Error).message);
  }
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (ops.length !== 1) throw bulkErrors.queryInvalid('ONE_OPERATION_REQUIRED', 'A bulk query holds exactly one operation');
  const op = ops[0];
  if (op.operation === OperationTypeNode.MUTATION) throw bulkErrors.queryInvalid('MUTATION_NOT_ALLOWED', 'Bulk operations run queries only; mutations are refused');
  if (op.operation === OperationTypeNode.SUBSCRIPTION) throw bulkErrors.queryInvalid('SUBSCRIPTION_NOT_ALLOWED', 'Bulk operations run queries only; subscriptions are refused');
  const errors = validate(schema, doc);
  if (errors.length) throw bulkErrors.queryInvalid('GRAPHQL_INVALID', errors.map((e) => e.message).join('; '));
  if (op.variableDefinitions?.length) throw bulkErrors.queryInvalid('VARIABLES_NOT_SUPPORTED', 'Write the values into the query: bulk queries take no variables');
  if (doc.definitions.length !== 1) throw bulkErrors.queryInvalid('FRAGMENTS_NOT_SUPPORTED', 'Named fragments are not supported in bulk queries; use inline fragments');
  const roots = op.selectionSet.selections;
  if (roots.length !== 1 || roots[0].kind !== Kind.FIELD) throw bulkErrors.queryInvalid('ROOT_MUST_BE_CONNECTION', 'A bulk query has exactly one top-level field, a connection');
  const rootField = roots[0];
  const queryType = schema.getQueryType()!;
  const rootNode = connectionNode(schema, queryType, rootField);
  if (!rootNode) throw bulkErrors.queryInvalid('ROOT_MUST_BE_CONNECTION', `${rootField.name.value} is not a connection (first, after, edges { node }, pageInfo)`);

  const lookups = lookupsOf(schema);
  const connections: PlannedConnection[] = [];
  const plan = (f: FieldNode, nodeType: GraphQLNamedType, lookup: string | null): number => {
    const index = connections.length;
    const entry = { index, field: f, key: responseKey(f), lookup } as PlannedConnection;
    connections.push(entry);
    const nodeSelections = (f.selectionSet?.selections ?? [])
      .flatMap((s) => (s.kind === Kind.FIELD && s.name.value === 'edges' ? (s.selectionSet?.selections ?? []) : []))
      .flatMap((s) => (s.kind === Kind.FIELD && s.name.value === 'node' ? (s.selectionSet?.selections ?? []) : []));
    if (!nodeSelections.length) throw bulkErrors.queryInvalid('CONNECTION_WITHOUT_NODES', `Select edges { node { ... } } of ${f.name.value}`);
    entry.node = shape(nodeType, nodeSelections, true);
    return index;
  };
  /** Rewrites one object's selection; `isNode`: a connection node (needs its id when anything nests under it). */
  const shape = (type: GraphQLNamedType, selections: readonly SelectionNode[], isNode: boolean): Shape => {
    const s: Shape = { injectedId: false, connections: new Map(), objects: new Map(), selection: { kind: Kind.SELECTION_SET, selections: [] } };
    const out: SelectionNode[] = [];
    let hasId = false;
    const visitAll = (parent: GraphQLNamedType, list: readonly SelectionNode[], into: SelectionNode[]) => {
      for (const sel of list) {
        if (sel.kind === Kind.FRAGMENT_SPREAD) throw bulkErrors.queryInvalid('FRAGMENTS_NOT_SUPPORTED', 'Named fragments are not supported in bulk queries; use inline fragments');
        if (sel.kind === Kind.INLINE_FRAGMENT) {
          const inner: SelectionNode[] = [];
          visitAll(sel.typeCondition ? schema.getType(sel.typeCondition.name.value)! : parent, sel.selectionSet.selections, inner);
          into.push({ ...sel, selectionSet: { kind: Kind.SELECTION_SET, selections: inner } });
          continue;
        }
        if (sel.name.value === 'id' && !sel.alias && parent === type) hasId = true;
        const node = connectionNode(schema, parent, sel);
        if (node) {
          if (!isObjectType(parent) || !lookups.has(parent.name) || !parent.getFields().id) {
            throw bulkErrors.queryInvalid(
              'NESTED_CONNECTION_NOT_RESUMABLE',
              `${parent.name}.${sel.name.value}: a nested connection's parent must be an object the graph looks up by id`,
            );
          }
          const index = plan(sel, node, lookups.get(parent.name)!);
          s.connections.set(responseKey(sel), index);
          into.push(sel); // rewritten per request (page size) by connectionSelection
          continue;
        }
        if (sel.selectionSet && (isObjectType(parent) || isInterfaceType(parent))) {
          const child = getNamedType(parent.getFields()[sel.name.value].type);
          const sub = shape(child, sel.selectionSet.selections, false);
          if (sub.connections.size || sub.objects.size) s.objects.set(responseKey(sel), sub);
          into.push({ ...sel, selectionSet: sub.selection });
          continue;
        }
        into.push(sel);
      }
    };
    visitAll(type, selections, out);
    const needsId = s.connections.size > 0 || (isNode && s.objects.size > 0);
    if (needsId && isUnionType(type)) throw bulkErrors.queryInvalid('NESTED_CONNECTION_NOT_RESUMABLE', `${type.name} is a union: connections under it cannot be resumed`);
    if (needsId && !hasId) {
      if (!isObjectType(type) || !type.getFields().id) throw bulkErrors.queryInvalid('NESTED_CONNECTION_NOT_RESUMABLE', `${type.name} has nested connections but no id`);
      out.unshift(field('id'));
      s.injectedId = true;
    }
    s.selection = { kind: Kind.SELECTION_SET, selections: out };
    return s;
  };
  plan(rootField, rootNode, null);
  const result = { connections };
  // The first page as the runner will send it must pass the graph's own limits.
  const first = rootPage(result, null, { root: 1, nested: 1 });
  const shapeOf = measureOperation(first.document, first.document.definitions[0] as OperationDefinitionNode);
  if (shapeOf.depth > limits.maxDepth) throw bulkErrors.queryInvalid('LIMIT_EXCEEDED', `The query nests ${shapeOf.depth} levels deep; the limit is ${limits.maxDepth}`);
  if (shapeOf.aliases > limits.maxAliases - 1) throw bulkErrors.queryInvalid('LIMIT_EXCEEDED', `The query uses ${shapeOf.aliases} aliases; the limit is ${limits.maxAliases - 1}`);
  return result;
}

export interface PageSizes {
  /** Page size of the connection a request pages (the root, or the continued one). */
  root: number;
  /** First page of every connection nested in it. */
  nested: number;
}

/** The connection field with the runner's page size (and cursor variable), selecting only what the file needs. */
function connectionSelection(plan: BulkPlan, index: number, first: number, afterVar: string | null, nested: number, alias?: string): FieldNode {
  const c = plan.connections[index];
  const args = [...(c.field.arguments ?? []).filter((a) => a.name.value !== 'first' && a.name.value !== 'after'), intArg('first', first)];
  if (afterVar) args.push(varArg('after', afterVar));
  return field(
    c.field.name.value,
    [field('pageInfo', [field('hasNextPage'), field('endCursor')]), field('edges', [field('node', withPageSizes(plan, c.node, nested).selections)])],
    args,
    alias ?? c.field.alias?.value,
  );
}

/** A shape's selection with every nested connection rewritten to its first page of `nested`. */
function withPageSizes(plan: BulkPlan, s: Shape, nested: number): SelectionSetNode {
  const rewrite = (sel: SelectionNode, shape: Shape): SelectionNode => {
    if (sel.kind === Kind.INLINE_FRAGMENT) return { ...sel, selectionSet: { kind: Kind.SELECTION_SET, selections: sel.selectionSet.selections.map((x) => rewrite(x, shape)) } };
    if (sel.kind !== Kind.FIELD) return sel;
    const key = responseKey(sel);
    const conn = shape.connections.get(key);
    if (conn !== undefined) return connectionSelection(plan, conn, nested, null, nested);
    const obj = shape.objects.get(key);
    if (obj && sel.selectionSet) return { ...sel, selectionSet: { kind: Kind.SELECTION_SET, selections: sel.selectionSet.selections.map((x) => rewrite(x, obj)) } };
    return sel;
  };
  return { kind: Kind.SELECTION_SET, selections: s.selection.selections.map((x) => rewrite(x, s)) };
}

export interface PageRequest {
  document: DocumentNode;
  text: string;
  variables: Record<string, unknown>;
  /** Where each task's connection is in the response data. */
  locate: (data: Record<string, unknown>, i: number) => unknown;
}

/** The request for a page of the root connection. */
export function rootPage(plan: BulkPlan, after: string | null, sizes: PageSizes): PageRequest {
  const sel = connectionSelection(plan, 0, sizes.root, 'a0', sizes.nested);
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as never,
        name: name('BulkPage'),
        variableDefinitions: [{ kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: name('a0') }, type: { kind: Kind.NAMED_TYPE, name: name('String') } }],
        selectionSet: { kind: Kind.SELECTION_SET, selections: [sel] },
      },
    ],
  };
  const key = plan.connections[0].key;
  return { document, text: print(document), variables: { a0: after }, locate: (data) => data[key] };
}

/** The request continuing one nested connection for several parent objects at once (`t0: department(id: $i0) { complaints(after: $a0) ... }`). */
export function continuationPage(plan: BulkPlan, tasks: BulkTask[], sizes: PageSizes): PageRequest {
  const c = plan.connections[tasks[0].conn];
  const selections: FieldNode[] = [];
  const variableDefinitions = [];
  const variables: Record<string, unknown> = {};
  for (let i = 0; i < tasks.length; i++) {
    variableDefinitions.push(
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: name(`i${i}`) },
        type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } },
      },
      { kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: name(`a${i}`) }, type: { kind: Kind.NAMED_TYPE, name: name('String') } },
    );
    variables[`i${i}`] = tasks[i].on;
    variables[`a${i}`] = tasks[i].after;
    selections.push(field(c.lookup!, [connectionSelection(plan, c.index, sizes.root, `a${i}`, sizes.nested)], [varArg('id', `i${i}`)], `t${i}`));
  }
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as never,
        name: name('BulkPage'),
        variableDefinitions: variableDefinitions as never,
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
    ],
  };
  return { document, text: print(document), variables, locate: (data, i) => (data[`t${i}`] as Record<string, unknown> | null)?.[c.key] };
}

/**
 * Page sizes that keep a request under the graph's cost limit (with a margin): the paged connection
 * at up to 100, its nested connections' first pages as large as still fits.
 */
export function pageSizesFor(schema: GraphQLSchema, build: (sizes: PageSizes) => PageRequest, maxCost: number, maxPageSize = 100): PageSizes {
  const budget = maxCost * 0.8;
  const candidates = [...new Set([100, 50, 25, 10, 5, 2, 1].map((n) => Math.min(n, maxPageSize)))];
  for (const root of candidates) {
    for (const nested of candidates) {
      const req = build({ root, nested });
      const cost = estimateCost(schema, req.document, req.variables);
      if (cost !== undefined && cost <= budget) return { root, nested };
    }
  }
  return { root: 1, nested: 1 };
}

/** How many continuations of one connection fit into one request (limits on root fields, aliases and cost). */
export function batchSizeFor(schema: GraphQLSchema, plan: BulkPlan, task: BulkTask, sizes: PageSizes, limits: OperationLimits): number {
  const one = continuationPage(plan, [task], sizes);
  const cost = estimateCost(schema, one.document, one.variables) ?? limits.maxCost;
  const aliases = measureOperation(one.document, one.document.definitions[0] as OperationDefinitionNode).aliases;
  const byCost = Math.floor((limits.maxCost * 0.8) / Math.max(1, cost));
  const byAliases = Math.floor((limits.maxAliases - 1) / Math.max(1, aliases));
  const byRoots = Math.floor(limits.maxRootFields / Math.max(1, countRootFields(one.document, one.document.definitions[0] as OperationDefinitionNode)));
  return Math.max(1, Math.min(20, byCost, byAliases, byRoots));
}

/** A line of the file and the nested connections found in the same object (read with its shape). */
export interface Flattened {
  line: Record<string, unknown>;
  nested: { conn: number; on: string; value: ConnectionValue | null }[];
}

export interface ConnectionValue {
  pageInfo?: { hasNextPage: boolean; endCursor: string | null } | null;
  edges?: ({ node: Record<string, unknown> | null } | null)[] | null;
}

/** A node as its line (nested connections and injected ids removed) and the nested connections it holds. */
export function flattenNode(node: Record<string, unknown>, s: Shape): Flattened {
  const nested: Flattened['nested'] = [];
  const strip = (o: Record<string, unknown>, sh: Shape): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (k === 'id' && sh.injectedId) continue;
      const conn = sh.connections.get(k);
      if (conn !== undefined) {
        nested.push({ conn, on: o.id as string, value: v as ConnectionValue | null });
        continue;
      }
      const obj = sh.objects.get(k);
      if (obj && v !== null && typeof v === 'object') {
        out[k] = Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? strip(x as Record<string, unknown>, obj) : x)) : strip(v as Record<string, unknown>, obj);
        continue;
      }
      out[k] = v;
    }
    return out;
  };
  return { line: strip(node, s), nested };
}
