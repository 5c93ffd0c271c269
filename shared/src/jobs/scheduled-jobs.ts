import { Column, Entity, PrimaryColumn, type DataSource, type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { isUniqueViolation } from '../errors';
import type { Logger } from '../logger';
import { col } from '../database/columns';

/**
 * In-process scheduled jobs that run once per tick across every instance of a
 * subgraph (several processes, several machines): a tick is the interval's
 * number since the epoch, and an instance runs a job for a tick only when it
 * moves that job's row in `job_tick` forward to the tick, a single conditional
 * UPDATE (or the INSERT of the row) that exactly one instance wins on MySQL,
 * MariaDB and SQLite alike. No lock is held while the job runs; every instance
 * checks four times per interval, so a tick is missed only when all are down.
 */
@Entity('job_tick')
export class JobTick {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  /** The last claimed tick, zero-padded so that text order is number order. */
  @Column({ type: 'varchar', length: 20 })
  tick: string;
}

export class JobTicks1765100000000 implements MigrationInterface {
  name = 'JobTicks1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'job_tick', columns: [{ ...col.string('name', 64), isPrimary: true }, col.string('tick', 20)] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('job_tick');
  }
}

export interface ScheduledJob {
  name: string;
  /** A longer period than the scheduler's interval (a repair run); its ticks count in this period. */
  everyMs?: number;
  run(): Promise<unknown>;
}

const padded = (tick: number) => String(tick).padStart(20, '0');

/** True when this caller won `tick` of job `name` (nobody else did or will). */
export async function claimTick(ds: DataSource, name: string, tick: number): Promise<boolean> {
  const moved = await ds
    .createQueryBuilder()
    .update(JobTick)
    .set({ tick: padded(tick) })
    .where('name = :name AND tick < :tick', { name, tick: padded(tick) })
    .execute();
  if (moved.affected) return true;
  if (await ds.getRepository(JobTick).existsBy({ name })) return false;
  try {
    await ds.getRepository(JobTick).insert({ name, tick: padded(tick) });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

export interface JobScheduler {
  /** Runs at most once per check: the claim and, when won, the job (for tests). */
  check(): Promise<void>;
  stop(): Promise<void>;
}

export function startScheduledJobs(ds: DataSource, jobs: ScheduledJob[], intervalMs: number, log: Logger, now: () => number = Date.now): JobScheduler {
  let running: Promise<void> | undefined;
  const check = () =>
    (running ??= (async () => {
      for (const job of jobs) {
        const tick = Math.floor(now() / Math.max(intervalMs, job.everyMs ?? 0));
        try {
          if (!(await claimTick(ds, job.name, tick))) continue;
          const result = await job.run();
          log.info({ job: job.name, tick, result }, 'scheduled job done');
        } catch (e) {
          log.error({ job: job.name, tick, err: (e as Error).message }, 'scheduled job failed (the next tick runs it again)');
        }
      }
    })().finally(() => (running = undefined)));
  const timer = setInterval(() => void check(), Math.max(250, Math.floor(intervalMs / 4)));
  timer.unref();
  return {
    check,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
