import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, isObjectType, parse } from 'graphql';
import { buildSchema, createResolversMap, NonEmptyArray } from 'type-graphql';
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
    validate: { forbidUnknownValues: false },
    skipCheck: true,
  });
  const sdl = printSchemaWithDirectives(typeGraphQLSchema);
  const resolvers = createResolversMap(typeGraphQLSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, ref] of Object.entries(input.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...ref };
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(`${FEDERATION_LINK}\n${sdl}`), resolvers: resolvers as ResolverMap }]);
  copyFieldExtensions(typeGraphQLSchema, schema);
  return schema;
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
