import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from './config';
import { SUPERGRAPH_PATH } from './gateway';

const ROOT = join(__dirname, '..', '..');

/** Reads each subgraph's committed SDL (subgraphs/<name>/schema.graphql). */
export function subgraphSdls(): { name: string; url: string; sdl: string }[] {
  return SUBGRAPH_NAMES.map((name) => ({
    name,
    url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
    sdl: readFileSync(join(ROOT, 'subgraphs', name, 'schema.graphql'), 'utf8'),
  }));
}

/** Composes the supergraph from SDL strings; throws with every composition error. */
export function composeSupergraph(subgraphs: { name: string; url: string; sdl: string }[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}

if (require.main === module) {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph(subgraphSdls()));
  console.log(`wrote ${SUPERGRAPH_PATH}`);
}
