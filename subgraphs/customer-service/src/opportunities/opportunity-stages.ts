import { EntityManager, IsNull } from 'typeorm';
import { OpportunityStage } from './opportunity.entity';

/** The stage list in force for a segment: its own configuration if any, else the group default (G-09). */
export async function stagesOf(m: EntityManager, segmentId: string): Promise<OpportunityStage[]> {
  const own = await m.find(OpportunityStage, { where: { segmentId }, order: { position: 'ASC' } });
  return own.length ? own : m.find(OpportunityStage, { where: { segmentId: IsNull() }, order: { position: 'ASC' } });
}
