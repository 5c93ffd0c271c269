import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from './config';
import { SUPERGRAPH_PATH } from './gateway';
import { withSubscriptions } from './subscriptions';

const ROOT = join(__dirname, '..', '..');

/** Reads each subgraph's committed SDL (subgraphs/<name>/schema.graphql). */
export function subgraphSdls(): { name: string; url: string; sdl: string }[] {
  return SUBGRAPH_NAMES.map((name) => ({
    name,
    url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
    sdl: readFileSync(join(ROOT, 'subgraphs', name, 'schema.graphql'), 'utf8'),
  }));
}

/** The public API schema clients see (federation machinery removed, the gateway's own subscriptions added): gateway/schema.graphql. */
export const API_SCHEMA_PATH = join(__dirname, '..', 'schema.graphql');

/** Composes the supergraph from SDL strings; throws with every composition error. */
export function compose(subgraphs: { name: string; url: string; sdl: string }[]): { supergraph: string; apiSchema: string } {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  return { supergraph: result.supergraphSdl, apiSchema: printSchema(withSubscriptions(result.schema.toAPISchema().toGraphQLJSSchema())) + '\n' };
}

if (require.main === module) {
  const { supergraph, apiSchema } = compose(subgraphSdls());
  writeFileSync(SUPERGRAPH_PATH, supergraph);
  writeFileSync(API_SCHEMA_PATH, apiSchema);
  console.log(`wrote ${SUPERGRAPH_PATH} and ${API_SCHEMA_PATH}`);
}
