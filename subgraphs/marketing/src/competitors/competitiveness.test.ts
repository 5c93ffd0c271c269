import 'reflect-metadata';
import { Capability } from '@group/shared';
import { errorOf, testDatabaseKinds, viewers } from '@group/shared/testing';
import { MarketingTestApp, startMarketing } from '../testing/harness';
import { demoCompetitorId, demoIndicatorId } from './competitiveness-demo.seed';

const DENIED = { code: 'FORBIDDEN', reason: 'COMPETITOR_INTELLIGENCE_FORBIDDEN' };
const INDICATORS = `query ($r: Boolean) { competitivenessIndicators(includeRetired: $r) { id code name weight scaleMin scaleMax retiredAt version } }`;
const CREATE_INDICATOR = `mutation ($i: CreateCompetitivenessIndicatorInput!) { createCompetitivenessIndicator(input: $i) { id code weight scaleMin scaleMax version } }`;
const SCORE = `mutation ($i: RecordCompetitivenessScoreInput!) { recordCompetitivenessScore(input: $i) { id period score version evaluatedBy indicator { code } competitor { legalName } } }`;
const TREND = `query ($id: ID!, $p: String) { competitor(id: $id) { legalName competitivenessTrend { period score change indicatorsScored } competitivenessScores(period: $p) { period score indicator { code } } } }`;
const RANKING = `query ($p: String!) { competitivenessRanking(period: $p) { rank score change competitor { legalName } } }`;

describe.each(testDatabaseKinds())('MKT-R05 competitiveness-evaluation indicator system on %s', (kind) => {
  let mkt: MarketingTestApp;
  const exec = viewers.executive();
  const head = viewers.head('RESI');
  const operator = { ...viewers.staff('RESI'), capabilities: [Capability.MARKETING_OPERATOR] };

  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_competitiveness' })));
  afterAll(() => mkt?.stop());

  it('MKT-R05 / MKT-M6: the demo indicator system scores each competitor per indicator per quarter; the weighted score and its trend follow', async () => {
    const list = (await mkt.ok(head, INDICATORS)).competitivenessIndicators;
    expect(list.map((i: any) => [i.code, i.weight, i.scaleMin, i.scaleMax])).toEqual([
      ['MARKET_SHARE', 3, 0, 100],
      ['PRICE_LEVEL', 2, 0, 100],
      ['REGIONAL_COVERAGE', 1, 0, 100],
      ['UPDATE_CYCLE', 2, 0, 100],
      ['USER_REVIEWS', 2, 1, 5],
    ]);
    // 中能: Q3 (60·3 + 40·2 + 50·2 + 80·1 + 50·2) / 10 = 54; Q4 = 64 (user reviews 4 of 1–5 = 75).
    const zn = (await mkt.ok(head, TREND, { id: demoCompetitorId('ZHONGNENG'), p: '2025-Q4' })).competitor;
    expect(zn.competitivenessTrend).toEqual([
      { period: '2025-Q3', score: 54, change: null, indicatorsScored: 5 },
      { period: '2025-Q4', score: 64, change: 10, indicatorsScored: 5 },
    ]);
    expect(zn.competitivenessScores.map((s: any) => [s.indicator.code, s.score])).toEqual(
      expect.arrayContaining([
        ['MARKET_SHARE', 70],
        ['USER_REVIEWS', 4],
      ]),
    );
    expect(zn.competitivenessScores).toHaveLength(5);
    const q4 = (await mkt.ok(head, RANKING, { p: '2025-Q4' })).competitivenessRanking;
    expect(q4).toEqual([
      { rank: 1, score: 64, change: 10, competitor: { legalName: '中能物业服务集团有限公司' } },
      { rank: 2, score: 53.5, change: -10.5, competitor: { legalName: '汇通新能源股份有限公司' } },
    ]);
    expect((await mkt.ok(head, RANKING, { p: '2025-Q3' })).competitivenessRanking.map((r: any) => r.competitor.legalName)).toEqual([
      '汇通新能源股份有限公司',
      '中能物业服务集团有限公司',
    ]);
  });

  it('MKT-R05: the group maintains the indicator catalogue (weights, scale, versions, idempotent creates); scores are checked against it', async () => {
    // Only group executives and the marketing department maintain the group-wide system.
    expect(errorOf(await mkt.exec(head, CREATE_INDICATOR, { i: { code: 'BRAND', name: '品牌影响力', weight: 1 } }))).toEqual({
      code: 'FORBIDDEN',
      reason: 'COMPETITIVENESS_CATALOGUE_FORBIDDEN',
    });
    expect(errorOf(await mkt.exec(exec, CREATE_INDICATOR, { i: { code: 'BRAND', name: '品牌影响力', weight: 0 } })).reason).toBe('INDICATOR_WEIGHT_INVALID');
    expect(errorOf(await mkt.exec(exec, CREATE_INDICATOR, { i: { code: 'BRAND', name: '品牌影响力', weight: 1, scaleMin: 5, scaleMax: 5 } })).reason).toBe(
      'INDICATOR_SCALE_INVALID',
    );
    expect(errorOf(await mkt.exec(exec, CREATE_INDICATOR, { i: { code: 'brand x', name: '品牌影响力', weight: 1 } })).reason).toBe('INDICATOR_CODE_INVALID');
    expect(errorOf(await mkt.exec(exec, CREATE_INDICATOR, { i: { code: 'MARKET_SHARE', name: '重复', weight: 1 } })).reason).toBe('INDICATOR_CODE_TAKEN');
    const input = { code: 'BRAND', name: '品牌影响力', weight: 1.5, idempotencyKey: 'brand-1' };
    const brand = (await mkt.ok(operator, CREATE_INDICATOR, { i: input })).createCompetitivenessIndicator;
    expect(brand).toMatchObject({ code: 'BRAND', weight: 1.5, scaleMin: 0, scaleMax: 100, version: 1 });
    expect((await mkt.ok(operator, CREATE_INDICATOR, { i: input })).createCompetitivenessIndicator.id).toBe(brand.id);
    expect(errorOf(await mkt.exec(operator, CREATE_INDICATOR, { i: { ...input, weight: 2 } })).reason).toBe('IDEMPOTENCY_KEY_REUSED');

    const UPDATE = `mutation ($i: UpdateCompetitivenessIndicatorInput!) { updateCompetitivenessIndicator(input: $i) { weight version } }`;
    expect(errorOf(await mkt.exec(exec, UPDATE, { i: { id: brand.id, expectedVersion: 2, weight: 2 } })).reason).toBe('STALE_VERSION');
    expect((await mkt.ok(exec, UPDATE, { i: { id: brand.id, expectedVersion: 1, weight: 2 } })).updateCompetitivenessIndicator).toEqual({ weight: 2, version: 2 });

    // Scores: on the scale, a quarter, once per (competitor, indicator, quarter); corrections are versioned.
    const competitorId = demoCompetitorId('HUITONG');
    const score = { competitorId, indicatorId: brand.id, period: '2026-Q1', score: 70 };
    expect(errorOf(await mkt.exec(head, SCORE, { i: { ...score, score: 101 } })).reason).toBe('SCORE_OUT_OF_SCALE');
    expect(errorOf(await mkt.exec(head, SCORE, { i: { ...score, indicatorId: demoIndicatorId('USER_REVIEWS'), score: 0 } })).reason).toBe('SCORE_OUT_OF_SCALE');
    expect(errorOf(await mkt.exec(head, SCORE, { i: { ...score, period: '2026-13' } })).code).toBe('BAD_USER_INPUT');
    const s = (await mkt.ok(head, SCORE, { i: { ...score, idempotencyKey: 'huitong-brand-q1' } })).recordCompetitivenessScore;
    expect(s).toMatchObject({
      period: '2026-Q1',
      score: 70,
      version: 1,
      evaluatedBy: head.accountId,
      indicator: { code: 'BRAND' },
      competitor: { legalName: '汇通新能源股份有限公司' },
    });
    expect((await mkt.ok(head, SCORE, { i: { ...score, idempotencyKey: 'huitong-brand-q1' } })).recordCompetitivenessScore.id).toBe(s.id);
    expect(errorOf(await mkt.exec(head, SCORE, { i: score }))).toEqual({ code: 'CONFLICT', reason: 'SCORE_EXISTS' });
    const UPDATE_SCORE = `mutation ($i: UpdateCompetitivenessScoreInput!) { updateCompetitivenessScore(input: $i) { score version } }`;
    expect(errorOf(await mkt.exec(head, UPDATE_SCORE, { i: { id: s.id, expectedVersion: 2, score: 80 } })).reason).toBe('STALE_VERSION');
    expect((await mkt.ok(head, UPDATE_SCORE, { i: { id: s.id, expectedVersion: 1, score: 80 } })).updateCompetitivenessScore).toEqual({ score: 80, version: 2 });
    // One indicator scored in 2026-Q1: the weighted score is that score; change against 2025-Q4 (53.5).
    const trend = (await mkt.ok(head, TREND, { id: competitorId })).competitor.competitivenessTrend;
    expect(trend[trend.length - 1]).toEqual({ period: '2026-Q1', score: 80, change: 26.5, indicatorsScored: 1 });

    // A retired indicator keeps its scores but takes no new ones.
    const RETIRE = `mutation ($id: ID!, $v: Int!) { retireCompetitivenessIndicator(id: $id, expectedVersion: $v) { retiredAt version } }`;
    expect(errorOf(await mkt.exec(head, RETIRE, { id: brand.id, v: 2 })).reason).toBe('COMPETITIVENESS_CATALOGUE_FORBIDDEN');
    await mkt.ok(exec, RETIRE, { id: brand.id, v: 2 });
    expect((await mkt.ok(head, INDICATORS)).competitivenessIndicators.map((i: any) => i.code)).not.toContain('BRAND');
    expect((await mkt.ok(head, INDICATORS, { r: true })).competitivenessIndicators.map((i: any) => i.code)).toContain('BRAND');
    expect(errorOf(await mkt.exec(head, SCORE, { i: { ...score, period: '2026-Q2' } })).reason).toBe('INDICATOR_RETIRED');
    expect((await mkt.ok(head, TREND, { id: competitorId, p: '2026-Q1' })).competitor.competitivenessScores).toEqual([
      { period: '2026-Q1', score: 80, indicator: { code: 'BRAND' } },
    ]);
  });

  it('MKT-R05: competitiveness is competitor intelligence: business staff, segment admins and system admins are denied on every path', async () => {
    for (const v of [viewers.staff('RESI'), viewers.admin('RESI'), viewers.sysadmin()]) {
      expect(errorOf(await mkt.exec(v, INDICATORS))).toEqual(DENIED);
      expect(errorOf(await mkt.exec(v, RANKING, { p: '2025-Q4' }))).toEqual(DENIED);
      expect(errorOf(await mkt.exec(v, TREND, { id: demoCompetitorId('ZHONGNENG') }))).toEqual(DENIED);
      expect(
        errorOf(await mkt.exec(v, SCORE, { i: { competitorId: demoCompetitorId('ZHONGNENG'), indicatorId: demoIndicatorId('MARKET_SHARE'), period: '2026-Q2', score: 1 } })),
      ).toEqual(DENIED);
      expect(errorOf(await mkt.exec(v, CREATE_INDICATOR, { i: { code: 'X_DENIED', name: 'x', weight: 1 } }))).toEqual(DENIED);
    }
  });
});
