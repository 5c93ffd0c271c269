import { DataSource, In, Repository } from 'typeorm';
import {
  Clock,
  ConnectionShape,
  decodeCursor,
  encodeCursor,
  inTransaction,
  newId,
  notFound,
  PageArgs,
  paginate,
  Role,
  SortSpec,
  systemClock,
  updateWithVersion,
  Viewer,
  wholeSeconds,
  idempotentCreate,
  scopeTo,
} from '@group/shared';
import { Audience, AudienceKind, Campaign, CampaignChannel } from './audience.entity';
import { compileTagExpression, normaliseTagExpression, tagIdsOf, TagExpressionShape } from './audience-expression';
import { Tag } from '../tags/tag.entity';
import { TagAssignment } from '../tag-assignments/tag-assignment.entity';

import { canWriteSegment, roleOrOperator } from '../marketing-operator';
import { audienceErrors as errors } from './audience.errors';
import { commonErrors } from '../common.errors';

/** Segment heads and staff in their segment; the group marketing department (campaign owner) in the segments it reads. */
const WRITERS = new Set<Role>([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);

export interface CreateAudienceInput {
  name: string;
  segmentId: string;
  kind: AudienceKind;
  expression: TagExpressionShape;
  idempotencyKey?: string | null;
}
export interface CreateCampaignInput {
  name: string;
  audienceId: string;
  channel: CampaignChannel;
  startsAt: Date;
  endsAt: Date;
  budget: number;
  idempotencyKey?: string | null;
}
export interface CampaignResultsInput {
  reached?: number | null;
  responded?: number | null;
  converted?: number | null;
  revenue?: number | null;
}

/** Audiences by tag expression (dynamic or frozen) and the campaigns targeting them. */
export class AudienceService {
  private readonly repo: Repository<Audience>;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {
    this.repo = ds.getRepository(Audience);
  }

  private nowDb(now: Date) {
    return this.ds.driver.preparePersistentValue(now, this.ds.getMetadata(TagAssignment).findColumnWithPropertyName('assignedAt')!);
  }

  list(viewer: Viewer, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<Audience>> {
    return paginate(scopeTo(viewer, this.repo.createQueryBuilder('a')), page, sort);
  }

  byIds(viewer: Viewer, ids: readonly string[]): Promise<Audience[]> {
    return scopeTo(viewer, this.repo.createQueryBuilder('a').where('a.id IN (:...ids)', { ids: [...ids] })).getMany();
  }

  async create(viewer: Viewer, input: CreateAudienceInput): Promise<Audience> {
    if (!roleOrOperator(WRITERS, viewer)) throw errors.writeForbidden();
    if (!canWriteSegment(viewer, input.segmentId)) throw commonErrors.audienceSegmentForbidden();
    const expression = normaliseTagExpression(input.expression);
    const now = this.clock();
    const find = async (id: string) => (await this.byIds(viewer, [id]))[0] ?? null;
    return idempotentCreate(
      this.ds,
      viewer,
      'createAudience',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const ids = [...new Set(tagIdsOf(expression))];
        const found = new Set((await m.find(Tag, { select: { id: true }, where: { id: In(ids) } })).map((t) => t.id));
        const missing = ids.find((tagId) => !found.has(tagId));
        if (missing) throw notFound('Tag', missing);
        const a = m.create(Audience, {
          id,
          name: input.name,
          segmentId: input.segmentId,
          kind: input.kind,
          expression: JSON.stringify(expression),
          frozenAt: input.kind === AudienceKind.SNAPSHOT ? now : null,
          createdBy: viewer.accountId,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Audience, a);
        if (a.kind === AudienceKind.SNAPSHOT) {
          const pred = compileTagExpression(expression, this.nowDb(now));
          await m.query(`INSERT INTO audience_member (audience_id, customer_id) SELECT ?, p.customer_id FROM customer_profile p WHERE p.segment_id = ? AND ${pred.sql}`, [
            a.id,
            a.segmentId,
            ...pred.params,
          ]);
        }
        return a;
      },
      find,
      newId,
    );
  }

  /**
   * Sizes of many audiences in ONE statement (a UNION ALL of one COUNT per
   * audience): dynamic ones count matching customers of the audience's
   * segment now, snapshots their frozen members.
   */
  async sizes(audiences: readonly Audience[]): Promise<{ audienceId: string; size: number }[]> {
    if (audiences.length === 0) return [];
    const nowDb = this.nowDb(this.clock());
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const a of audiences) {
      if (a.kind === AudienceKind.SNAPSHOT) {
        parts.push('SELECT ? AS id, COUNT(*) AS n FROM audience_member WHERE audience_id = ?');
        params.push(a.id, a.id);
      } else {
        const pred = compileTagExpression(normaliseTagExpression(JSON.parse(a.expression)), nowDb);
        parts.push(`SELECT ? AS id, COUNT(*) AS n FROM customer_profile p WHERE p.segment_id = ? AND ${pred.sql}`);
        params.push(a.id, a.segmentId, ...pred.params);
      }
    }
    const rows: { id: string; n: number | string }[] = await this.ds.query(parts.join(' UNION ALL '), params);
    return rows.map((r) => ({ audienceId: String(r.id), size: Number(r.n) }));
  }

  /** Members (customer ids), keyset-paginated by customer id. */
  async members(viewer: Viewer, audienceId: string, page: PageArgs): Promise<{ ids: string[]; hasNextPage: boolean; audience: Audience }> {
    const [a] = await this.byIds(viewer, [audienceId]);
    if (!a) throw notFound('Audience', audienceId);
    let after: string | null = null;
    if (page.after) {
      const [, id] = decodeCursor(page.after);
      after = String(id);
    }
    const params: unknown[] = [];
    let sql: string;
    if (a.kind === AudienceKind.SNAPSHOT) {
      sql = 'SELECT m.customer_id AS id FROM audience_member m WHERE m.audience_id = ?';
      params.push(a.id);
      if (after) {
        sql += ' AND m.customer_id > ?';
        params.push(after);
      }
      sql += ' ORDER BY m.customer_id LIMIT ?';
    } else {
      const pred = compileTagExpression(normaliseTagExpression(JSON.parse(a.expression)), this.nowDb(this.clock()));
      sql = `SELECT p.customer_id AS id FROM customer_profile p WHERE p.segment_id = ? AND ${pred.sql}`;
      params.push(a.segmentId, ...pred.params);
      if (after) {
        sql += ' AND p.customer_id > ?';
        params.push(after);
      }
      sql += ' ORDER BY p.customer_id LIMIT ?';
    }
    params.push(page.first + 1);
    const rows: { id: string }[] = await this.ds.query(sql, params);
    return { ids: rows.slice(0, page.first).map((r) => String(r.id)), hasNextPage: rows.length > page.first, audience: a };
  }

  cursorOf(customerId: string): string {
    return encodeCursor(customerId, customerId);
  }

  listCampaigns(viewer: Viewer, audienceId: string | null, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<Campaign>> {
    const qb = scopeTo(viewer, this.ds.getRepository(Campaign).createQueryBuilder('c'));
    if (audienceId) qb.andWhere('c.audienceId = :audienceId', { audienceId });
    return paginate(qb, page, sort);
  }

  async createCampaign(viewer: Viewer, input: CreateCampaignInput): Promise<Campaign> {
    if (!roleOrOperator(WRITERS, viewer)) throw errors.writeForbidden();
    if (input.endsAt.getTime() <= input.startsAt.getTime()) throw commonErrors.campaignPeriodInvalid();
    const now = this.clock();
    const find = async (id: string) => {
      const c = await m0.findOneBy(Campaign, { id });
      return c && (await this.byIds(viewer, [c.audienceId])).length ? c : null;
    };
    const m0 = this.ds.manager;
    return idempotentCreate(
      this.ds,
      viewer,
      'createCampaign',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const a = await m.findOneBy(Audience, { id: input.audienceId });
        if (!a || !canWriteSegment(viewer, a.segmentId)) throw notFound('Audience', input.audienceId);
        const c = m.create(Campaign, {
          id,
          name: input.name,
          audienceId: a.id,
          segmentId: a.segmentId,
          channel: input.channel,
          startsAt: wholeSeconds(input.startsAt),
          endsAt: wholeSeconds(input.endsAt),
          budget: input.budget,
          reached: null,
          responded: null,
          converted: null,
          revenue: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Campaign, c);
        return c;
      },
      find,
      newId,
    );
  }

  /** Records a campaign's results (optimistic concurrency: CONFLICT STALE_VERSION). */
  async recordResults(viewer: Viewer, id: string, expectedVersion: number, r: CampaignResultsInput): Promise<Campaign> {
    if (!roleOrOperator(WRITERS, viewer)) throw errors.writeForbidden();
    return inTransaction(this.ds, async (m) => {
      const c = await m.findOneBy(Campaign, { id });
      if (!c || !canWriteSegment(viewer, c.segmentId)) throw notFound('Campaign', id);
      const changes: Partial<Campaign> = { updatedAt: this.clock() };
      if (r.reached !== undefined && r.reached !== null) changes.reached = r.reached;
      if (r.responded !== undefined && r.responded !== null) changes.responded = r.responded;
      if (r.converted !== undefined && r.converted !== null) changes.converted = r.converted;
      if (r.revenue !== undefined && r.revenue !== null) changes.revenue = r.revenue;
      return updateWithVersion(m, Campaign, id, expectedVersion, changes);
    });
  }
}
