import { DataSource, IsNull, Repository } from 'typeorm';
import {
  Clock,
  ConnectionShape,
  inTransaction,
  lockForUpdate,
  newId,
  PageArgs,
  paginate,
  Role,
  scopeOf,
  SortSpec,
  systemClock,
  updateWithVersion,
  Viewer,
  isUniqueViolation,
  idempotentCreate,
  scopeTo,
  deleteWithVersion,
} from '@group/shared';
import { changesOf } from '../versioned';
import { CustomerManagerAssignment, Grid } from './grid.entity';
import { gridErrors as errors } from './grid.errors';
import { commonErrors } from '../common.errors';
import { CustomerProfile } from '../customer-profiles/customer-profile.entity';

export interface GridFilter {
  parentId?: string | null;
  rootsOnly?: boolean | null;
  managerEmployeeId?: string | null;
}

export interface CreateGridInput {
  code: string;
  name: string;
  segmentId: string;
  territory?: string | null;
  parentId?: string | null;
  managerEmployeeId?: string | null;
  coverageTarget: number;
  idempotencyKey?: string | null;
}

/** Re-parenting a grid (moving its subtree) is not offered: create the new grid and move customers instead. */
export interface UpdateGridInput {
  id: string;
  expectedVersion: number;
  code?: string | null;
  name?: string | null;
  territory?: string | null;
  managerEmployeeId?: string | null;
  coverageTarget?: number | null;
}

export interface GridCoverage {
  gridId: string;
  /** Customers placed in the grid or any grid below it. */
  customers: number;
  /** Of those, with an archive at least ARCHIVE_COMPLETE complete (latest ARCHIVE_COMPLETENESS). */
  archived: number;
  /** Of those, with an active customer manager. */
  managed: number;
  target: number;
}

/** G-26: a customer counts as archived (covered) from this archive completeness on. */
export const ARCHIVE_COMPLETE = 0.8;

const GRID_WRITERS = new Set<Role>([Role.SEGMENT_HEAD]);
const PLACERS = new Set<Role>([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);

/** Grids (MKT-R14, G-22), customer placement, customer managers (G-24) and coverage (MKT-M2, G-26). */
export class GridService {
  private readonly repo: Repository<Grid>;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {
    this.repo = ds.getRepository(Grid);
  }

  list(viewer: Viewer, filter: GridFilter, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<Grid>> {
    const qb = scopeTo(viewer, this.repo.createQueryBuilder('g'));
    if (filter.parentId) qb.andWhere('g.parentId = :parentId', { parentId: filter.parentId });
    if (filter.rootsOnly) qb.andWhere('g.parentId IS NULL');
    if (filter.managerEmployeeId) qb.andWhere('g.managerEmployeeId = :m', { m: filter.managerEmployeeId });
    return paginate(qb, page, sort);
  }

  byIds(viewer: Viewer, ids: readonly string[]): Promise<Grid[]> {
    return scopeTo(viewer, this.repo.createQueryBuilder('g').where('g.id IN (:...ids)', { ids: [...ids] })).getMany();
  }

  childrenOf(viewer: Viewer, ids: readonly string[]): Promise<Grid[]> {
    const qb = this.repo.createQueryBuilder('g').where('g.parentId IN (:...ids)', { ids: [...ids] });
    return scopeTo(viewer, qb).orderBy('g.code', 'ASC').getMany();
  }

  byManagerIds(viewer: Viewer, employeeIds: readonly string[]): Promise<Grid[]> {
    const qb = this.repo.createQueryBuilder('g').where('g.managerEmployeeId IN (:...ids)', { ids: [...employeeIds] });
    return scopeTo(viewer, qb).orderBy('g.code', 'ASC').getMany();
  }

  /** Visible customer profiles (grid, tier), one statement. */
  profiles(viewer: Viewer, customerIds: readonly string[]): Promise<CustomerProfile[]> {
    const qb = this.ds
      .getRepository(CustomerProfile)
      .createQueryBuilder('p')
      .where('p.customerId IN (:...ids)', { ids: [...customerIds] });
    return scopeTo(viewer, qb).getMany();
  }

  /** Active customer-manager assignments of many customers, one statement. */
  activeManagers(viewer: Viewer, customerIds: readonly string[]): Promise<CustomerManagerAssignment[]> {
    const qb = this.ds
      .getRepository(CustomerManagerAssignment)
      .createQueryBuilder('m')
      .where('m.customerId IN (:...ids)', { ids: [...customerIds] })
      .andWhere('m.endedAt IS NULL');
    return scopeTo(viewer, qb).getMany();
  }

  async create(viewer: Viewer, input: CreateGridInput): Promise<Grid> {
    if (!GRID_WRITERS.has(viewer.role)) throw errors.writeForbidden();
    if (!viewer.segmentIds.includes(input.segmentId)) throw commonErrors.segmentForbidden();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'createGrid',
      input.idempotencyKey,
      input,
      async (m, id) => {
        let parent: Grid | null = null;
        if (input.parentId) {
          // Locked: a parent being deleted concurrently cannot get a child (delete locks it too, then counts).
          parent = await lockForUpdate(m, Grid, { id: input.parentId });
          if (!parent || !viewer.segmentIds.includes(parent.segmentId)) throw errors.gridNotFound(input.parentId);
          if (parent.segmentId !== input.segmentId) throw errors.parentSegmentMismatch();
        }
        const grid = m.create(Grid, {
          id,
          code: input.code,
          name: input.name,
          territory: input.territory ?? null,
          parentId: parent?.id ?? null,
          path: `${parent?.path ?? '/'}${id}/`,
          level: parent ? parent.level + 1 : 0,
          segmentId: input.segmentId,
          managerEmployeeId: input.managerEmployeeId ?? null,
          coverageTarget: input.coverageTarget,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Grid, grid);
        return grid;
      },
      async (id) => (await this.byIds(viewer, [id]))[0] ?? null,
      newId,
      { onUniqueViolation: () => errors.codeTaken(input.code) },
    );
  }

  /** A grid of the viewer's own segment, for writes by segment heads (NOT_FOUND for other segments); `lock`: row-locked for the transaction. */
  private async ownGrid(m: import('typeorm').EntityManager, viewer: Viewer, id: string, lock = false): Promise<Grid> {
    if (!GRID_WRITERS.has(viewer.role)) throw errors.writeForbidden();
    const g = lock ? await lockForUpdate(m, Grid, { id }) : await m.findOneBy(Grid, { id });
    if (!g || !viewer.segmentIds.includes(g.segmentId)) throw errors.gridNotFound(id);
    return g;
  }

  /** Renames a grid, changes its territory, manager or coverage target (segment heads, own segment). */
  async update(viewer: Viewer, input: UpdateGridInput): Promise<Grid> {
    const changes = changesOf(input, ['code', 'name', 'territory', 'managerEmployeeId', 'coverageTarget'] as const, ['code', 'name', 'coverageTarget']);
    try {
      return await inTransaction(this.ds, async (m) => {
        await this.ownGrid(m, viewer, input.id);
        return updateWithVersion(m, Grid, input.id, input.expectedVersion, { ...changes, updatedAt: this.clock() } as Partial<Grid>);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw errors.codeTaken(input.code ?? '');
      throw e;
    }
  }

  /**
   * Deletes a grid that holds nothing: no sub-grids and no customers placed
   * (CONFLICT GRID_NOT_EMPTY otherwise: move them first). A grid has no
   * history of its own to keep; customers' history lives on the customers.
   * The grid is locked before counting: placements and new sub-grids lock it
   * too, so none lands in a grid being deleted (G-22).
   */
  delete(viewer: Viewer, id: string, expectedVersion: number): Promise<boolean> {
    return inTransaction(this.ds, async (m) => {
      await this.ownGrid(m, viewer, id, true);
      const children = await m.countBy(Grid, { parentId: id });
      const customers = await m.countBy(CustomerProfile, { gridId: id });
      if (children || customers) throw errors.notEmpty(children, customers);
      await deleteWithVersion(m, Grid, id, expectedVersion);
      return true;
    });
  }

  /** Places a customer of your segment in a grid of the same segment (null: takes it out). */
  async place(viewer: Viewer, customerId: string, gridId: string | null): Promise<CustomerProfile> {
    if (!PLACERS.has(viewer.role)) throw errors.placeForbidden();
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      // The target grid is locked first (before any read), so a concurrent deleteGrid sees this customer or this placement sees no grid.
      const grid = gridId ? await lockForUpdate(m, Grid, { id: gridId }) : null;
      const profile = await m.findOneBy(CustomerProfile, { customerId });
      if (!profile || !viewer.segmentIds.includes(profile.segmentId)) throw errors.customerNotFound(customerId);
      if (gridId) {
        if (!grid || !viewer.segmentIds.includes(grid.segmentId)) throw errors.gridNotFound(gridId);
        if (grid.segmentId !== profile.segmentId) throw errors.parentSegmentMismatch();
      }
      await m.update(CustomerProfile, { customerId }, { gridId, updatedAt: now });
      return { ...profile, gridId, updatedAt: now };
    });
  }

  /**
   * Makes `employeeId` the customer's manager from now (G-24: one active
   * manager; the previous assignment ends now and stays as history); null
   * ends the current assignment. Segment heads of the customer's segment.
   */
  async assignManager(viewer: Viewer, customerId: string, employeeId: string | null): Promise<CustomerManagerAssignment | null> {
    if (!GRID_WRITERS.has(viewer.role)) throw errors.writeForbidden();
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      // The customer owns the rule: concurrent assignments queue here and each sees the one open assignment.
      const profile = await lockForUpdate(m, CustomerProfile, { customerId });
      if (!profile || !viewer.segmentIds.includes(profile.segmentId)) throw errors.customerNotFound(customerId);
      const open = await m.findOneBy(CustomerManagerAssignment, { customerId, endedAt: IsNull() });
      if (open && open.managerEmployeeId === employeeId) return open;
      if (open) await m.update(CustomerManagerAssignment, { id: open.id }, { endedAt: now });
      if (!employeeId) return null;
      const a = m.create(CustomerManagerAssignment, {
        id: newId(),
        customerId,
        segmentId: profile.segmentId,
        managerEmployeeId: employeeId,
        startedAt: now,
        endedAt: null,
        assignedBy: viewer.accountId,
      });
      await m.insert(CustomerManagerAssignment, a);
      return a;
    });
  }

  /**
   * Coverage of many grids (each with its whole subtree) in ONE grouped
   * statement: customers placed, archived (latest ARCHIVE_COMPLETENESS >=
   * 0.8, G-26), managed (active customer manager), against the grid's target.
   */
  async coverage(viewer: Viewer, gridIds: readonly string[]): Promise<GridCoverage[]> {
    const scope = scopeOf(viewer);
    if (scope !== 'ALL' && scope.length === 0) return [];
    const concat = this.ds.options.type === 'better-sqlite3' ? "x.path || '%'" : "CONCAT(x.path, '%')";
    const params: unknown[] = [ARCHIVE_COMPLETE, ...gridIds];
    let scoped = '';
    if (scope !== 'ALL') {
      scoped = ` AND x.segment_id IN (${scope.map(() => '?').join(', ')})`;
      params.push(...scope);
    }
    const rows: { gridId: string; target: number; customers: number | null; archived: number | null; managed: number | null }[] = await this.ds.query(
      `SELECT x.id AS gridId, x.coverage_target AS target, COUNT(p.customer_id) AS customers,
         SUM(CASE WHEN (SELECT i.value FROM customer_indicator i WHERE i.customer_id = p.customer_id AND i.code = 'ARCHIVE_COMPLETENESS'
                        ORDER BY i.as_of DESC LIMIT 1) >= ? THEN 1 ELSE 0 END) AS archived,
         SUM(CASE WHEN EXISTS (SELECT 1 FROM customer_manager_assignment m WHERE m.customer_id = p.customer_id AND m.ended_at IS NULL)
                  THEN 1 ELSE 0 END) AS managed
       FROM grid x
       LEFT JOIN grid g ON g.path LIKE ${concat}
       LEFT JOIN customer_profile p ON p.grid_id = g.id AND p.segment_id = x.segment_id
       WHERE x.id IN (${gridIds.map(() => '?').join(', ')})${scoped}
       GROUP BY x.id, x.coverage_target`,
      params,
    );
    return rows.map((r) => ({
      gridId: String(r.gridId),
      target: Number(r.target),
      customers: Number(r.customers ?? 0),
      archived: Number(r.archived ?? 0),
      managed: Number(r.managed ?? 0),
    }));
  }
}
