import { DataSource, In, IsNull } from 'typeorm';
import { Clock, idempotentCreate, inTransaction, newId, Role, systemClock, updateWithVersion, Viewer } from '@group/shared';
import { roleOrOperator } from '../marketing-operator';
import { Competitor } from './competitor.entity';
import { CompetitorService } from './competitor.service';
import { CompetitivenessIndicator, CompetitivenessScore } from './competitiveness.entity';
import { competitivenessErrors as errors } from './competitiveness.errors';
import { competitorErrors } from './competitor.errors';
import { commonErrors } from '../common.errors';

/** Who maintains the indicator system: the group marketing authority (MKT-R23), like the tag library. */
const CATALOGUE_EDITORS = new Set<Role>([Role.GROUP_EXECUTIVE]);
const CODE = /^[A-Z][A-Z0-9_]{1,39}$/;
const QUARTER = /^\d{4}-Q[1-4]$/;

export interface NewIndicator {
  code: string;
  name: string;
  description?: string | null;
  weight: number;
  scaleMin?: number | null;
  scaleMax?: number | null;
  idempotencyKey?: string | null;
}
export interface IndicatorChanges {
  id: string;
  expectedVersion: number;
  name?: string | null;
  description?: string | null;
  weight?: number | null;
}
export interface NewScore {
  competitorId: string;
  indicatorId: string;
  period: string;
  score: number;
  note?: string | null;
  idempotencyKey?: string | null;
}

/** One period of a competitor's competitiveness (MKT-M6 trend). */
export interface CompetitivenessPoint {
  competitorId: string;
  period: string;
  /** Weighted mean of the period's scores, each mapped onto 0–100 by its indicator's scale. */
  score: number;
  /** Change against the previous scored period; null for the first. */
  change: number | null;
  indicatorsScored: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The competitiveness-evaluation indicator system (MKT-R05, MKT-M6; G-21 [I]): a group-wide
 * catalogue of weighted indicators with a scale, scores per competitor per indicator per quarter,
 * and the weighted score and its trend per competitor. Same scope as competitor intelligence
 * (CompetitorService.check on every path: group executives, segment heads, the marketing
 * department operator); the catalogue itself only group executives and the operator change.
 */
export class CompetitivenessService {
  constructor(
    private readonly ds: DataSource,
    private readonly competitors: CompetitorService,
    private readonly clock: Clock = systemClock,
  ) {}

  indicators(viewer: Viewer, includeRetired: boolean): Promise<CompetitivenessIndicator[]> {
    this.competitors.check(viewer);
    return this.ds.getRepository(CompetitivenessIndicator).find({ where: includeRetired ? {} : { retiredAt: IsNull() }, order: { code: 'ASC' } });
  }

  indicatorsByIds(ids: readonly string[]) {
    return this.ds.getRepository(CompetitivenessIndicator).findBy({ id: In([...ids]) });
  }

  /** Scores of competitors already read through a checked path, newest period first. */
  scoresOf(competitorIds: readonly string[]) {
    return this.ds.getRepository(CompetitivenessScore).find({ where: { competitorId: In([...competitorIds]) }, order: { period: 'DESC', id: 'ASC' } });
  }

  /** The weighted score per period, oldest first, of each competitor (two statements for any number). */
  async trendOf(competitorIds: readonly string[]): Promise<CompetitivenessPoint[]> {
    const scores = await this.scoresOf(competitorIds);
    const indicators = new Map((await this.indicatorsByIds([...new Set(scores.map((s) => s.indicatorId))])).map((i) => [i.id, i]));
    const groups = new Map<string, CompetitivenessScore[]>();
    for (const s of scores) {
      const k = `${s.competitorId}|${s.period}`;
      groups.set(k, [...(groups.get(k) ?? []), s]);
    }
    const points = [...groups.values()].map((rows) => {
      let sum = 0;
      let weights = 0;
      for (const s of rows) {
        const i = indicators.get(s.indicatorId)!;
        sum += (i.weight * (s.score - i.scaleMin) * 100) / (i.scaleMax - i.scaleMin);
        weights += i.weight;
      }
      return { competitorId: rows[0].competitorId, period: rows[0].period, score: round2(sum / weights), change: null as number | null, indicatorsScored: rows.length };
    });
    points.sort((a, b) => a.competitorId.localeCompare(b.competitorId) || a.period.localeCompare(b.period));
    for (let k = 1; k < points.length; k++) {
      if (points[k].competitorId === points[k - 1].competitorId) points[k].change = round2(points[k].score - points[k - 1].score);
    }
    return points;
  }

  /** MKT-M6: the competitors (not archived) scored in a quarter, most competitive first. */
  async ranking(viewer: Viewer, period: string): Promise<CompetitivenessPoint[]> {
    this.competitors.check(viewer);
    if (!QUARTER.test(period)) throw commonErrors.quarterInvalid();
    const ids = (
      await this.ds
        .getRepository(CompetitivenessScore)
        .createQueryBuilder('s')
        .select('DISTINCT s.competitorId', 'id')
        .innerJoin(Competitor, 'c', 'c.id = s.competitorId AND c.archivedAt IS NULL')
        .where('s.period = :period', { period })
        .getRawMany<{ id: string }>()
    ).map((r) => r.id);
    if (ids.length === 0) return [];
    return (await this.trendOf(ids)).filter((p) => p.period === period).sort((a, b) => b.score - a.score || a.competitorId.localeCompare(b.competitorId));
  }

  private checkEditor(viewer: Viewer) {
    this.competitors.check(viewer);
    if (!roleOrOperator(CATALOGUE_EDITORS, viewer)) throw errors.catalogueForbidden();
  }

  private checkWeight(weight: number) {
    if (!(weight > 0) || !Number.isFinite(weight)) throw errors.weightInvalid();
  }

  async createIndicator(viewer: Viewer, input: NewIndicator): Promise<CompetitivenessIndicator> {
    this.checkEditor(viewer);
    const code = input.code.trim();
    if (!CODE.test(code)) throw errors.codeInvalid();
    this.checkWeight(input.weight);
    const scaleMin = input.scaleMin ?? 0;
    const scaleMax = input.scaleMax ?? 100;
    if (!(scaleMin < scaleMax)) throw errors.scaleInvalid();
    const now = this.clock();
    const one = (id: string) => this.ds.getRepository(CompetitivenessIndicator).findOneBy({ id });
    return idempotentCreate(
      this.ds,
      viewer,
      'createCompetitivenessIndicator',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const row = m.create(CompetitivenessIndicator, {
          id,
          code,
          name: input.name.trim(),
          description: input.description?.trim() || null,
          weight: input.weight,
          scaleMin,
          scaleMax,
          retiredAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(CompetitivenessIndicator, row);
        return row;
      },
      one,
      newId,
      { onUniqueViolation: () => errors.codeTaken(code) },
    );
  }

  /** Renames, re-describes or re-weights an indicator (the scale is fixed once scores may exist). */
  updateIndicator(viewer: Viewer, input: IndicatorChanges): Promise<CompetitivenessIndicator> {
    this.checkEditor(viewer);
    const changes: Partial<CompetitivenessIndicator> = { updatedAt: this.clock() };
    if (input.name) changes.name = input.name.trim();
    if (input.description !== undefined && input.description !== null) changes.description = input.description.trim() || null;
    if (input.weight !== undefined && input.weight !== null) {
      this.checkWeight(input.weight);
      changes.weight = input.weight;
    }
    return inTransaction(this.ds, (m) => updateWithVersion(m, CompetitivenessIndicator, input.id, input.expectedVersion, changes));
  }

  retireIndicator(viewer: Viewer, id: string, expectedVersion: number): Promise<CompetitivenessIndicator> {
    this.checkEditor(viewer);
    const now = this.clock();
    return inTransaction(this.ds, (m) => updateWithVersion(m, CompetitivenessIndicator, id, expectedVersion, { retiredAt: now, updatedAt: now }));
  }

  async recordScore(viewer: Viewer, input: NewScore): Promise<CompetitivenessScore> {
    this.competitors.check(viewer);
    if (!QUARTER.test(input.period)) throw commonErrors.quarterInvalid();
    const now = this.clock();
    const one = (id: string) => this.ds.getRepository(CompetitivenessScore).findOneBy({ id });
    return idempotentCreate(
      this.ds,
      viewer,
      'recordCompetitivenessScore',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const c = await m.findOneBy(Competitor, { id: input.competitorId });
        if (!c) throw errors.competitorNotFound(input.competitorId);
        if (c.archivedAt) throw competitorErrors.archived();
        const i = await m.findOneBy(CompetitivenessIndicator, { id: input.indicatorId });
        if (!i) throw errors.indicatorNotFound(input.indicatorId);
        if (i.retiredAt) throw errors.indicatorRetired();
        if (!(input.score >= i.scaleMin && input.score <= i.scaleMax)) throw errors.scoreOutOfScale(i.scaleMin, i.scaleMax);
        const row = m.create(CompetitivenessScore, {
          id,
          competitorId: c.id,
          indicatorId: i.id,
          period: input.period,
          score: input.score,
          note: input.note?.trim() || null,
          evaluatedBy: viewer.accountId,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(CompetitivenessScore, row);
        return row;
      },
      one,
      newId,
      { onUniqueViolation: () => errors.scoreExists() },
    );
  }

  updateScore(viewer: Viewer, input: { id: string; expectedVersion: number; score?: number | null; note?: string | null }): Promise<CompetitivenessScore> {
    this.competitors.check(viewer);
    return inTransaction(this.ds, async (m) => {
      const row = await m.findOneBy(CompetitivenessScore, { id: input.id });
      if (!row) throw errors.scoreNotFound(input.id);
      const changes: Partial<CompetitivenessScore> = { updatedAt: this.clock(), evaluatedBy: viewer.accountId };
      if (input.score !== undefined && input.score !== null) {
        const i = (await m.findOneBy(CompetitivenessIndicator, { id: row.indicatorId }))!;
        if (!(input.score >= i.scaleMin && input.score <= i.scaleMax)) throw errors.scoreOutOfScale(i.scaleMin, i.scaleMax);
        changes.score = input.score;
      }
      if (input.note !== undefined && input.note !== null) changes.note = input.note.trim() || null;
      return updateWithVersion(m, CompetitivenessScore, input.id, input.expectedVersion, changes);
    });
  }
}
