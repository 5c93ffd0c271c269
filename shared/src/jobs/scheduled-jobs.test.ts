import { createDataSource, migrate } from '../database/data-source';
import { createLogger } from '../logger';
import { createTestDatabase, TestDatabase, testDatabaseKinds } from '@group/shared/testing';
import { JobScheduler, startScheduledJobs } from './scheduled-jobs';
import type { DataSource } from 'typeorm';

describe.each(testDatabaseKinds())('scheduled jobs with two instances on %s', (kind) => {
  let db: TestDatabase;
  const sources: DataSource[] = [];
  const schedulers: JobScheduler[] = [];
  beforeAll(async () => {
    db = await createTestDatabase(kind, 'jobs');
    for (let i = 0; i < 2; i++) {
      const { dataSource } = createDataSource({ database: db.config, entities: [], migrations: [] });
      await dataSource.initialize();
      await migrate(dataSource, 'jobs-migrations');
      sources.push(dataSource);
    }
  });
  afterAll(async () => {
    for (const s of schedulers) await s.stop();
    for (const s of sources) await s.destroy();
    await db?.drop();
  });

  it('each job runs exactly once per tick, whichever instance checks and however often', async () => {
    const runs: Record<string, number[]> = { escalation: [], publisher: [] };
    let clock = 10 * 60_000 + 5;
    const log = createLogger('jobs-test', 'silent');
    for (let i = 0; i < 2; i++) {
      const jobs = Object.keys(runs).map((name) => ({ name, run: async () => void runs[name].push(i) }));
      schedulers.push(startScheduledJobs(sources[i], jobs, 60_000, log, () => clock));
    }
    const both = () => Promise.all([...schedulers, ...schedulers].map((s) => s.check()));
    await both();
    await both();
    expect(runs.escalation).toHaveLength(1);
    expect(runs.publisher).toHaveLength(1);
    clock += 30_000; // same tick
    await both();
    expect(runs.escalation).toHaveLength(1);
    clock += 30_000; // next tick
    await Promise.all([schedulers[1].check(), schedulers[0].check()]);
    await both();
    expect(runs.escalation).toHaveLength(2);
    expect(runs.publisher).toHaveLength(2);
    clock += 5 * 60_000; // instances were down for ticks in between: one run, not a catch-up of each
    await both();
    expect(runs.escalation).toHaveLength(3);
  });

  it('a job with a longer period (everyMs: the indicator repair run) runs once per its own period', async () => {
    const runs: number[] = [];
    let clock = 7 * 3_600_000 + 5;
    const log = createLogger('jobs-test', 'silent');
    const hourly = sources.map((ds, i) => startScheduledJobs(ds, [{ name: 'repair', everyMs: 3_600_000, run: async () => void runs.push(i) }], 60_000, log, () => clock));
    schedulers.push(...hourly);
    const both = () => Promise.all(hourly.map((s) => s.check()));
    await both();
    expect(runs).toHaveLength(1);
    for (let k = 0; k < 8; k++) {
      clock += 7 * 60_000; // every scheduler interval of the hour: not again
      await both();
    }
    expect(runs).toHaveLength(1);
    clock = 8 * 3_600_000 + 5;
    await both();
    expect(runs).toHaveLength(2);
  });
});
