import { DataSource, EntityManager, In, IsNull, SelectQueryBuilder } from 'typeorm';
import {
  DomainError,
  Clock,
  inTransaction,
  newId,
  PageArgs,
  Role,
  SortSpec,
  systemClock,
  updateWithVersion,
  Viewer,
  lockForUpdate,
  visibleParentOrNotFound,
  scopeOf,
  SegmentScopedReader,
  idempotentCreate,
  staleVersion,
} from '@group/shared';
import { opportunityChanged } from './opportunity-events';
import { Opportunity, OpportunityStage, OpportunityStageChange } from './opportunity.entity';
import { stagesOf } from './opportunity-stages';
import { money, OpportunityStatus, SalesOrderStatus } from '../crm/crm-enums';
import { assertCanEditOwned, assertCrmWriter, canReadCrmSegment, crmPolicy, CrmSettings, DEFAULT_CRM_SETTINGS } from '../crm/crm-access';
import { nextCode } from '../crm/crm-codes';
import { Customer } from '../customers/customer.entity';
import { SalesOrder } from '../orders/sales-order.entity';
import { assertAssignable } from '../roster/employee-roster';
import { opportunityErrors as errors } from './opportunity.errors';

export interface OpportunityFilter {
  segmentId?: string | null;
  ownerId?: string | null;
  customerId?: string | null;
  status?: OpportunityStatus | null;
  stage?: string | null;
}

export interface NewOpportunity {
  customerId: string;
  name: string;
  amount: number;
  expectedCloseAt?: Date | null;
  /** Default: the first stage of the segment's list. */
  stage?: string | null;
  /** Default: the viewer's employee. Segment heads may name another owner; business staff only themselves. */
  ownerId?: string | null;
  idempotencyKey?: string | null;
}

export interface OpportunityStageMove {
  id: string;
  expectedVersion: number;
  stage: string;
  note?: string | null;
}

export interface OpportunityClose {
  id: string;
  expectedVersion: number;
  outcome: OpportunityStatus;
  reason: string;
}

export interface OpportunityUpdate {
  id: string;
  expectedVersion: number;
  name?: string | null;
  amount?: number | null;
  expectedCloseAt?: Date | null;
  ownerId?: string | null;
}

export interface PipelineRow {
  segmentId: string;
  ownerId: string | null;
  stage: string;
  count: number;
  amount: number;
  weightedAmount: number;
}

export const OPPORTUNITY_SCOPE = { ownerProperties: ['ownerId'] };

function applyFilter(qb: SelectQueryBuilder<Opportunity>, a: string, f: OpportunityFilter): void {
  if (f.segmentId) qb.andWhere(`${a}.segmentId = :segmentId`, { segmentId: f.segmentId });
  if (f.ownerId) qb.andWhere(`${a}.ownerId = :ownerId`, { ownerId: f.ownerId });
  if (f.customerId) qb.andWhere(`${a}.customerId = :customerId`, { customerId: f.customerId });
  if (f.status) qb.andWhere(`${a}.status = :status`, { status: f.status });
  if (f.stage) qb.andWhere(`${a}.stage = :stage`, { stage: f.stage });
}

export function checkAmount(amount: number, invalid: () => DomainError): number {
  if (!Number.isFinite(amount) || amount < 0 || amount >= 1e14) throw invalid();
  return money(amount);
}

/** Owner of a new record: the viewer, or (segment heads only) the employee they name. */
export function ownerFor(viewer: Viewer, ownerId: string | null | undefined): string | null {
  if (!ownerId || ownerId === viewer.employeeId) return viewer.employeeId;
  if (viewer.role !== Role.SEGMENT_HEAD) throw errors.ownerAssignmentForbidden();
  return ownerId;
}

/**
 * Sales opportunities (WF-CRM-4): creation, stage promotion with history,
 * won/lost, pipeline figures. Reads are scoped by crm-access.ts.
 */
export class OpportunityService extends SegmentScopedReader<Opportunity, OpportunityFilter> {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
    settings: CrmSettings = DEFAULT_CRM_SETTINGS,
  ) {
    super(ds.getRepository(Opportunity), applyFilter, 'o', crmPolicy(settings, OPPORTUNITY_SCOPE));
  }

  pagesByOwner(viewer: Viewer, ids: readonly string[], f: OpportunityFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('ownerId', viewer, ids, f, page, sort);
  }

  pagesByCustomer(viewer: Viewer, ids: readonly string[], f: OpportunityFilter, page: PageArgs, sort: SortSpec) {
    return this.pagesBy('customerId', viewer, ids, f, page, sort);
  }

  /** Stage history of many (visible) opportunities, oldest first. */
  historyOf(opportunityIds: readonly string[]): Promise<OpportunityStageChange[]> {
    return this.ds.getRepository(OpportunityStageChange).find({ where: { opportunityId: In([...opportunityIds]) }, order: { seq: 'ASC' } });
  }

  /** The stage list of a segment the viewer can read (its own or the group default). */
  async stages(viewer: Viewer, segmentId: string | null): Promise<OpportunityStage[]> {
    if (segmentId && !this.canReadSegmentList(viewer, segmentId)) return [];
    if (!segmentId) return this.ds.getRepository(OpportunityStage).find({ where: { segmentId: IsNull() }, order: { position: 'ASC' } });
    return stagesOf(this.ds.manager, segmentId);
  }

  private canReadSegmentList(viewer: Viewer, segmentId: string): boolean {
    return canReadCrmSegment(viewer, segmentId);
  }

  async create(viewer: Viewer, input: NewOpportunity): Promise<Opportunity> {
    const name = input.name.trim();
    if (!name) throw errors.nameBlank();
    const amount = checkAmount(input.amount, errors.amountInvalid);
    return idempotentCreate(
      this.ds,
      viewer,
      'createOpportunity',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const customer = await visibleParentOrNotFound(m, Customer, input.customerId, scopeOf(viewer));
        assertCrmWriter(viewer, customer.segmentId);
        const ownerId = ownerFor(viewer, input.ownerId);
        if (ownerId && ownerId !== viewer.employeeId) await assertAssignable(m, ownerId, customer.segmentId);
        return this.insert(m, viewer, {
          id,
          customer,
          name,
          amount,
          expectedCloseAt: input.expectedCloseAt ?? null,
          stage: input.stage ?? null,
          ownerId,
          leadId: null,
        });
      },
      async (id) => (await this.byIds(viewer, [id]))[0] ?? null,
      newId,
    );
  }

  /** Inserts an OPEN opportunity in `stage` (default the first) and its first history row; inside the caller's transaction. */
  async insert(
    m: EntityManager,
    viewer: Viewer,
    o: { id: string; customer: Customer; name: string; amount: number; expectedCloseAt: Date | null; stage: string | null; ownerId: string | null; leadId: string | null },
  ): Promise<Opportunity> {
    const stages = await stagesOf(m, o.customer.segmentId, { lock: true });
    const stage = o.stage ? stages.find((s) => s.code === o.stage) : stages[0];
    if (!stage)
      throw errors.stageUnknown(
        o.stage,
        stages.map((s) => s.code),
      );
    if (stage.won) throw errors.cannotStartWon();
    const at = this.now();
    const row = m.create(Opportunity, {
      id: o.id,
      code: await nextCode(m, 'opportunity'),
      name: o.name,
      amount: o.amount,
      stage: stage.code,
      probability: stage.probability,
      status: OpportunityStatus.OPEN,
      expectedCloseAt: o.expectedCloseAt,
      closedAt: null,
      closeReason: null,
      segmentId: o.customer.segmentId,
      ownerId: o.ownerId,
      customerId: o.customer.id,
      leadId: o.leadId,
      lastActionAt: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
    await m.insert(Opportunity, row);
    await this.history(m, viewer, row, null, 1, null, at);
    await opportunityChanged(m, viewer, row, 'CREATED');
    return row;
  }

  private history(m: EntityManager, viewer: Viewer, o: Opportunity, fromStage: string | null, seq: number, note: string | null, at: Date) {
    return m.insert(OpportunityStageChange, {
      id: newId(),
      opportunityId: o.id,
      seq,
      fromStage,
      toStage: o.stage,
      toStatus: o.status,
      probability: o.probability,
      note,
      actorAccountId: viewer.accountId,
      actorEmployeeId: viewer.employeeId,
      at,
    });
  }

  /** Reads an opportunity the viewer can see, for a change (NOT_FOUND otherwise), checks the writer and the version. */
  private async forChange(m: EntityManager, viewer: Viewer, id: string, expectedVersion: number): Promise<Opportunity> {
    const o = await this.scoped(viewer, 'o', m).andWhere('o.id = :id', { id }).getOne();
    if (!o) throw errors.notFound(id);
    assertCanEditOwned(viewer, o, 'opportunities');
    if (o.version !== expectedVersion) {
      throw staleVersion(`Opportunity ${id}`, o.version, expectedVersion);
    }
    return o;
  }

  /**
   * Stage promotion (阶段升迁, WF-CRM-3 item 3; G-09): an OPEN opportunity
   * moves to another non-won stage of its segment's list and takes that
   * stage's win probability; moving backwards is for segment heads only.
   * Winning goes through `close` (it needs a sales order).
   */
  moveStage(viewer: Viewer, input: OpportunityStageMove): Promise<Opportunity> {
    return this.inTx(async (m) => {
      const o = await this.forChange(m, viewer, input.id, input.expectedVersion);
      if (o.status !== OpportunityStatus.OPEN) throw errors.closed(o.code, o.status);
      // The stage list's lock before the opportunity's row, in the order a stage-list change takes them
      // (list, then the segment's open opportunities): the other order deadlocked on MariaDB.
      const stages = await stagesOf(m, o.segmentId, { lock: true });
      const to = stages.find((s) => s.code === input.stage);
      if (!to)
        throw errors.stageUnknown(
          input.stage,
          stages.map((s) => s.code),
        );
      if (to.won) throw errors.wonNeedsClose();
      if (to.code === o.stage) throw errors.alreadyInStage(o.code, o.stage);
      const from = stages.find((s) => s.code === o.stage);
      if (from && to.position < from.position && viewer.role !== Role.SEGMENT_HEAD) {
        throw errors.stepBackForbidden();
      }
      const at = this.now();
      const updated = await updateWithVersion(m, Opportunity, o.id, input.expectedVersion, { stage: to.code, probability: to.probability, updatedAt: at }, 'Opportunity');
      await this.history(m, viewer, updated, o.stage, updated.version, input.note?.trim() || null, at);
      await opportunityChanged(m, viewer, updated, 'STAGE');
      return updated;
    });
  }

  /**
   * Won or lost, with a reason (WF-CRM-4). WON needs an active sales order
   * linked to the opportunity (the signed contract, G-09) and moves it to the
   * won stage at 100 %; LOST keeps the stage and sets the probability to 0.
   */
  close(viewer: Viewer, input: OpportunityClose): Promise<Opportunity> {
    const reason = input.reason.trim();
    if (!reason) throw errors.reasonRequired();
    if (input.outcome !== OpportunityStatus.WON && input.outcome !== OpportunityStatus.LOST) throw errors.outcomeInvalid();
    return this.inTx(async (m) => {
      const o = await this.forChange(m, viewer, input.id, input.expectedVersion);
      if (o.status !== OpportunityStatus.OPEN) throw errors.alreadyClosed(o.code, o.status);
      const at = this.now();
      let changes: Partial<Opportunity>;
      if (input.outcome === OpportunityStatus.WON) {
        const orders = await m.countBy(SalesOrder, { opportunityId: o.id, status: SalesOrderStatus.ACTIVE });
        if (!orders) throw errors.orderRequired();
        const won = (await stagesOf(m, o.segmentId)).find((s) => s.won);
        changes = { status: OpportunityStatus.WON, stage: won?.code ?? o.stage, probability: 100 };
      } else {
        changes = { status: OpportunityStatus.LOST, probability: 0 };
      }
      const updated = await updateWithVersion(m, Opportunity, o.id, input.expectedVersion, { ...changes, closedAt: at, closeReason: reason, updatedAt: at }, 'Opportunity');
      await this.history(m, viewer, updated, o.stage, updated.version, reason, at);
      await opportunityChanged(m, viewer, updated, 'CLOSED');
      return updated;
    });
  }

  update(viewer: Viewer, input: OpportunityUpdate): Promise<Opportunity> {
    const changes: Partial<Opportunity> = {};
    if (input.name != null) {
      const name = input.name.trim();
      if (!name) throw errors.nameBlank();
      changes.name = name;
    }
    if (input.amount != null) changes.amount = checkAmount(input.amount, errors.amountInvalid);
    if (input.expectedCloseAt !== undefined) changes.expectedCloseAt = input.expectedCloseAt;
    return this.inTx(async (m) => {
      const o = await this.forChange(m, viewer, input.id, input.expectedVersion);
      if (input.ownerId != null && input.ownerId !== o.ownerId) {
        if (viewer.role !== Role.SEGMENT_HEAD) throw errors.ownerAssignmentForbidden();
        await assertAssignable(m, input.ownerId, o.segmentId);
        changes.ownerId = input.ownerId;
      }
      const updated = await updateWithVersion(m, Opportunity, o.id, input.expectedVersion, { ...changes, updatedAt: this.now() }, 'Opportunity');
      await opportunityChanged(m, viewer, updated, 'UPDATED');
      return updated;
    });
  }

  /**
   * Configures a segment's own stage list (G-09; segment "system information",
   * G-43: its segment administrator only). Stages are ordered; the last one is
   * the won stage at 100 %; probabilities never decrease. An empty list
   * returns the segment to the group default. Refused while an OPEN
   * opportunity of the segment sits in a stage the new list drops. Open
   * opportunities take the new probability of their stage. `expectedVersion`
   * is the version of the list in force (0 for the group default).
   */
  configureStages(viewer: Viewer, segmentId: string, expectedVersion: number, input: { code: string; name: string; probability: number }[]): Promise<OpportunityStage[]> {
    if (viewer.role !== Role.SEGMENT_ADMIN) throw errors.stagesRoleForbidden();
    if (!viewer.segmentIds.includes(segmentId)) throw errors.stagesSegmentForbidden();
    const stages = input.map((st) => ({ code: st.code.trim().toUpperCase(), name: st.name.trim(), probability: st.probability }));
    if (stages.length === 1 || stages.length > 12) throw errors.stagesCountInvalid();
    const codes = new Set(stages.map((st) => st.code));
    if (codes.size !== stages.length || stages.some((st) => !/^[A-Z][A-Z0-9_]{1,31}$/.test(st.code) || !st.name)) {
      throw errors.stagesInvalid();
    }
    if (stages.some((st, i) => !Number.isInteger(st.probability) || st.probability < 0 || st.probability > 100 || (i > 0 && st.probability < stages[i - 1].probability))) {
      throw errors.stagesProbabilityInvalid();
    }
    if (stages.length && stages[stages.length - 1].probability !== 100) throw errors.lastStageNotWon();
    return this.inTx(async (m) => {
      // A segment's first list has no row of its own to lock yet: the group default list (which every segment
      // starts from) owns the rule "one list per segment", so configurations queue on its first stage.
      await lockForUpdate(m, OpportunityStage, { segmentId: IsNull() as unknown as null, position: 1 });
      const own = await m.find(OpportunityStage, { where: { segmentId } });
      const current = own[0]?.version ?? 0;
      if (current !== expectedVersion) {
        throw staleVersion('The stage list of this segment', current, expectedVersion);
      }
      const next = stages.length
        ? stages
        : (await m.find(OpportunityStage, { where: { segmentId: IsNull() }, order: { position: 'ASC' } })).map((st) => ({
            code: st.code,
            name: st.name,
            probability: st.probability,
          }));
      // A locking read of the segment's open opportunities: a move into a stage this list drops has either
      // committed (seen here: STAGE_IN_USE) or waits, and then fails on the version the update below bumps.
      const inUseQuery = m
        .createQueryBuilder(Opportunity, 'o')
        .select('o.stage', 'stage')
        .where('o.segmentId = :segmentId AND o.status = :open', { segmentId, open: OpportunityStatus.OPEN });
      if (m.connection.driver.options.type !== 'better-sqlite3') inUseQuery.setLock('pessimistic_write');
      const inUse: { stage: string }[] = await inUseQuery.getRawMany();
      const dropped = [...new Set(inUse.map((r) => r.stage))].filter((code) => !next.some((st) => st.code === code));
      if (dropped.length) throw errors.stageInUse(dropped);
      await m.delete(OpportunityStage, { segmentId });
      if (stages.length) {
        await m.insert(
          OpportunityStage,
          stages.map((st, i) => ({
            id: newId(),
            segmentId,
            code: st.code,
            name: st.name,
            position: i + 1,
            probability: st.probability,
            won: i === stages.length - 1,
            version: current + 1,
          })),
        );
      }
      for (const st of next) {
        await m.update(Opportunity, { segmentId, status: OpportunityStatus.OPEN, stage: st.code }, { probability: st.probability });
      }
      return stagesOf(m, segmentId);
    });
  }

  /**
   * Pipeline of OPEN opportunities the viewer can read (CS-M7), grouped by
   * segment, owner and stage: count, amount and weighted amount.
   */
  async pipeline(viewer: Viewer, filter: { segmentIds?: readonly string[] | null; ownerId?: string | null }): Promise<PipelineRow[]> {
    const qb = this.scoped(viewer, 'o').andWhere('o.status = :open', { open: OpportunityStatus.OPEN });
    if (filter.segmentIds) {
      if (!filter.segmentIds.length) return [];
      qb.andWhere('o.segmentId IN (:...segs)', { segs: [...filter.segmentIds] });
    }
    if (filter.ownerId) qb.andWhere('o.ownerId = :owner', { owner: filter.ownerId });
    const rows: { seg: string; owner: string | null; stage: string; n: string | number; amount: string | number | null; weighted: string | number | null }[] = await qb
      .select('o.segmentId', 'seg')
      .addSelect('o.ownerId', 'owner')
      .addSelect('o.stage', 'stage')
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(o.amount)', 'amount')
      .addSelect('SUM(o.amount * o.probability)', 'weighted')
      .groupBy('o.segmentId')
      .addGroupBy('o.ownerId')
      .addGroupBy('o.stage')
      .orderBy('o.segmentId')
      .addOrderBy('o.ownerId')
      .addOrderBy('o.stage')
      .getRawMany();
    return rows.map((r) => ({
      segmentId: r.seg,
      ownerId: r.owner,
      stage: r.stage,
      count: Number(r.n),
      amount: money(Number(r.amount ?? 0)),
      weightedAmount: money(Number(r.weighted ?? 0) / 100),
    }));
  }

  /** `Segment.pipeline` for many segments: every stage of each segment's list (zeros included), in stage order. */
  async pipelineBySegments(
    viewer: Viewer,
    segmentIds: readonly string[],
  ): Promise<Map<string, { stage: OpportunityStage; count: number; amount: number; weightedAmount: number }[]>> {
    const rows = await this.pipeline(viewer, { segmentIds });
    const all = await this.ds.getRepository(OpportunityStage).find({ order: { position: 'ASC' } });
    const result = new Map<string, { stage: OpportunityStage; count: number; amount: number; weightedAmount: number }[]>();
    for (const seg of segmentIds) {
      if (!this.canReadSegmentList(viewer, seg)) {
        result.set(seg, []);
        continue;
      }
      const own = all.filter((s) => s.segmentId === seg);
      const list = own.length ? own : all.filter((s) => s.segmentId === null);
      result.set(
        seg,
        list.map((stage) => {
          const hits = rows.filter((r) => r.segmentId === seg && r.stage === stage.code);
          return {
            stage,
            count: hits.reduce((n, r) => n + r.count, 0),
            amount: money(hits.reduce((n, r) => n + r.amount, 0)),
            weightedAmount: money(hits.reduce((n, r) => n + r.weightedAmount, 0)),
          };
        }),
      );
    }
    return result;
  }

  private inTx<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.ds, work);
  }
}
