import { DataSource } from 'typeorm';
import { DomainError, inTransaction, migrate, updateWithVersion } from '@group/shared';
import { createTestDatabase, testDatabaseKinds, TestDatabase } from '@group/shared/testing';
import { createOrganizationDataSource } from '../../subgraphs/organization/src/database/data-source';
import { seedOrganization } from '../../subgraphs/organization/src/database/seed';
import { Department } from '../../subgraphs/organization/src/departments/department.entity';

describe.each(testDatabaseKinds())('optimistic versioning on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase(kind, 'versioning');
    ds = createOrganizationDataSource(db.config).dataSource;
    await ds.initialize();
    await migrate(ds, 'v');
    await seedOrganization(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('applies an update carrying the current version and bumps it by one', async () => {
    const d = (await ds.getRepository(Department).findOneBy({ code: 'FIN' }))!;
    const updated = await inTransaction(ds, (m) => updateWithVersion(m, Department, d.id, d.version, { name: '财务管理部' }));
    expect(updated.version).toBe(d.version + 1);
    expect(updated.name).toBe('财务管理部');
  });

  it('refuses a stale version with CONFLICT / STALE_VERSION and says what differs', async () => {
    const d = (await ds.getRepository(Department).findOneBy({ code: 'ENG' }))!;
    await updateWithVersion(ds.manager, Department, d.id, d.version, { name: 'A' });
    let error: DomainError | undefined;
    try {
      await updateWithVersion(ds.manager, Department, d.id, d.version, { name: 'B' });
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.kind).toBe('CONFLICT');
    expect(error?.code).toBe('STALE_VERSION');
    expect(error?.details).toEqual({ currentVersion: d.version + 1, sentVersion: d.version, fieldsThatDiffer: ['name'] });
    expect((await ds.getRepository(Department).findOneBy({ id: d.id }))!.name).toBe('A');
  });

  it('lets exactly one of many concurrent updates of the same version win (no lost update)', async () => {
    const d = (await ds.getRepository(Department).findOneBy({ code: 'SALES' }))!;
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => inTransaction(ds, (m) => updateWithVersion(m, Department, d.id, d.version, { name: `N${i}` }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const after = (await ds.getRepository(Department).findOneBy({ id: d.id }))!;
    expect(after.version).toBe(d.version + 1);
  });
});
