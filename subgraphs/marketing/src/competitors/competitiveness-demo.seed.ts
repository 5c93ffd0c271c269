import type { EntityManager } from 'typeorm';
import { stableId } from '@group/shared';
import { Competitor, OwnershipType } from './competitor.entity';
import { CompetitivenessIndicator, CompetitivenessScore } from './competitiveness.entity';

export const demoCompetitorId = (key: string) => stableId('competitor', key);
export const demoIndicatorId = (code: string) => stableId('competitiveness-indicator', code);

/** MKT-R05 demo indicator system (G-21 proposal [I]): code, name, weight, scale, what a high score means. */
export const DEMO_COMPETITIVENESS_INDICATORS: [string, string, number, number, number, string][] = [
  ['MARKET_SHARE', '市场份额', 3, 0, 100, '在我方重点区域的市场份额越高得分越高'],
  ['PRICE_LEVEL', '价格水平(相对我方)', 2, 0, 100, '价格比我方越有优势得分越高'],
  ['UPDATE_CYCLE', '产品更新周期', 2, 0, 100, '更新周期越短得分越高 (MKT-R11)'],
  ['REGIONAL_COVERAGE', '区域覆盖', 1, 0, 100, '经营地区覆盖我方区域越广得分越高'],
  ['USER_REVIEWS', '用户评价', 2, 1, 5, '用户评价 1–5 星'],
];

/** Two demo competitors scored in 2025-Q3 and 2025-Q4 (scores in the order of the indicators above). */
export const DEMO_COMPETITORS: { key: string; legalName: string; ownershipType: OwnershipType; scores: Record<string, number[]> }[] = [
  { key: 'ZHONGNENG', legalName: '中能物业服务集团有限公司', ownershipType: OwnershipType.STATE_OWNED, scores: { '2025-Q3': [60, 40, 50, 80, 3], '2025-Q4': [70, 40, 60, 80, 4] } },
  { key: 'HUITONG', legalName: '汇通新能源股份有限公司', ownershipType: OwnershipType.JOINT_STOCK, scores: { '2025-Q3': [50, 70, 80, 40, 4], '2025-Q4': [45, 60, 70, 40, 3] } },
];

export async function seedCompetitivenessDemo(m: EntityManager, at: Date): Promise<void> {
  const audit = { createdAt: at, updatedAt: at, version: 1 };
  await m.insert(
    CompetitivenessIndicator,
    DEMO_COMPETITIVENESS_INDICATORS.map(([code, name, weight, scaleMin, scaleMax, description]) => ({
      id: demoIndicatorId(code),
      code,
      name,
      description,
      weight,
      scaleMin,
      scaleMax,
      retiredAt: null,
      ...audit,
    })),
  );
  const collectedBy = stableId('account', 'executive');
  await m.insert(
    Competitor,
    DEMO_COMPETITORS.map((c) => ({
      id: demoCompetitorId(c.key),
      legalName: c.legalName,
      ownershipType: c.ownershipType,
      assets: null,
      employeeCount: null,
      scaleNote: null,
      leadershipRole: null,
      industryRank: null,
      radiationCapacity: null,
      fiscalContribution: null,
      sources: '公开资料',
      collectedBy,
      archivedAt: null,
      ...audit,
    })),
  );
  const scores = DEMO_COMPETITORS.flatMap((c) =>
    Object.entries(c.scores).flatMap(([period, values]) =>
      values.map((score, k) => ({
        id: stableId('competitiveness-score', `${c.key}-${period}-${k}`),
        competitorId: demoCompetitorId(c.key),
        indicatorId: demoIndicatorId(DEMO_COMPETITIVENESS_INDICATORS[k][0]),
        period,
        score,
        note: null,
        evaluatedBy: collectedBy,
        ...audit,
      })),
    ),
  );
  await m.insert(CompetitivenessScore, scores);
}
