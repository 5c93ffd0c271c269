import { startTestGraph, TestGraph } from '../support/graph';

/** Prometheus metrics at /metrics on the gateway and on every subgraph. */
describe('observability', () => {
  let g: TestGraph;
  beforeAll(async () => {
    g = await startTestGraph('sqlite');
  }, 120_000);
  afterAll(() => g?.stop());

  const metricsOf = async (graphqlUrl: string) => (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();

  it('counts operations by name and result, times them, and times each subgraph fetch', async () => {
    const token = await g.login('executive@example.com');
    for (let i = 0; i < 3; i++) await g.request('query ComplaintList { complaints(first: 3) { edges { node { code customer { name tags { code } } } } } }', { token });
    await g.request('query Broken { customer(id: "x") { nope } }', { token });
    const gateway = await metricsOf(g.gatewayUrl);
    expect(gateway).toMatch(/graphql_requests_total\{operation="ComplaintList",result="ok",service="gateway"\} 3/);
    expect(gateway).toMatch(/graphql_requests_total\{operation="Broken",result="error",service="gateway"\} 1/);
    expect(gateway).toMatch(/graphql_request_duration_seconds_count\{service="gateway",operation="ComplaintList"\} 3/);
    expect(gateway).toMatch(/gateway_subgraph_fetch_duration_seconds_count\{service="gateway",subgraph="customer-service",result="ok"\} 3/);
    expect(gateway).toMatch(/gateway_subgraph_fetch_duration_seconds_count\{service="gateway",subgraph="marketing",result="ok"\} 3/);
    expect(gateway).toContain('process_resident_memory_bytes');
    const cs = await metricsOf(g.urls['customer-service']);
    // The gateway names its subgraph operations after the client's (ComplaintList__customer_service__0).
    expect(cs).toMatch(/graphql_requests_total\{operation="ComplaintList__customer_service__\d+",result="ok",service="customer-service"\} 3/);
  });

  it('keeps client-chosen operation names from exploding the label set', async () => {
    const token = await g.login('executive@example.com');
    await g.request('query { me { email } }', { token });
    const text = await metricsOf(g.gatewayUrl);
    expect(text).toMatch(/graphql_requests_total\{operation="anonymous"/);
  });
});
