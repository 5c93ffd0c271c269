import { DocumentNode, FragmentDefinitionNode, GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Viewer } from '../auth/roles';
import { getComplexity, ComplexityEstimator, fieldExtensionsEstimator, simpleEstimator } from 'graphql-query-complexity';

/**
 * Operation limits, enforced the same way at the gateway and in every
 * subgraph (a subgraph is never trusted to be reachable only through the
 * gateway). Defaults fit the reporting tools' deep, wide reports while
 * stopping abuse; all are configurable (see README).
 */
export interface OperationLimits {
  /** Deepest field nesting, fragments expanded. */
  maxDepth: number;
  /** Aliased fields in one operation (alias bombs). */
  maxAliases: number;
  /** Top-level fields in one operation, fragments expanded. */
  maxRootFields: number;
  /** Lexical tokens in the document (checked while parsing). */
  maxTokens: number;
  /**
   * Bytes of the document text, comments and whitespace included: the token limit does not count
   * comments, and a padded document would otherwise be parsed, cached and stored as a persisted query.
   */
  maxDocumentBytes: number;
  /** Estimated cost: every list field costs its page size (`first`) times its children. */
  maxCost: number;
  /**
   * The cost limit of one page of a bulk operation (a token with the `bulk` claim, minted by the bulk
   * subgraph only): pages are sized for throughput, and the operation as a whole is bounded by the
   * bulk subgraph's object budget (BULK_MAX_OBJECTS) and its per-account concurrency instead.
   */
  bulkMaxCost: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 20,
  maxAliases: 30,
  maxRootFields: 20,
  maxTokens: 10_000,
  maxDocumentBytes: 128 * 1024,
  maxCost: 250_000,
  bulkMaxCost: 2_500_000,
};

const limitError = (reason: string, message: string, details: Record<string, number>) =>
  new GraphQLError(message, { extensions: { code: 'LIMIT_EXCEEDED', reason, ...details, http: { status: 400 } } });

interface Shape {
  depth: number;
  aliases: number;
}

const fragmentsOf = (doc: DocumentNode) => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return fragments;
};

/** Fields at the root of an operation, fragments (inline and named) expanded. */
export function countRootFields(doc: DocumentNode, op: OperationDefinitionNode): number {
  const fragments = fragmentsOf(doc);
  // Memoised: a fragment spread many times at many levels is counted once, not exponentially often.
  const memo = new Map<SelectionSetNode, number>();
  const count = (set: SelectionSetNode, stack: Set<string>): number => {
    const cached = memo.get(set);
    if (cached !== undefined) return cached;
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n++;
      else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet, stack);
      else if (fragments.has(s.name.value) && !stack.has(s.name.value)) n += count(fragments.get(s.name.value)!.selectionSet, new Set([...stack, s.name.value]));
    }
    memo.set(set, n);
    return n;
  };
  return count(op.selectionSet, new Set());
}

/** Depth and alias count of an operation, fragments expanded (cycles are already rejected by validation). */
export function measureOperation(doc: DocumentNode, op: OperationDefinitionNode): Shape {
  const fragments = fragmentsOf(doc);
  const memo = new Map<SelectionSetNode, Shape>();
  const visit = (set: SelectionSetNode, stack: Set<string>): Shape => {
    const cached = memo.get(set);
    if (cached) return cached;
    let depth = 0;
    let aliases = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.alias) aliases++;
        if (s.selectionSet) {
          const inner = visit(s.selectionSet, stack);
          depth = Math.max(depth, inner.depth + 1);
          aliases += inner.aliases;
        } else {
          depth = Math.max(depth, 1);
        }
      } else {
        const inner =
          s.kind === Kind.INLINE_FRAGMENT
            ? visit(s.selectionSet, stack)
            : fragments.has(s.name.value) && !stack.has(s.name.value)
              ? visit(fragments.get(s.name.value)!.selectionSet, new Set([...stack, s.name.value]))
              : { depth: 0, aliases: 0 };
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
      }
    }
    const shape = { depth, aliases };
    memo.set(set, shape);
    return shape;
  };
  return visit(op.selectionSet, new Set());
}

/** A list field costs `first` (its page size) times its children; everything else costs 1 + children. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => (typeof args?.first === 'number' ? 1 + args.first * Math.max(1, childComplexity) : undefined);

/**
 * Cost estimates of recent operations: Apollo Server hands the same parsed
 * DocumentNode for the same query text, and a client repeats the same
 * variables (a report's page sizes), so the estimate — a full walk of the
 * operation against the schema — is made once per document and variables.
 * Bounded: small variable sets only (large ones are estimated every time),
 * at most 64 per document.
 */
const costs = new WeakMap<DocumentNode, Map<string, number | undefined>>();

function costOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number | undefined {
  // An entity fetch's `representations` do not change its cost (`_entities` has no page size), so
  // they stay out of the key: the gateway's repeated entity fetches are estimated once.
  const { representations: _ignored, ...rest } = variables;
  const text = JSON.stringify(rest);
  const key = text.length <= 1024 ? `${operationName ?? ''}\n${text}` : undefined;
  let byKey = costs.get(document);
  if (key !== undefined && byKey?.has(key)) return byKey.get(key);
  let cost: number | undefined;
  try {
    cost = getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      estimators: [fieldExtensionsEstimator(), pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    cost = undefined;
  }
  if (key !== undefined) {
    if (!byKey) costs.set(document, (byKey = new Map()));
    if (byKey.size >= 64) byKey.clear();
    byKey.set(key, cost);
  }
  return cost;
}

/**
 * Checks depth, aliases, root fields and cost once per operation, after
 * validation (so it costs nothing per field). Errors: LIMIT_EXCEEDED with a
 * reason (DEPTH_LIMIT, ALIAS_LIMIT, ROOT_FIELD_LIMIT, COST_LIMIT) and HTTP 400. The document's
 * size (DOCUMENT_SIZE_LIMIT) is checked before Apollo sees it, in `createHttpServer`.
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request, contextValue }) {
          if (!operation) return;
          const roots = countRootFields(document, operation);
          if (roots > limits.maxRootFields) {
            throw limitError('ROOT_FIELD_LIMIT', `An operation may have at most ${limits.maxRootFields} root fields`, { limit: limits.maxRootFields, actual: roots });
          }
          const { depth, aliases } = measureOperation(document, operation);
          if (depth > limits.maxDepth) {
            throw limitError('DEPTH_LIMIT', `Query depth ${depth} exceeds the limit of ${limits.maxDepth}`, { limit: limits.maxDepth, actual: depth });
          }
          if (aliases > limits.maxAliases) {
            throw limitError('ALIAS_LIMIT', `${aliases} aliases exceed the limit of ${limits.maxAliases}`, { limit: limits.maxAliases, actual: aliases });
          }
          const cost = costOf(schema, document, request.operationName ?? undefined, request.variables ?? {});
          if (cost === undefined) return; // bad variables and the like: execution reports them properly
          const maxCost = (contextValue as { viewer?: Viewer | null }).viewer?.bulkOperationId ? limits.bulkMaxCost : limits.maxCost;
          if (cost > maxCost) {
            throw limitError('COST_LIMIT', `Estimated cost ${cost} exceeds the limit of ${maxCost}; ask for smaller pages`, { limit: maxCost, actual: cost });
          }
        },
      };
    },
  };
}

/**
 * The estimate `operationLimitsPlugin` applies (undefined when it cannot be made): the bulk
 * operation runner sizes its pages with it so that each page passes the graph's own limit.
 */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}): number | undefined {
  return costOf(schema, document, undefined, variables);
}
