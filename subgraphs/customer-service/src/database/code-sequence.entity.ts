import { Column, Entity, EntityManager, PrimaryColumn } from 'typeorm';

/**
 * Counters behind human-readable numbers (CMP-000123). One row per sequence;
 * `nextNumber` increments it with a single UPDATE inside the caller's
 * transaction, which row-locks it on MariaDB/MySQL (and takes the write lock
 * on SQLite), so concurrent creations get distinct, gap-free numbers.
 */
@Entity('code_sequence')
export class CodeSequence {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: string;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber: number;
}

/** Must run inside a transaction (`m` is the transaction's manager). */
export async function nextNumber(m: EntityManager, name: string): Promise<number> {
  const result = await m
    .createQueryBuilder()
    .update(CodeSequence)
    .set({ lastNumber: () => 'last_number + 1' })
    .where('name = :name', { name })
    .execute();
  if (!result.affected) {
    // First number of a sequence the migration did not create.
    await m.insert(CodeSequence, { name, lastNumber: 1 });
    return 1;
  }
  const row = await m.findOneByOrFail(CodeSequence, { name });
  return row.lastNumber;
}
