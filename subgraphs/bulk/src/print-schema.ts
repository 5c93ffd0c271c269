import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildBulkSchema } from './schema';

/** Writes the subgraph's SDL to schema.graphql (committed; a test checks it is current). */
void buildBulkSchema().then((schema) => {
  writeFileSync(join(__dirname, '..', 'schema.graphql'), printSubgraphSchema(schema));
});
