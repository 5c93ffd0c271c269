import { createDataSource, MYSQL8_SQL_MODE } from './data-source';
import { createTestDatabase } from '../testing/databases';

describe('MariaDB/MySQL connections', () => {
  it("run with MySQL 8's strict sql_mode whatever the server's default (ONLY_FULL_GROUP_BY refuses a loose GROUP BY)", async () => {
    if (!(process.env.TEST_DATABASES ?? 'sqlite,mariadb').includes('mariadb')) return expect(MYSQL8_SQL_MODE).toContain('ONLY_FULL_GROUP_BY');
    const db = await createTestDatabase('mariadb', 'sql_mode');
    const { dataSource } = createDataSource({ database: db.config, entities: [], migrations: [] });
    await dataSource.initialize();
    try {
      for (let i = 0; i < 3; i++) {
        const [row] = await dataSource.query('SELECT @@SESSION.sql_mode AS mode');
        expect(row.mode.split(',').sort()).toEqual(MYSQL8_SQL_MODE.split(',').sort());
      }
      await dataSource.query('CREATE TABLE t (a INT, b INT)');
      await expect(dataSource.query('SELECT a, b FROM t GROUP BY a')).rejects.toThrow(/GROUP BY/i);
      await expect(dataSource.transaction((m) => m.query('SELECT @@SESSION.sql_mode AS mode'))).resolves.toEqual([{ mode: expect.stringContaining('ONLY_FULL_GROUP_BY') }]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});
