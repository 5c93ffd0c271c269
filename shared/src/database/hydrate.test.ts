import 'reflect-metadata';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createDataSource } from './data-source';
import { getManyPlain } from './hydrate';
import { createTestDatabase, TestDatabase, testDatabaseKinds } from '@group/shared/testing';

enum Kind {
  A = 'A',
  B = 'B',
}

@Entity('hydrate_probe')
class Probe {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'int' })
  count: number;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ type: 'decimal', precision: 12, scale: 2 })
  amount: string;

  @Column({ name: 'happened_at', type: 'datetime', nullable: true })
  happenedAt: Date | null;

  @Column({ type: 'simple-enum', enum: Kind })
  kind: Kind;

  @Column({ type: 'simple-json', nullable: true })
  meta: { tags: string[] } | null;

  @Column({
    type: 'varchar',
    length: 36,
    nullable: true,
    transformer: { to: (v: string | null) => v?.toLowerCase() ?? null, from: (v: string | null) => v?.toUpperCase() ?? null },
  })
  code: string | null;
}

/** `getManyPlain` (the loaders' fast hydration) must give exactly what TypeORM's `getMany` gives. */
describe.each(testDatabaseKinds())('getManyPlain on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase(kind, 'hydrate');
    ds = createDataSource({ database: db.config, entities: [Probe], migrations: [] }).dataSource;
    await ds.initialize();
    await ds.synchronize();
    await ds.getRepository(Probe).insert([
      { id: 'a', name: '甲', count: 3, active: true, amount: '12.50', happenedAt: new Date('2026-03-01T08:30:00Z'), kind: Kind.A, meta: { tags: ['x'] }, code: 'Ab' },
      { id: 'b', name: 'b', count: 0, active: false, amount: '0.00', happenedAt: null, kind: Kind.B, meta: null, code: null },
    ]);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('hydrates every column type as getMany does: dates, booleans, decimals, enums, JSON, nulls, transformers', async () => {
    const qb = () =>
      ds
        .getRepository(Probe)
        .createQueryBuilder('p')
        .where('p.id IN (:...ids)', { ids: ['a', 'b'] })
        .orderBy('p.id');
    const plain = await getManyPlain(qb());
    expect(plain).toEqual(await qb().getMany());
    expect(plain[0]).toBeInstanceOf(Probe);
    expect(plain[0].happenedAt).toEqual(new Date('2026-03-01T08:30:00Z'));
    expect([plain[0].active, plain[1].active, plain[0].code, plain[1].meta]).toEqual([true, false, 'AB', null]);
  });
});
