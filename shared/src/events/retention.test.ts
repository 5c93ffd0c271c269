import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../database/data-source';
import { createTestDatabase, TestDatabase, testDatabaseKinds } from '../testing/databases';
import { OutboxEvent } from './outbox';
import { outboxRetentionJob } from './retention';

/** Issue 21: the outbox retention job prunes old delivered rows only (never an undelivered one, never the feed's head). */
describe.each(testDatabaseKinds())('outbox retention on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase(kind, 'retention');
    ds = createDataSource({ database: db.config, entities: [], migrations: [] }).dataSource;
    await ds.initialize();
    await migrate(ds, 'retention-migrations');
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('delivered rows older than the retention are pruned; undelivered and newer ones, and the head, stay', async () => {
    const now = Date.UTC(2026, 11, 1);
    const daysAgo = (d: number) => new Date(now - d * 24 * 3600 * 1000);
    let n = 0;
    const row = (occurredAt: Date, position: number | null) => ({
      id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
      type: 'CustomerCreated',
      schemaVersion: 1,
      aggregateType: 'Customer',
      aggregateId: `c${n}`,
      aggregateVersion: 1,
      segmentId: null,
      occurredAt,
      actorAccountId: null,
      actorRole: null,
      payload: '{}',
      position,
    });
    // Positions 1..3 old and delivered, one old row never delivered, 4 recent, 5 old but the head.
    await ds.getRepository(OutboxEvent).insert([row(daysAgo(30), 1), row(daysAgo(9), 2), row(daysAgo(8), 3), row(daysAgo(20), null), row(daysAgo(1), 4), row(daysAgo(10), 5)]);
    const job = outboxRetentionJob(ds, 7, () => now);
    expect(await job.run()).toBe(3);
    const left = await ds.getRepository(OutboxEvent).find({ order: { seq: 'ASC' } });
    expect(left.map((r) => r.position)).toEqual([null, 4, 5]);
    expect(await job.run()).toBe(0);
    // A shorter retention prunes the recent delivered one too, still not the undelivered row nor the head.
    expect(await outboxRetentionJob(ds, 1, () => now + 3600_000).run()).toBe(1);
    expect((await ds.getRepository(OutboxEvent).find({ order: { seq: 'ASC' } })).map((r) => r.position)).toEqual([null, 5]);
  });
});
