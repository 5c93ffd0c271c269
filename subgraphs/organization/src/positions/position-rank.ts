import type { EntityManager } from 'typeorm';

import { Company, CompanyKind, Segment } from '../companies/company.entity';
import { PositionRank } from './position.entity';
import { positionErrors as errors } from './position.errors';

const SEGMENT_RANKS = new Set([PositionRank.SEGMENT_HEAD, PositionRank.SEGMENT_ADMINISTRATOR]);

/**
 * A rank fits its position: GROUP_VP_AND_ABOVE only in the group company (集团公司副总裁以上, CS-R38);
 * a segment head or administrator position names one segment of its own company; no other rank names one.
 */
export async function assertRankFits(m: EntityManager, companyId: string, rank: PositionRank, segmentId: string | null): Promise<void> {
  if (rank === PositionRank.GROUP_VP_AND_ABOVE) {
    const company = await m.findOneBy(Company, { id: companyId });
    if (company?.kind !== CompanyKind.GROUP) throw errors.positionRankGroupOnly();
  }
  if (!SEGMENT_RANKS.has(rank)) {
    if (segmentId) throw errors.positionSegmentNotApplicable(rank);
    return;
  }
  if (!segmentId) throw errors.positionSegmentRequired(rank);
  const segment = await m.findOneBy(Segment, { id: segmentId });
  if (!segment) throw errors.segmentNotFound(segmentId);
  if (segment.companyId !== companyId) throw errors.positionSegmentOtherCompany();
}
