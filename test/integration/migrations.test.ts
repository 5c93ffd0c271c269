import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createTestDatabase, testDatabaseKinds, TestDatabase } from '@group/shared/testing';
import { migrate } from '@group/shared';
import { createOrganizationDataSource } from '../../subgraphs/organization/src/database/data-source';
import { createCustomerServiceDataSource } from '../../subgraphs/customer-service/src/database/data-source';
import { createMarketingDataSource } from '../../subgraphs/marketing/src/database/data-source';
import { createBulkDataSource } from '../../subgraphs/bulk/src/database/data-source';

const subgraphs: { name: string; create: (db: TestDatabase['config']) => { dataSource: DataSource } }[] = [
  { name: 'organization', create: createOrganizationDataSource },
  { name: 'customer-service', create: createCustomerServiceDataSource },
  { name: 'marketing', create: createMarketingDataSource },
  { name: 'bulk', create: createBulkDataSource },
];

describe.each(testDatabaseKinds())('migrations on %s', (kind) => {
  describe.each(subgraphs)('$name', ({ name, create }) => {
    let db: TestDatabase;
    let ds: DataSource;
    beforeAll(async () => {
      db = await createTestDatabase(kind, name);
      ds = create(db.config).dataSource;
      await ds.initialize();
    });
    afterAll(async () => {
      await ds?.destroy();
      await db?.drop();
    });

    it('leaves zero pending schema changes after migrating (entities and schema agree)', async () => {
      await migrate(ds, `${name}-migrations`);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    });

    it('runs every down() back to an empty schema and up() again', async () => {
      const count = ds.migrations.length;
      for (let i = 0; i < count; i++) await ds.undoLastMigration({ transaction: 'each' });
      const runner = ds.createQueryRunner();
      const left: string[] = [];
      for (const m of ds.entityMetadatas) if (await runner.hasTable(m.tableName)) left.push(m.tableName);
      await runner.release();
      expect(left).toEqual([]);
      await migrate(ds, `${name}-migrations`);
      expect((await ds.driver.createSchemaBuilder().log()).upQueries).toHaveLength(0);
    });
  });
});
