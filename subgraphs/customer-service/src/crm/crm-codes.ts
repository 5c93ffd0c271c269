import { EntityManager } from 'typeorm';
import { nextNumber } from '../database/code-sequence.entity';

const PREFIX = { lead: 'LD', opportunity: 'OP', sales_order: 'SO' } as const;

/** Next human-readable number (LD-000123, OP-..., SO-...); inside the creating transaction. */
export async function nextCode(m: EntityManager, sequence: keyof typeof PREFIX): Promise<string> {
  return `${PREFIX[sequence]}-${String(await nextNumber(m, sequence)).padStart(6, '0')}`;
}
