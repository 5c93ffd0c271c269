import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDataSource, MYSQL8_SQL_MODE } from './data-source';
import { createTestDatabase } from '@group/shared/testing';

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

describe('MySQL 8 compatibility of the SQL we write', () => {
  it('no syntax MySQL 8 deprecates: no VALUES() in ON DUPLICATE KEY UPDATE, nor TypeORM upsert/orUpdate (which emit it) outside upsertRows', () => {
    const root = resolve(__dirname, '../../..');
    const files = execSync("git ls-files '*.ts' ':!:*.test.ts' ':!:test/**' ':!:shared/src/database/upsert.ts'", { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    const offenders = files.flatMap((f) =>
      readFileSync(join(root, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (/=\s*VALUES\(|\.upsert\(|\.orUpdate\(/.test(line) ? [`${f}:${i + 1}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
