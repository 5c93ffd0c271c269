import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, RowDataPacket } from 'mysql2/promise';

/**
 * A throw-away MariaDB primary and a replica replicating from it, both on
 * loopback ports of their own (not the machine's MariaDB), for the
 * read-replica tests. Needs the mariadb-server package (mariadb-install-db,
 * mariadbd) and root (the servers run as the mysql user).
 */
export interface ReplicatedMariaDb {
  primaryUrl(db: string): string;
  replicaUrl(db: string): string;
  /** Runs SQL on the primary or the replica. */
  sql(on: 'primary' | 'replica', statement: string): Promise<RowDataPacket[]>;
  /** Waits until the replica has applied everything the primary has written. */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

export async function startReplicatedMariaDb(): Promise<ReplicatedMariaDb> {
  const dir = mkdtempSync(join(tmpdir(), 'gg-repl-'));
  chmodSync(dir, 0o755);
  const base = 33100 + Math.floor(Math.random() * 800);
  const ports = { primary: base, replica: base + 1 };
  execFileSync('chown', ['mysql:mysql', dir]);
  execFileSync('mariadb-install-db', ['--user=mysql', `--datadir=${join(dir, 'primary')}`, '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'ignore' });
  cpSync(join(dir, 'primary'), join(dir, 'replica'), { recursive: true });
  execFileSync('chown', ['-R', 'mysql:mysql', dir]);
  const procs: ChildProcess[] = [];
  const start = (name: 'primary' | 'replica', serverId: number) => {
    const p = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        '--user=mysql',
        `--datadir=${join(dir, name)}`,
        `--port=${ports[name]}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(dir, `${name}.sock`)}`,
        `--pid-file=${join(dir, `${name}.pid`)}`,
        `--server-id=${serverId}`,
        '--log-bin=binlog',
        '--binlog-format=ROW',
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=32M',
        ...(name === 'replica' ? ['--read-only=1'] : []),
      ],
      { stdio: 'ignore' },
    );
    procs.push(p);
  };
  start('primary', 1);
  start('replica', 2);
  const url = (name: 'primary' | 'replica', db = '') => `mysql://root@127.0.0.1:${ports[name]}/${db}`;
  const sql = async (on: 'primary' | 'replica', statement: string) => {
    const c = await createConnection({ uri: url(on), multipleStatements: true });
    try {
      return (await c.query<RowDataPacket[]>(statement))[0];
    } finally {
      await c.end();
    }
  };
  const deadline = Date.now() + 60_000;
  for (const name of ['primary', 'replica'] as const) {
    for (;;) {
      try {
        await sql(name, 'SELECT 1');
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }
  await sql('replica', `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${ports.primary}, MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos; START SLAVE;`);

  const sync = async () => {
    const [{ pos }] = await sql('primary', 'SELECT @@gtid_binlog_pos AS pos');
    const [{ ok }] = await sql('replica', `SELECT MASTER_GTID_WAIT('${pos}', 30) AS ok`);
    if (Number(ok) !== 0) throw new Error('the replica did not catch up within 30 s');
  };
  return {
    primaryUrl: (db) => url('primary', db),
    replicaUrl: (db) => url('replica', db),
    sql,
    sync,
    async stop() {
      for (const p of procs) p.kill('SIGTERM');
      await Promise.all(procs.map((p) => (p.exitCode !== null ? Promise.resolve() : new Promise((r) => p.once('exit', r)))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
