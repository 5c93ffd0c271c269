import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, GraphQLObjectType, isObjectType, isNonNullType, getNamedType } from 'graphql';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core';
import { startTestGraph, TestGraph } from '../support/graph';

/**
 * Frontend teams use Apollo Client: every type with an `id` must be
 * cache-normalisable (`__typename:id` is a stable, unique key), and the same
 * entity reached through different paths and subgraphs must merge into one
 * cache entry.
 */
const API_SCHEMA = readFileSync(join(__dirname, '..', '..', 'gateway', 'schema.graphql'), 'utf8');

describe('Apollo Client against the gateway', () => {
  let g: TestGraph;
  let client: ApolloClient<unknown>;
  beforeAll(async () => {
    g = await startTestGraph('sqlite');
    const token = await g.login('executive@example.com');
    client = new ApolloClient({
      link: new HttpLink({ uri: g.gatewayUrl, fetch, headers: { authorization: `Bearer ${token}` } }),
      cache: new InMemoryCache(),
    });
  }, 120_000);
  afterAll(async () => {
    client?.stop();
    await g?.stop();
  });

  it('every object type with an id exposes it as ID! (the default cache key works)', () => {
    const schema = buildSchema(API_SCHEMA);
    const withId = Object.values(schema.getTypeMap()).filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__') && !!t.getFields().id);
    expect(withId.length).toBeGreaterThan(8);
    for (const t of withId) {
      const id = t.getFields().id;
      expect(`${t.name}.id: ${isNonNullType(id.type) && getNamedType(id.type).name === 'ID'}`).toBe(`${t.name}.id: true`);
    }
  });

  it('normalises entities from the three subgraphs and merges what different queries say about one entity', async () => {
    const list = await client.query({
      query: gql`
        {
          complaints(first: 5) {
            edges {
              node {
                id
                code
                customer {
                  id
                  name
                  segment {
                    id
                    code
                  }
                }
                responsibleDepartment {
                  id
                  name
                  company {
                    id
                    name
                  }
                }
              }
            }
          }
        }
      `,
    });
    const customerId = list.data.complaints.edges[0].node.customer.id;
    await client.query({
      query: gql`
        query ($id: ID!) {
          customer(id: $id) {
            id
            kind
            tags {
              id
              code
            }
          }
        }
      `,
      variables: { id: customerId },
    });
    const cache = client.cache.extract() as Record<string, Record<string, unknown>>;
    for (const type of ['Complaint', 'Customer', 'Segment', 'Department', 'Company', 'Tag']) {
      expect(Object.keys(cache).some((k) => k.startsWith(`${type}:`))).toBe(true);
    }
    // One entry for the customer, with fields from customer-service (name, kind) and marketing (tags).
    const entry = cache[`Customer:${customerId}`];
    expect(entry).toEqual(expect.objectContaining({ name: expect.any(String), kind: expect.any(String), tags: expect.any(Array) }));
    // Nested objects are references, not copies.
    const complaint = Object.entries(cache).find(([k]) => k.startsWith('Complaint:'))![1];
    expect(complaint.customer).toEqual({ __ref: expect.stringMatching(/^Customer:/) });
  });
});
