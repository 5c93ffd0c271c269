import { DataSource, In, Repository } from 'typeorm';
import {
  canReadSegment,
  Clock,
  ConnectionShape,
  DomainError,
  inTransaction,
  isUniqueViolation,
  likeContains,
  newId,
  notFound,
  PageArgs,
  ParentDirectory,
  paginate,
  Role,
  SortSpec,
  systemClock,
  updateWithVersion,
  Viewer,
  wholeSeconds,
  idempotentCreate,
  scopeTo,
  deleteWithVersion,
} from '@group/shared';
import { OpportunityCompetitor, ThreatLevel } from './opportunity-competitor.entity';
import { changesOf } from '../versioned';
import {
  BranchKind,
  Competitor,
  CompetitorBranch,
  CompetitorBusiness,
  CompetitorPrice,
  CompetitorProduct,
  CompetitorRegion,
  CompetitorStrategy,
  OwnershipType,
  StrategyLine,
} from './competitor.entity';

/**
 * Competitor intelligence is sensitive (pricing, sales estimates, named
 * contacts of the competitor's branches — G-18 personal information) and is
 * group-level, not per segment. Decision, deny by default: group executives
 * (the group marketing authority, MKT-R23) and segment heads (who lead the
 * front-line research, MKT-R06) read and write it; business staff, segment
 * admins and system admins neither read nor write it, unless they are the
 * group marketing department operator (the owner, MKT-R23) (FORBIDDEN
 * COMPETITOR_INTELLIGENCE_FORBIDDEN), on every path: lists, by id, mutations.
 */
import { roleOrOperator } from '../marketing-operator';
import { competitorErrors as errors } from './competitor.errors';

export const COMPETITOR_READERS = new Set<Role>([Role.GROUP_EXECUTIVE, Role.SEGMENT_HEAD]);

export interface CompetitorFilter {
  ownershipType?: OwnershipType | null;
  nameContains?: string | null;
  /** Also list archived competitors (hidden by default). */
  includeArchived?: boolean | null;
}

type BranchInput = { kind: BranchKind; name: string; address?: string | null; contact?: string | null; principal?: string | null };
type BusinessInput = { scope: string; productStatus?: string | null };
type RegionInput = { region: string; marketField?: string | null };
const BASIC_FIELDS = [
  'legalName',
  'ownershipType',
  'assets',
  'employeeCount',
  'scaleNote',
  'leadershipRole',
  'industryRank',
  'radiationCapacity',
  'fiscalContribution',
  'sources',
] as const;
const PRODUCT_FIELDS = [
  'name',
  'category',
  'mainFunctions',
  'launchDate',
  'marketPositioning',
  'marketCapacity',
  'marketShare',
  'updateCycleDays',
  'strengthsWeaknesses',
  'salesProfitEstimate',
  'salesProfitActual',
  'seasonality',
  'tariff',
  'priceElasticity',
  'derivativeProducts',
  'userReviews',
  'pricingStrategy',
  'priceFlexibility',
  'priceStability',
] as const;
const STRATEGY_FIELDS = ['line', 'tariff', 'marketingMethod', 'marketingCampaigns', 'correspondingIndicators', 'observedAt'] as const;

export interface UpdateCompetitorInput extends Partial<Omit<CreateCompetitorInput, 'legalName' | 'ownershipType'>> {
  id: string;
  expectedVersion: number;
  legalName?: string | null;
  ownershipType?: OwnershipType | null;
}
/** A partial update: every field optional, null clears (where allowed). */
type Patch<T> = { [K in keyof T]?: T[K] | null };
export type UpdateCompetitorProductInput = { id: string; expectedVersion: number } & Patch<Omit<AddCompetitorProductInput, 'competitorId' | 'priceLevel' | 'idempotencyKey'>>;
export type UpdateCompetitorStrategyInput = { id: string; expectedVersion: number } & Patch<Omit<AddCompetitorStrategyInput, 'competitorId' | 'idempotencyKey'>>;
export interface LinkOpportunityInput {
  opportunityId: string;
  segmentId: string;
  competitorId: string;
  threatLevel: ThreatLevel;
  notes?: string | null;
  idempotencyKey?: string | null;
}

export interface CreateCompetitorInput {
  legalName: string;
  ownershipType: OwnershipType;
  assets?: number | null;
  employeeCount?: number | null;
  scaleNote?: string | null;
  leadershipRole?: string | null;
  industryRank?: number | null;
  radiationCapacity?: string | null;
  fiscalContribution?: string | null;
  sources?: string | null;
  branches?: BranchInput[] | null;
  businessTypes?: BusinessInput[] | null;
  operatingRegions?: RegionInput[] | null;
  idempotencyKey?: string | null;
}

export interface AddCompetitorProductInput {
  competitorId: string;
  name: string;
  category?: string | null;
  mainFunctions?: string[] | null;
  launchDate?: Date | null;
  marketPositioning?: string | null;
  marketCapacity?: string | null;
  marketShare?: number | null;
  updateCycleDays?: number | null;
  strengthsWeaknesses?: string | null;
  salesProfitEstimate?: string | null;
  salesProfitActual?: string | null;
  seasonality?: string | null;
  tariff?: string | null;
  priceElasticity?: string | null;
  derivativeProducts?: string[] | null;
  userReviews?: string[] | null;
  pricingStrategy?: string | null;
  priceLevel?: number | null;
  priceFlexibility?: string | null;
  priceStability?: string | null;
  idempotencyKey?: string | null;
}

export interface AddCompetitorStrategyInput {
  competitorId: string;
  line: StrategyLine;
  tariff?: string | null;
  marketingMethod?: string | null;
  marketingCampaigns?: string | null;
  correspondingIndicators?: string | null;
  observedAt?: Date | null;
  idempotencyKey?: string | null;
}

const THREAT_ORDER: Record<ThreatLevel, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

export class CompetitorService {
  private readonly repo: Repository<Competitor>;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
    /** Customer-service, the authority on which opportunities a viewer sees (tests of marketing alone replace it). */
    public parents: ParentDirectory,
  ) {
    this.repo = ds.getRepository(Competitor);
  }

  /** Throws unless the viewer may see competitor intelligence. */
  check(viewer: Viewer): void {
    if (!roleOrOperator(COMPETITOR_READERS, viewer)) throw errors.intelligenceForbidden();
  }

  list(viewer: Viewer, filter: CompetitorFilter, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<Competitor>> {
    this.check(viewer);
    const qb = this.repo.createQueryBuilder('c');
    if (filter.ownershipType) qb.andWhere('c.ownershipType = :o', { o: filter.ownershipType });
    if (filter.nameContains) qb.andWhere("LOWER(c.legalName) LIKE :n ESCAPE '!'", { n: likeContains(filter.nameContains.toLowerCase()) });
    if (!filter.includeArchived) qb.andWhere('c.archivedAt IS NULL');
    return paginate(qb, page, sort);
  }

  byIds(ids: readonly string[]): Promise<Competitor[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }
  branchesOf(ids: readonly string[]) {
    return this.ds.getRepository(CompetitorBranch).find({ where: { competitorId: In([...ids]) }, order: { name: 'ASC' } });
  }
  businessesOf(ids: readonly string[]) {
    return this.ds.getRepository(CompetitorBusiness).find({ where: { competitorId: In([...ids]) }, order: { scope: 'ASC' } });
  }
  regionsOf(ids: readonly string[]) {
    return this.ds.getRepository(CompetitorRegion).find({ where: { competitorId: In([...ids]) }, order: { region: 'ASC' } });
  }
  productsOf(ids: readonly string[]) {
    return this.ds.getRepository(CompetitorProduct).find({ where: { competitorId: In([...ids]) }, order: { name: 'ASC' } });
  }
  strategiesOf(ids: readonly string[]) {
    return this.ds.getRepository(CompetitorStrategy).find({ where: { competitorId: In([...ids]) }, order: { observedAt: 'DESC' } });
  }
  pricesOf(productIds: readonly string[]) {
    return this.ds.getRepository(CompetitorPrice).find({ where: { productId: In([...productIds]) }, order: { effectiveAt: 'ASC' } });
  }

  /** Creates a competitor with its branches, business types and operating regions (one transaction). */
  async create(viewer: Viewer, input: CreateCompetitorInput): Promise<Competitor> {
    this.check(viewer);
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'createCompetitor',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const c = m.create(Competitor, {
          id,
          legalName: input.legalName,
          ownershipType: input.ownershipType,
          assets: input.assets ?? null,
          employeeCount: input.employeeCount ?? null,
          scaleNote: input.scaleNote ?? null,
          leadershipRole: input.leadershipRole ?? null,
          industryRank: input.industryRank ?? null,
          radiationCapacity: input.radiationCapacity ?? null,
          fiscalContribution: input.fiscalContribution ?? null,
          sources: input.sources ?? null,
          collectedBy: viewer.accountId,
          archivedAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Competitor, c);
        await this.replaceBasicLists(m, c.id, input);
        return c;
      },
      (id) => this.one(Competitor, id),
      newId,
      { onUniqueViolation: () => errors.exists(input) },
    );
  }

  private async one<T extends object>(entity: new () => T, id: string): Promise<T | null> {
    return this.ds.getRepository(entity).findOneBy({ id } as never);
  }

  /** Replaces the branches, business types and operating regions that `input` carries (lists left out stay). */
  private async replaceBasicLists(
    m: import('typeorm').EntityManager,
    competitorId: string,
    input: { branches?: BranchInput[] | null; businessTypes?: BusinessInput[] | null; operatingRegions?: RegionInput[] | null },
  ) {
    if (input.branches) {
      await m.delete(CompetitorBranch, { competitorId });
      const rows = input.branches.map((b) => ({
        id: newId(),
        competitorId,
        kind: b.kind,
        name: b.name,
        address: b.address ?? null,
        contact: b.contact ?? null,
        principal: b.principal ?? null,
      }));
      if (rows.length) await m.insert(CompetitorBranch, rows);
    }
    if (input.businessTypes) {
      await m.delete(CompetitorBusiness, { competitorId });
      const rows = input.businessTypes.map((b) => ({ id: newId(), competitorId, scope: b.scope, productStatus: b.productStatus ?? null }));
      if (rows.length) await m.insert(CompetitorBusiness, rows);
    }
    if (input.operatingRegions) {
      await m.delete(CompetitorRegion, { competitorId });
      const rows = input.operatingRegions.map((r) => ({ id: newId(), competitorId, region: r.region, marketField: r.marketField ?? null }));
      if (rows.length) await m.insert(CompetitorRegion, rows);
    }
  }

  /**
   * Updates a competitor's basic information (MKT-R07); lists that are sent
   * (branches, business types, operating regions) replace the old ones. One
   * transaction, guarded by the version the client read (STALE_VERSION).
   */
  async update(viewer: Viewer, input: UpdateCompetitorInput): Promise<Competitor> {
    this.check(viewer);
    const changes = changesOf(input, BASIC_FIELDS, ['legalName', 'ownershipType']);
    try {
      return await inTransaction(this.ds, async (m) => {
        const c = await updateWithVersion(m, Competitor, input.id, input.expectedVersion, { ...changes, updatedAt: this.clock() } as Partial<Competitor>);
        await this.replaceBasicLists(m, c.id, input);
        return c;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw errors.exists(input);
      throw e;
    }
  }

  /**
   * Archives a competitor (WF-MKT-2 ARCHIVED): it leaves lists but stays,
   * with its products, prices, strategies and opportunity links, as history.
   */
  archive(viewer: Viewer, id: string, expectedVersion: number): Promise<Competitor> {
    this.check(viewer);
    const now = this.clock();
    return inTransaction(this.ds, (m) => updateWithVersion(m, Competitor, id, expectedVersion, { archivedAt: now, updatedAt: now }));
  }

  async updateProduct(viewer: Viewer, input: UpdateCompetitorProductInput): Promise<CompetitorProduct> {
    this.check(viewer);
    const changes = changesOf(input, PRODUCT_FIELDS, ['name', 'mainFunctions', 'derivativeProducts', 'userReviews']);
    if (changes.marketShare !== undefined && changes.marketShare !== null && (changes.marketShare < 0 || changes.marketShare > 1)) {
      throw errors.marketShareInvalid();
    }
    if (changes.launchDate) changes.launchDate = wholeSeconds(changes.launchDate);
    return inTransaction(this.ds, (m) =>
      updateWithVersion(m, CompetitorProduct, input.id, input.expectedVersion, { ...changes, updatedAt: this.clock() } as Partial<CompetitorProduct>),
    );
  }

  /** Deletes a product recorded by mistake, with its price history. */
  deleteProduct(viewer: Viewer, id: string, expectedVersion: number): Promise<boolean> {
    this.check(viewer);
    return inTransaction(this.ds, async (m) => {
      await deleteWithVersion(m, CompetitorProduct, id, expectedVersion);
      await m.delete(CompetitorPrice, { productId: id });
      return true;
    });
  }

  updateStrategy(viewer: Viewer, input: UpdateCompetitorStrategyInput): Promise<CompetitorStrategy> {
    this.check(viewer);
    const changes = changesOf(input, STRATEGY_FIELDS, ['line', 'observedAt']);
    if (changes.observedAt) changes.observedAt = wholeSeconds(changes.observedAt);
    return inTransaction(this.ds, (m) => updateWithVersion(m, CompetitorStrategy, input.id, input.expectedVersion, changes as Partial<CompetitorStrategy>));
  }

  deleteStrategy(viewer: Viewer, id: string, expectedVersion: number): Promise<boolean> {
    this.check(viewer);
    return inTransaction(this.ds, async (m) => {
      await deleteWithVersion(m, CompetitorStrategy, id, expectedVersion);
      return true;
    });
  }

  /** `Opportunity.competitors` of many opportunities, one statement, only links of readable segments; most threatening first. */
  async opportunityLinksOf(viewer: Viewer, opportunityIds: readonly string[]): Promise<OpportunityCompetitor[]> {
    const qb = this.ds
      .getRepository(OpportunityCompetitor)
      .createQueryBuilder('l')
      .where('l.opportunityId IN (:...ids)', { ids: [...opportunityIds] });
    const rows = await scopeTo(viewer, qb).getMany();
    return rows.sort((a, b) => THREAT_ORDER[a.threatLevel] - THREAT_ORDER[b.threatLevel] || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  }

  private async visibleLink(viewer: Viewer, id: string): Promise<OpportunityCompetitor | null> {
    const l = await this.ds.getRepository(OpportunityCompetitor).findOneBy({ id });
    return l && canReadSegment(viewer, l.segmentId) ? l : null;
  }

  /** A link to change: visible, and so is its opportunity, as customer-service sees it now (links written before this check may name another segment's). */
  private async writableLink(viewer: Viewer, id: string): Promise<OpportunityCompetitor> {
    const l = await this.visibleLink(viewer, id);
    if (!l) throw notFound('OpportunityCompetitor', id);
    const parent = await this.parents.visible(viewer, 'Opportunity', l.opportunityId).catch((e) => {
      throw e instanceof DomainError && e.kind === 'NOT_FOUND' ? notFound('OpportunityCompetitor', id) : e;
    });
    if (!canReadSegment(viewer, parent.segmentId)) throw notFound('OpportunityCompetitor', id);
    return l;
  }

  /**
   * Records a competitor against an opportunity of customer-service. Customer-
   * service says whether the viewer sees the opportunity and in which segment
   * it is (NOT_FOUND otherwise, before anything else); the link takes that
   * segment, whatever `segmentId` the caller declared, and is visible only to
   * readers of it.
   */
  async linkToOpportunity(viewer: Viewer, input: LinkOpportunityInput): Promise<OpportunityCompetitor> {
    this.check(viewer);
    const { segmentId } = await this.parents.visible(viewer, 'Opportunity', input.opportunityId);
    if (!canReadSegment(viewer, segmentId)) throw notFound('Opportunity', input.opportunityId);
    if (segmentId !== input.segmentId) throw errors.opportunitySegmentMismatch();
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'linkCompetitorToOpportunity',
      input.idempotencyKey,
      input,
      async (m, id) => {
        const c = await m.findOneBy(Competitor, { id: input.competitorId });
        if (!c) throw notFound('Competitor', input.competitorId);
        if (c.archivedAt) throw errors.archived();
        const link = m.create(OpportunityCompetitor, {
          id,
          opportunityId: input.opportunityId,
          competitorId: c.id,
          segmentId,
          threatLevel: input.threatLevel,
          notes: input.notes ?? null,
          linkedBy: viewer.accountId,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(OpportunityCompetitor, link);
        return link;
      },
      (id) => this.visibleLink(viewer, id),
      newId,
      { onUniqueViolation: () => errors.opportunityCompetitorExists() },
    );
  }

  async updateOpportunityLink(
    viewer: Viewer,
    input: { id: string; expectedVersion: number; threatLevel?: ThreatLevel | null; notes?: string | null },
  ): Promise<OpportunityCompetitor> {
    this.check(viewer);
    await this.writableLink(viewer, input.id);
    const changes: Partial<OpportunityCompetitor> = { updatedAt: this.clock() };
    if (input.threatLevel) changes.threatLevel = input.threatLevel;
    if (input.notes !== undefined && input.notes !== null) changes.notes = input.notes.trim() || null;
    return inTransaction(this.ds, (m) => updateWithVersion(m, OpportunityCompetitor, input.id, input.expectedVersion, changes));
  }

  async unlinkFromOpportunity(viewer: Viewer, id: string, expectedVersion: number): Promise<OpportunityCompetitor> {
    this.check(viewer);
    const link = await this.writableLink(viewer, id);
    await inTransaction(this.ds, (m) => deleteWithVersion(m, OpportunityCompetitor, id, expectedVersion));
    return link;
  }

  /** Adds a product with its 16 attributes and pricing; an initial priceLevel starts the price history. */
  async addProduct(viewer: Viewer, input: AddCompetitorProductInput): Promise<CompetitorProduct> {
    this.check(viewer);
    if (input.marketShare !== undefined && input.marketShare !== null && (input.marketShare < 0 || input.marketShare > 1)) {
      throw errors.marketShareInvalid();
    }
    const now = this.clock();
    return idempotentCreate(
      this.ds,
      viewer,
      'addCompetitorProduct',
      input.idempotencyKey,
      input,
      async (m, id) => {
        if (!(await m.existsBy(Competitor, { id: input.competitorId }))) throw notFound('Competitor', input.competitorId);
        const p = m.create(CompetitorProduct, {
          id,
          competitorId: input.competitorId,
          name: input.name,
          category: input.category ?? null,
          mainFunctions: input.mainFunctions ?? [],
          launchDate: input.launchDate ? wholeSeconds(input.launchDate) : null,
          marketPositioning: input.marketPositioning ?? null,
          marketCapacity: input.marketCapacity ?? null,
          marketShare: input.marketShare ?? null,
          updateCycleDays: input.updateCycleDays ?? null,
          strengthsWeaknesses: input.strengthsWeaknesses ?? null,
          salesProfitEstimate: input.salesProfitEstimate ?? null,
          salesProfitActual: input.salesProfitActual ?? null,
          seasonality: input.seasonality ?? null,
          tariff: input.tariff ?? null,
          priceElasticity: input.priceElasticity ?? null,
          derivativeProducts: input.derivativeProducts ?? [],
          userReviews: input.userReviews ?? [],
          pricingStrategy: input.pricingStrategy ?? null,
          priceLevel: input.priceLevel ?? null,
          priceFlexibility: input.priceFlexibility ?? null,
          priceStability: input.priceStability ?? null,
          updatedAt: now,
          version: 1,
        });
        await m.insert(CompetitorProduct, p);
        if (p.priceLevel !== null) await m.insert(CompetitorPrice, { id: newId(), productId: p.id, price: p.priceLevel, effectiveAt: now, note: null });
        return p;
      },
      (id) => this.one(CompetitorProduct, id),
      newId,
    );
  }

  /** Appends a price to the product's history; the latest one becomes its priceLevel. */
  async recordPrice(viewer: Viewer, productId: string, price: number, effectiveAt: Date, note: string | null, idempotencyKey?: string | null): Promise<CompetitorPrice> {
    this.check(viewer);
    if (!(price >= 0)) throw errors.priceInvalid();
    const body = { productId, price, effectiveAt, note };
    return idempotentCreate(
      this.ds,
      viewer,
      'recordCompetitorPrice',
      idempotencyKey,
      body,
      async (m, id) => {
        const p = await m.findOneBy(CompetitorProduct, { id: productId });
        if (!p) throw notFound('CompetitorProduct', productId);
        const row = m.create(CompetitorPrice, { id, productId, price, effectiveAt: wholeSeconds(effectiveAt), note });
        await m.insert(CompetitorPrice, row);
        const latest = await m.findOne(CompetitorPrice, { where: { productId }, order: { effectiveAt: 'DESC' } });
        // The product's price level follows its history (a change of the product: version + 1).
        await m.update(CompetitorProduct, { id: productId }, { priceLevel: latest!.price, updatedAt: this.clock(), version: () => 'version + 1' });
        return row;
      },
      (id) => this.one(CompetitorPrice, id),
      newId,
    );
  }

  async addStrategy(viewer: Viewer, input: AddCompetitorStrategyInput): Promise<CompetitorStrategy> {
    this.check(viewer);
    return idempotentCreate(
      this.ds,
      viewer,
      'addCompetitorStrategy',
      input.idempotencyKey,
      input,
      async (m, id) => {
        if (!(await m.existsBy(Competitor, { id: input.competitorId }))) throw notFound('Competitor', input.competitorId);
        const s = m.create(CompetitorStrategy, {
          id,
          competitorId: input.competitorId,
          line: input.line,
          tariff: input.tariff ?? null,
          marketingMethod: input.marketingMethod ?? null,
          marketingCampaigns: input.marketingCampaigns ?? null,
          correspondingIndicators: input.correspondingIndicators ?? null,
          observedAt: wholeSeconds(input.observedAt ?? this.clock()),
          version: 1,
        });
        await m.insert(CompetitorStrategy, s);
        return s;
      },
      (id) => this.one(CompetitorStrategy, id),
      newId,
    );
  }
}
