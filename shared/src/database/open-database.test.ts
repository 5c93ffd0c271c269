import { createTestDatabase, testDatabaseKinds } from '../testing/databases';
import { createDataSource, openDatabase } from './data-source';

/** A MariaDB server named by a mysql:// URL (TypeORM's MySQL 8 dialect) is refused at start, with the fix in the message. */
const onMariaDb = testDatabaseKinds().includes('mariadb') && process.env.TEST_MYSQL_FLAVOR !== 'mysql';

describe('openDatabase', () => {
  it('refuses a mysql:// URL that reaches a MariaDB server (its locking reads would fail as 500s), opens the same as mariadb://', async () => {
    if (!onMariaDb) return expect(process.env.TEST_MYSQL_FLAVOR === 'mysql' || !testDatabaseKinds().includes('mariadb')).toBe(true); // a MySQL 8 server (TEST_MYSQL_FLAVOR=mysql) or none
    const db = await createTestDatabase('mariadb', 'open_db');
    try {
      const url = (db.config as { url: string }).url;
      const open = (type: 'mysql' | 'mariadb') =>
        openDatabase('probe', { database: { type, url }, migrateOnStart: false }, (database) => createDataSource({ database, entities: [], migrations: [] }));
      await expect(open('mysql')).rejects.toThrow(/MariaDB .*mariadb:\/\//);
      const ok = await open('mariadb');
      expect(ok.dataSource.isInitialized).toBe(true);
      await ok.dataSource.destroy();
    } finally {
      await db.drop();
    }
  });
});
