import { EntityManager, FindOptionsWhere, IsNull } from 'typeorm';
import { OpportunityStage } from './opportunity.entity';

/**
 * The stage list in force for a segment: its own configuration if any, else the group default (G-09).
 * `lock`: for a write that puts an opportunity in one of the stages. On MySQL/MariaDB it first takes a
 * shared lock on the group default's first stage, the row every stage-list change locks first
 * (`configureStages`), and reads the list with locking reads (the committed list, whatever the
 * transaction's snapshot): a change that drops a stage and a create in that stage run one after the
 * other, so the create either fails on the new list or is seen by the change (STAGE_IN_USE).
 * Creates share the lock and do not wait for each other.
 */
export async function stagesOf(m: EntityManager, segmentId: string, opts: { lock?: boolean } = {}): Promise<OpportunityStage[]> {
  const lock = opts.lock && m.connection.driver.options.type !== 'better-sqlite3' ? { lock: { mode: 'pessimistic_read' as const } } : {};
  if (lock.lock) await m.findOne(OpportunityStage, { where: { segmentId: IsNull(), position: 1 }, ...lock });
  const list = (where: FindOptionsWhere<OpportunityStage>) => m.find(OpportunityStage, { where, order: { position: 'ASC' }, ...lock });
  const own = await list({ segmentId });
  return own.length ? own : list({ segmentId: IsNull() });
}
