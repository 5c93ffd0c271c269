import type { EntityManager } from 'typeorm';
import { badInput, notFound } from '@group/shared';
import { Company, CompanyKind, Segment } from '../companies/company.entity';
import { PositionRank } from './position.entity';

const SEGMENT_RANKS = new Set([PositionRank.SEGMENT_HEAD, PositionRank.SEGMENT_ADMINISTRATOR]);

/**
 * A rank fits its position: GROUP_VP_AND_ABOVE only in the group company (集团公司副总裁以上, CS-R38);
 * a segment head or administrator position names one segment of its own company; no other rank names one.
 */
export async function assertRankFits(m: EntityManager, companyId: string, rank: PositionRank, segmentId: string | null): Promise<void> {
  if (rank === PositionRank.GROUP_VP_AND_ABOVE) {
    const company = await m.findOneBy(Company, { id: companyId });
    if (company?.kind !== CompanyKind.GROUP) throw badInput('POSITION_RANK_GROUP_ONLY', 'GROUP_VP_AND_ABOVE is a rank of the group company only');
  }
  if (!SEGMENT_RANKS.has(rank)) {
    if (segmentId) throw badInput('POSITION_SEGMENT_NOT_APPLICABLE', `A ${rank} position serves no segment`);
    return;
  }
  if (!segmentId) throw badInput('POSITION_SEGMENT_REQUIRED', `A ${rank} position names the segment it serves`);
  const segment = await m.findOneBy(Segment, { id: segmentId });
  if (!segment) throw notFound('Segment', segmentId);
  if (segment.companyId !== companyId) throw badInput('POSITION_SEGMENT_OTHER_COMPANY', "The segment belongs to another company than the position's");
}
