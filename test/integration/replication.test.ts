import { createSubgraphApp, loadSubgraphConfig, SubgraphApp } from '@group/shared';
import { organizationModule } from '../../subgraphs/organization/src/module';
import { startReplicatedMariaDb, ReplicatedMariaDb } from '../support/replication';
import type { GraphQLBody } from '../support/graph';

/**
 * Scale-out on existing engines: reads from a MariaDB replica, writes to the
 * primary (TypeORM replication), and a mutation's own response reads its
 * write from the primary even while the replica lags. Runs with a real
 * primary and replica on loopback; part of the suite when MariaDB is among
 * TEST_DATABASES (see jest.config.js).
 */
describe('read replicas (MariaDB primary + replica)', () => {
  let repl: ReplicatedMariaDb;
  let app: SubgraphApp<unknown, unknown>;
  let url: string;
  let token: string;

  beforeAll(async () => {
    repl = await startReplicatedMariaDb();
    await repl.sql('primary', 'CREATE DATABASE organization CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    const config = loadSubgraphConfig('ORGANIZATION', 0, { NODE_ENV: 'test' });
    config.database = { type: 'mariadb', url: repl.primaryUrl('organization'), replicaUrls: [repl.replicaUrl('organization')] };
    app = await createSubgraphApp(organizationModule as never, config);
    url = (await app.server.start(0)).url;
    await repl.sync();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(input: { email: "executive@example.com", password: "demo-password" }) { token } }' }),
    });
    token = ((await res.json()) as GraphQLBody).data.login.token;
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    await repl?.stop();
  });

  const gql = async (query: string) =>
    (
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) })
    ).json() as Promise<GraphQLBody>;

  it('reads come from the replica; a mutation reads its own write from the primary; the replica catches up', async () => {
    const companies = await gql('{ companies(first: 50) { edges { node { id shareholders { percentage } } } } }');
    const company = companies.data.companies.edges.find((e: any) => e.node.shareholders.reduce((n: number, s: any) => n + s.percentage, 0) < 99).node.id;
    await repl.sql('replica', 'STOP SLAVE');
    try {
      const write = await gql(
        `mutation { recordShareholding(input: { companyId: "${company}", holderName: "复制测试投资者", percentage: 0.01 }) { id company { shareholders { holderName } } } }`,
      );
      expect(write.errors).toBeUndefined();
      // Read-your-writes: the response, resolved through loaders, sees the new row.
      expect(write.data.recordShareholding.company.shareholders.map((s: any) => s.holderName)).toContain('复制测试投资者');
      // A later query reads from the (stopped, so lagging) replica: not there yet.
      const lagging = await gql(`{ company(id: "${company}") { shareholders { holderName } } }`);
      expect(lagging.data.company.shareholders.map((s: any) => s.holderName)).not.toContain('复制测试投资者');
    } finally {
      await repl.sql('replica', 'START SLAVE');
    }
    await repl.sync();
    const caughtUp = await gql(`{ company(id: "${company}") { shareholders { holderName } } }`);
    expect(caughtUp.data.company.shareholders.map((s: any) => s.holderName)).toContain('复制测试投资者');
  });
});
