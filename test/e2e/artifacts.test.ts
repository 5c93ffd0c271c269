import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildOrganizationSchema } from '../../subgraphs/organization/src/schema';
import { buildCustomerServiceSchema } from '../../subgraphs/customer-service/src/schema';
import { buildMarketingSchema } from '../../subgraphs/marketing/src/schema';
import { buildBulkSchema } from '../../subgraphs/bulk/src/schema';
import { buildSchema } from 'graphql';
import { compose } from '../../gateway/src/compose';
import { LIVE_FIELDS } from '../../gateway/src/subscriptions';
import { DEFAULT_PORTS } from '../../gateway/src/config';

/**
 * The subgraph SDLs and the supergraph are reviewed, committed artifacts.
 * These tests fail when the code has moved on without `npm run compose`.
 */
const ROOT = join(__dirname, '..', '..');
const builders = {
  organization: buildOrganizationSchema,
  'customer-service': buildCustomerServiceSchema,
  marketing: buildMarketingSchema,
  bulk: buildBulkSchema,
} as const;

describe('committed schema artifacts', () => {
  const printed: Record<string, string> = {};
  beforeAll(async () => {
    for (const [name, build] of Object.entries(builders)) printed[name] = printSubgraphSchema(await build());
  });

  it.each(Object.keys(builders))('subgraphs/%s/schema.graphql is current (run `npm run compose`)', (name) => {
    const committed = readFileSync(join(ROOT, 'subgraphs', name, 'schema.graphql'), 'utf8');
    expect(committed).toBe(printed[name]);
  });

  it('gateway/supergraph.graphql and the public API schema gateway/schema.graphql are current (run `npm run compose`)', () => {
    const { supergraph, apiSchema } = compose(
      Object.keys(builders).map((name) => ({
        name,
        url: `http://127.0.0.1:${DEFAULT_PORTS[name as keyof typeof builders]}/graphql`,
        sdl: printed[name],
      })),
    );
    expect(readFileSync(join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8')).toBe(supergraph);
    expect(readFileSync(join(ROOT, 'gateway', 'schema.graphql'), 'utf8')).toBe(apiSchema);
    expect(apiSchema).not.toMatch(/@join__|_entities|_Any/);
  });

  it('the public schema shows client teams the subscriptions the gateway serves (graphql-sse at /graphql/stream)', () => {
    const committed = buildSchema(readFileSync(join(ROOT, 'gateway', 'schema.graphql'), 'utf8'));
    expect(Object.keys(committed.getSubscriptionType()?.getFields() ?? {}).sort()).toEqual([...LIVE_FIELDS].sort());
  });

  it('keeps field complexity through the federation rebuild', async () => {
    // type-graphql stores `complexity` in field extensions, which the SDL round trip drops;
    // buildFederatedSchema copies them back. Every connection field declares one.
    const schema = await buildOrganizationSchema();
    const field = schema.getQueryType()!.getFields().companies;
    expect(field.extensions).toEqual(expect.objectContaining({ complexity: expect.anything() }));
  });
});
