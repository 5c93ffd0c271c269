// The architecture, checked (`npm run lint:deps`): see README "Shape" and style.md.
//   subgraph -> shared only; shared -> no workspace; gateway -> no subgraph code;
//   services know nothing of GraphQL; entities import no services or resolvers; no cycles.
// Type-only imports count too (tsPreCompilationDeps): a service that imports a GraphQL type
// still depends on GraphQL.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'subgraph-imports-only-shared',
      comment: 'A subgraph imports no other subgraph and not the gateway: data crosses subgraphs only through the graph or events.',
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/' },
      to: { path: ['^subgraphs/', '^gateway/'], pathNot: '^subgraphs/$1/' },
    },
    {
      name: 'shared-imports-no-workspace',
      comment: 'shared/ is imported by every workspace and imports none of them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: ['^subgraphs/', '^gateway/'] },
    },
    {
      name: 'gateway-imports-no-subgraph',
      comment: 'The gateway knows subgraphs only by URL and the composed supergraph, never by their code.',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: '^subgraphs/' },
    },
    {
      name: 'service-imports-no-graphql',
      comment: 'Services hold the rules and transactions and know nothing of GraphQL (resolvers translate).',
      severity: 'error',
      from: { path: '\\.service\\.ts$' },
      to: { path: '(^|/)node_modules/(type-graphql|graphql)/' },
    },
    {
      name: 'entity-imports-no-service-or-resolver',
      comment: 'Entities are data: they depend on nothing that uses them.',
      severity: 'error',
      from: { path: '\\.entity\\.ts$' },
      to: { path: '\\.(service|resolver)\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles (they make load order matter and hide layering mistakes).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '^data/'] },
    tsPreCompilationDeps: true,
    // tsconfig.test.json covers src and tests and maps @group/shared to shared/src.
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.d.ts'] },
  },
};
