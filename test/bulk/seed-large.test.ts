import 'reflect-metadata';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { DEMO_SEGMENTS } from '@group/shared';
import { createTestDatabase, testDatabaseKinds, TestDatabase } from '@group/shared/testing';
import { createCustomerServiceDataSource } from '../../subgraphs/customer-service/src/database/data-source';
import { createMarketingDataSource } from '../../subgraphs/marketing/src/database/data-source';
import { createOrganizationDataSource } from '../../subgraphs/organization/src/database/data-source';
import { largeIds, seedLarge, SubgraphName } from '../bench/seed-large';

/** `npm run seed:large` at a small scale (issue #9): the volumes, the links between them, and a second run adding nothing. */
describe.each(testDatabaseKinds())('seed:large at scale 0.001 on %s', (kind) => {
  const dbs = {} as Record<SubgraphName, TestDatabase>;
  const quiet = new Writable({ write: (_c, _e, cb) => cb() });
  const count = async (ds: DataSource, sql: string) => Number((await ds.query(sql))[0].n);
  const withDs = async <T>(create: (db: any) => { dataSource: DataSource }, name: SubgraphName, fn: (ds: DataSource) => Promise<T>) => {
    const { dataSource } = create(dbs[name].config);
    await dataSource.initialize();
    try {
      return await fn(dataSource);
    } finally {
      await dataSource.destroy();
    }
  };
  const run = () =>
    seedLarge({
      scale: 0.001,
      databases: { organization: dbs.organization.config, 'customer-service': dbs['customer-service'].config, marketing: dbs.marketing.config },
      stderr: quiet,
    });

  beforeAll(async () => {
    for (const name of ['organization', 'customer-service', 'marketing'] as const) dbs[name] = await createTestDatabase(kind, `large_${name}`);
  });
  afterAll(async () => {
    for (const db of Object.values(dbs)) await db?.drop();
  });

  it('fills the three databases with linked records, and a second run adds nothing', async () => {
    const first = await run();
    expect(first).toMatchObject({
      departments: 1,
      employees: 5,
      customers: 100,
      complaints: 200,
      leads: 50,
      opportunities: 50,
      'general actions': 1000,
      'customer profiles': 100,
      'tag assignments': 1000,
    });
    expect(first['complaint events']).toBeGreaterThanOrEqual(200);

    await withDs(createCustomerServiceDataSource, 'customer-service', async (ds) => {
      expect(await count(ds, `SELECT COUNT(*) AS n FROM customer WHERE name LIKE '客户 L%'`)).toBe(100);
      // Every complaint event belongs to a complaint; every large complaint has its timeline.
      expect(await count(ds, 'SELECT COUNT(*) AS n FROM complaint_event e WHERE NOT EXISTS (SELECT 1 FROM complaint c WHERE c.id = e.complaint_id)')).toBe(0);
      expect(await count(ds, `SELECT COUNT(*) AS n FROM complaint c WHERE c.code LIKE 'LG%' AND NOT EXISTS (SELECT 1 FROM complaint_event e WHERE e.complaint_id = c.id)`)).toBe(0);
      // Complaints and CRM records carry their customer's segment.
      expect(await count(ds, 'SELECT COUNT(*) AS n FROM complaint c JOIN customer k ON k.id = c.customer_id WHERE c.segment_id <> k.segment_id')).toBe(0);
      expect(await count(ds, 'SELECT COUNT(*) AS n FROM general_action a JOIN customer k ON k.id = a.customer_id WHERE a.segment_id <> k.segment_id')).toBe(0);
      const perSegment = await ds.query(`SELECT segment_id AS s, COUNT(*) AS n FROM customer WHERE name LIKE '客户 L%' GROUP BY segment_id`);
      expect(perSegment).toHaveLength(DEMO_SEGMENTS.length);
    });
    await withDs(createMarketingDataSource, 'marketing', async (ds) => {
      const [p] = await ds.query('SELECT segment_id AS s FROM customer_profile WHERE customer_id = ?', [largeIds.customer(3)]);
      expect(p.s).toBe(DEMO_SEGMENTS[3].id);
      const ids = Array.from({ length: 100 }, (_, i) => largeIds.customer(i));
      const [t] = await ds.query(`SELECT COUNT(*) AS n, COUNT(DISTINCT customer_id) AS c FROM tag_assignment WHERE customer_id IN (${ids.map(() => '?').join(', ')})`, ids);
      expect([Number(t.n), Number(t.c)]).toEqual([1000, 100]); // ten distinct tags each (unique index)
    });
    await withDs(createOrganizationDataSource, 'organization', async (ds) => {
      expect(await count(ds, `SELECT COUNT(*) AS n FROM employee WHERE email LIKE 'large.%'`)).toBe(5);
    });

    expect(await run()).toEqual({});
    await withDs(createCustomerServiceDataSource, 'customer-service', async (ds) => {
      expect(await count(ds, `SELECT COUNT(*) AS n FROM customer WHERE name LIKE '客户 L%'`)).toBe(100);
    });
  }, 120_000);
});
