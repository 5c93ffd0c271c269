import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, isObjectType, parse } from 'graphql';
import { ArgumentValidationError, buildSchema, createResolversMap, getMetadataStorage, NonEmptyArray } from 'type-graphql';
import { getMetadataStorage as validationMetadata, validateOrReject, ValidatorOptions } from 'class-validator';
import { authChecker } from '../auth/context';
import { createAuditResolver } from '../audit/audit.resolver';

// @apollo/subgraph 2.14 does not export its GraphQLResolverMap type from the package root.
type ResolverMap = Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers'];

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

/** Any class (resolvers, object types): narrower than `Function`, which accepts any function. */
type Class = abstract new (...args: never[]) => unknown;

export interface FederatedSchemaInput {
  resolvers: NonEmptyArray<Class>;
  orphanedTypes?: Class[];
  /** Prefix of the subgraph's audit-log root fields (`<audit>AuditLog`, `<audit>AuditTrail`). */
  audit: string;
  /** `{ Customer: { __resolveReference } }`: reference resolvers do their own access checks. */
  referenceResolvers?: Record<string, { __resolveReference: (ref: never, ctx: never, info: never) => unknown }>;
}

/**
 * type-graphql resolvers -> Federation 2 subgraph schema (the one helper every
 * subgraph uses). Validation is on. Rebuilding from SDL drops field
 * `extensions` (where type-graphql keeps `complexity`), so they are copied back.
 */
export async function buildFederatedSchema(input: FederatedSchemaInput): Promise<GraphQLSchema> {
  const typeGraphQLSchema = await buildSchema({
    resolvers: [...input.resolvers, createAuditResolver(input.audit)],
    orphanedTypes: input.orphanedTypes,
    authChecker,
    validateFn: validateArgs,
    skipCheck: true,
  });
  const sdl = printSchemaWithDirectives(typeGraphQLSchema);
  const resolvers = createResolversMap(typeGraphQLSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, fields] of plainFields()) for (const f of fields) delete resolvers[typeName]?.[f];
  for (const [typeName, ref] of Object.entries(input.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...ref };
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(`${FEDERATION_LINK}\n${sdl}`), resolvers: resolvers as ResolverMap }]);
  copyFieldExtensions(typeGraphQLSchema, schema);
  return schema;
}

/**
 * Fields whose type-graphql resolver only reads `root[name]`: no field resolver, no `@Authorized`,
 * no middleware (and no global middleware is configured: `buildSchema` above passes none). Their
 * resolvers are dropped from the map, so graphql-js's default resolution reads the property
 * directly: type-graphql would wrap each read in a resolver call, an object and its middleware
 * dispatch (a report reads ~5,000 such fields per subgraph call). Types with interfaces keep theirs.
 */
function plainFields(): Map<string, Set<string>> {
  const storage = getMetadataStorage();
  type Def = (typeof storage.objectTypes)[number];
  type FieldMeta = NonNullable<Def['fields']>[number];
  const byTarget = new Map<unknown, Def>(storage.objectTypes.map((t) => [t.target, t]));
  const resolved = new Map<unknown, Set<string>>();
  for (const r of storage.fieldResolvers) {
    const target = r.getObjectType?.();
    if (!resolved.has(target)) resolved.set(target, new Set());
    resolved.get(target)!.add(r.methodName);
  }
  // Per GraphQL type name: the metadata storage is global, and two subgraphs loaded in one process
  // (tests) may each have a class of the same name, so a field counts as plain only if it is plain
  // in every class of that name.
  const out = new Map<string, Set<string>>();
  const excluded = new Set<string>();
  for (const def of storage.objectTypes) {
    // The type's own fields win over its superclasses' (as type-graphql's schema generator does).
    const chosen = new Map<string, FieldMeta>();
    let ok = !def.simpleResolvers;
    for (let t: Def | undefined = def; t && ok;) {
      if (t.interfaceClasses?.length) ok = false;
      for (const f of t.fields ?? []) if (!chosen.has(f.schemaName)) chosen.set(f.schemaName, f);
      const parent = Object.getPrototypeOf(t.target) as { prototype?: unknown };
      t = parent.prototype === undefined ? undefined : byTarget.get(parent);
    }
    if (!ok) {
      excluded.add(def.name);
      continue;
    }
    const plain = new Set(
      [...chosen.values()]
        .filter((f) => f.name === f.schemaName && f.roles === undefined && !f.middlewares?.length && f.simple === undefined && !resolved.get(f.target)?.has(f.name))
        .map((f) => f.schemaName),
    );
    const seen = out.get(def.name);
    out.set(def.name, seen ? new Set([...seen].filter((f) => plain.has(f))) : plain);
  }
  for (const name of excluded) out.delete(name);
  return out;
}

/** type-graphql's own argument validation, with its options (`validate: { forbidUnknownValues: false }`). */
const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const validated = new Map<Function, boolean>();

/**
 * Validates an argument object exactly as type-graphql's built-in `validate` does, but cheaper on
 * the hot path: type-graphql `require`s class-validator again on every argument it validates (a
 * module resolution each time: a report's 50 nested `complaints(first:)` paid ~1.6% of the
 * subgraph's CPU for it), and classes without any validation decorator need no pass at all.
 */
async function validateArgs(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  const items = (Array.isArray(value) ? value : [value]).filter((v): v is object => v !== null && typeof v === 'object' && needsValidation(v));
  if (!items.length) return;
  try {
    await Promise.all(items.map((v) => validateOrReject(v, VALIDATOR_OPTIONS)));
  } catch (err) {
    throw new ArgumentValidationError(err as never);
  }
}

function needsValidation(value: object): boolean {
  const type = value.constructor;
  if (type === Object || type === undefined) return false; // a plain object: class-validator finds no metadata for it either
  let needs = validated.get(type);
  if (needs === undefined) {
    needs = validationMetadata().getTargetValidationMetadatas(type, '', true, false).length > 0;
    validated.set(type, needs);
  }
  return needs;
}

function copyFieldExtensions(from: GraphQLSchema, to: GraphQLSchema) {
  for (const type of Object.values(from.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const target = to.getType(type.name);
    if (!isObjectType(target)) continue;
    const targetFields = target.getFields();
    for (const [name, field] of Object.entries(type.getFields())) {
      if (targetFields[name] && field.extensions && Object.keys(field.extensions).length) {
        (targetFields[name] as { extensions: unknown }).extensions = { ...targetFields[name].extensions, ...field.extensions };
      }
    }
  }
}
