import { DataSource, SelectQueryBuilder } from 'typeorm';
import {
  Clock,
  newId,
  PageArgs,
  paginateByParent,
  SegmentScopedReader,
  SortSpec,
  systemClock,
  updateWithVersion,
  Viewer,
  isUniqueViolation,
  idempotentCreate,
  idempotentWrite,
  visibleParentOrNotFound,
  scopeOf,
  scopeTo,
  lockForUpdate,
} from '@group/shared';
import { CustomerRevisit, RevisitPlan } from './revisit-plan.entity';
import { customerIndicatorsChanged } from '../indicators/indicator-events';
import { Customer } from '../customers/customer.entity';
import { assertCanWriteSegment, assertWriterRole } from '../scope';
import { assertAssignable } from '../roster/employee-roster';
import { revisitErrors as errors } from './revisit.errors';

export interface RevisitPlanFilter {
  /** Only plans whose next visit is due (nextDueAt <= now). */
  overdue?: boolean | null;
  customerId?: string | null;
}

const DAY_MS = 86_400_000;
export const DEFAULT_CADENCE_DAYS = 90;

/** Key-account revisit plans and revisits (G-07): segment-scoped like customers. */
export class RevisitService extends SegmentScopedReader<RevisitPlan, RevisitPlanFilter> {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock = systemClock,
  ) {
    super(
      ds.getRepository(RevisitPlan),
      (qb: SelectQueryBuilder<RevisitPlan>, alias: string, f: RevisitPlanFilter) => {
        if (f.overdue) qb.andWhere(`${alias}.nextDueAt <= :__now`, { __now: now() });
        if (f.customerId) qb.andWhere(`${alias}.customerId = :customerId`, { customerId: f.customerId });
      },
      'rp',
    );
  }

  /** Makes a visible customer of the viewer's own segment a key account with a revisit plan; the first visit is due one cadence from now. */
  async createPlan(viewer: Viewer, input: { customerId: string; cadenceDays?: number | null; ownerId?: string | null; idempotencyKey?: string | null }): Promise<RevisitPlan> {
    assertWriterRole(viewer);
    const cadence = input.cadenceDays ?? DEFAULT_CADENCE_DAYS;
    if (!Number.isInteger(cadence) || cadence < 1 || cadence > 366) throw errors.cadenceInvalid();
    const visible = (id: string) => scopeTo(viewer, this.ds.getRepository(RevisitPlan).createQueryBuilder('rp')).andWhere('rp.id = :id', { id }).getOne();
    try {
      return await idempotentCreate(
        this.ds,
        viewer,
        'createRevisitPlan',
        input.idempotencyKey,
        input,
        async (m, id) => {
          const customer = await visibleParentOrNotFound(m, Customer, input.customerId, scopeOf(viewer));
          assertCanWriteSegment(viewer, customer.segmentId);
          if (input.ownerId && input.ownerId !== viewer.employeeId) await assertAssignable(m, input.ownerId, customer.segmentId);
          const at = this.now();
          const plan = m.create(RevisitPlan, {
            id,
            customerId: customer.id,
            segmentId: customer.segmentId,
            ownerId: input.ownerId ?? viewer.employeeId,
            cadenceDays: cadence,
            nextDueAt: new Date(at.getTime() + cadence * DAY_MS),
            lastRevisitAt: null,
            createdAt: at,
            updatedAt: at,
            version: 1,
          });
          await m.insert(RevisitPlan, plan);
          return plan;
        },
        visible,
        newId,
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw errors.planExists();
      throw e;
    }
  }

  /** Records a visit under a plan (expectedVersion of the plan); the next visit is due one cadence after it. */
  async recordRevisit(
    viewer: Viewer,
    input: { planId: string; expectedVersion: number; satisfaction: number; feedback: string; idempotencyKey?: string | null },
  ): Promise<RevisitPlan> {
    assertWriterRole(viewer);
    if (!Number.isInteger(input.satisfaction) || input.satisfaction < 1 || input.satisfaction > 5) throw errors.satisfactionInvalid();
    const feedback = input.feedback.trim();
    if (!feedback) throw errors.feedbackBlank();
    // A keyed retry answers with the plan as it is now (one revisit recorded) instead of STALE_VERSION.
    const visible = (id: string) => scopeTo(viewer, this.ds.getRepository(RevisitPlan).createQueryBuilder('rp')).andWhere('rp.id = :id', { id }).getOne();
    return idempotentWrite(
      this.ds,
      viewer,
      'recordRevisit',
      input.idempotencyKey,
      input,
      async (m, claim) => {
        await claim(input.planId);
        const plan = await scopeTo(viewer, m.getRepository(RevisitPlan).createQueryBuilder('rp')).andWhere('rp.id = :id', { id: input.planId }).getOne();
        if (!plan) throw errors.planNotFound(input.planId);
        assertCanWriteSegment(viewer, plan.segmentId);
        // The customer first (indicator-events.ts): changes of one customer's indicators run one after another.
        await lockForUpdate(m, Customer, { id: plan.customerId });
        const at = this.now();
        const updated = await updateWithVersion(
          m,
          RevisitPlan,
          plan.id,
          input.expectedVersion,
          { lastRevisitAt: at, nextDueAt: new Date(at.getTime() + plan.cadenceDays * DAY_MS), updatedAt: at },
          'RevisitPlan',
        );
        await m.insert(CustomerRevisit, { id: newId(), planId: plan.id, visitedAt: at, visitorId: viewer.employeeId, satisfaction: input.satisfaction, feedback });
        await customerIndicatorsChanged(m, viewer, plan.customerId, [{ code: 'SATISFACTION_SCORE', at }]);
        return updated;
      },
      visible,
    );
  }

  /** `RevisitPlan.revisits` for many (visible) plans in one statement. */
  revisits(planIds: readonly string[], page: PageArgs, sort: SortSpec) {
    return paginateByParent(this.ds.getRepository(CustomerRevisit), { parentProperty: 'planId', parentIds: planIds, page, sort });
  }
}
