import { DataSource, In, Repository } from 'typeorm';
import { badInput, Clock, ConnectionShape, conflict, forbidden, inTransaction, likeContains, newId, notFound, PageArgs, paginate, Role, SortSpec, systemClock, Viewer, wholeSeconds, isUniqueViolation } from '@group/shared';
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
 * admins and system admins neither read nor write it (FORBIDDEN
 * COMPETITOR_INTELLIGENCE_FORBIDDEN), on every path: lists, by id, mutations.
 */
export const COMPETITOR_READERS = new Set<Role>([Role.GROUP_EXECUTIVE, Role.SEGMENT_HEAD]);
const denied = () => forbidden('COMPETITOR_INTELLIGENCE_FORBIDDEN', 'Competitor intelligence is restricted to group executives and segment heads');

export interface CompetitorFilter {
  ownershipType?: OwnershipType | null;
  nameContains?: string | null;
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
  branches?: { kind: BranchKind; name: string; address?: string | null; contact?: string | null; principal?: string | null }[] | null;
  businessTypes?: { scope: string; productStatus?: string | null }[] | null;
  operatingRegions?: { region: string; marketField?: string | null }[] | null;
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
}

export interface AddCompetitorStrategyInput {
  competitorId: string;
  line: StrategyLine;
  tariff?: string | null;
  marketingMethod?: string | null;
  marketingCampaigns?: string | null;
  correspondingIndicators?: string | null;
  observedAt?: Date | null;
}

export class CompetitorService {
  private readonly repo: Repository<Competitor>;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {
    this.repo = ds.getRepository(Competitor);
  }

  /** Throws unless the viewer may see competitor intelligence. */
  check(viewer: Viewer): void {
    if (!COMPETITOR_READERS.has(viewer.role)) throw denied();
  }

  list(viewer: Viewer, filter: CompetitorFilter, page: PageArgs, sort: SortSpec): Promise<ConnectionShape<Competitor>> {
    this.check(viewer);
    const qb = this.repo.createQueryBuilder('c');
    if (filter.ownershipType) qb.andWhere('c.ownershipType = :o', { o: filter.ownershipType });
    if (filter.nameContains) qb.andWhere("LOWER(c.legalName) LIKE :n ESCAPE '!'", { n: likeContains(filter.nameContains.toLowerCase()) });
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
    try {
      return await inTransaction(this.ds, async (m) => {
        const c = m.create(Competitor, {
          id: newId(),
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
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await m.insert(Competitor, c);
        const branches = (input.branches ?? []).map((b) => ({ id: newId(), competitorId: c.id, kind: b.kind, name: b.name, address: b.address ?? null, contact: b.contact ?? null, principal: b.principal ?? null }));
        const businesses = (input.businessTypes ?? []).map((b) => ({ id: newId(), competitorId: c.id, scope: b.scope, productStatus: b.productStatus ?? null }));
        const regions = (input.operatingRegions ?? []).map((r) => ({ id: newId(), competitorId: c.id, region: r.region, marketField: r.marketField ?? null }));
        if (branches.length) await m.insert(CompetitorBranch, branches);
        if (businesses.length) await m.insert(CompetitorBusiness, businesses);
        if (regions.length) await m.insert(CompetitorRegion, regions);
        return c;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('COMPETITOR_EXISTS', `A competitor named ${input.legalName} exists`);
      throw e;
    }
  }

  /** Adds a product with its 16 attributes and pricing; an initial priceLevel starts the price history. */
  async addProduct(viewer: Viewer, input: AddCompetitorProductInput): Promise<CompetitorProduct> {
    this.check(viewer);
    if (input.marketShare !== undefined && input.marketShare !== null && (input.marketShare < 0 || input.marketShare > 1)) {
      throw badInput('MARKET_SHARE_INVALID', 'marketShare is a fraction between 0 and 1');
    }
    const now = this.clock();
    return inTransaction(this.ds, async (m) => {
      if (!(await m.existsBy(Competitor, { id: input.competitorId }))) throw notFound('Competitor', input.competitorId);
      const p = m.create(CompetitorProduct, {
        id: newId(),
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
      });
      await m.insert(CompetitorProduct, p);
      if (p.priceLevel !== null) await m.insert(CompetitorPrice, { id: newId(), productId: p.id, price: p.priceLevel, effectiveAt: now, note: null });
      return p;
    });
  }

  /** Appends a price to the product's history; the latest one becomes its priceLevel. */
  async recordPrice(viewer: Viewer, productId: string, price: number, effectiveAt: Date, note: string | null): Promise<CompetitorPrice> {
    this.check(viewer);
    if (!(price >= 0)) throw badInput('PRICE_INVALID', 'price must be >= 0');
    return inTransaction(this.ds, async (m) => {
      const p = await m.findOneBy(CompetitorProduct, { id: productId });
      if (!p) throw notFound('CompetitorProduct', productId);
      const row = m.create(CompetitorPrice, { id: newId(), productId, price, effectiveAt: wholeSeconds(effectiveAt), note });
      await m.insert(CompetitorPrice, row);
      const latest = await m.findOne(CompetitorPrice, { where: { productId }, order: { effectiveAt: 'DESC' } });
      await m.update(CompetitorProduct, { id: productId }, { priceLevel: latest!.price, updatedAt: this.clock() });
      return row;
    });
  }

  async addStrategy(viewer: Viewer, input: AddCompetitorStrategyInput): Promise<CompetitorStrategy> {
    this.check(viewer);
    return inTransaction(this.ds, async (m) => {
      if (!(await m.existsBy(Competitor, { id: input.competitorId }))) throw notFound('Competitor', input.competitorId);
      const s = m.create(CompetitorStrategy, {
        id: newId(),
        competitorId: input.competitorId,
        line: input.line,
        tariff: input.tariff ?? null,
        marketingMethod: input.marketingMethod ?? null,
        marketingCampaigns: input.marketingCampaigns ?? null,
        correspondingIndicators: input.correspondingIndicators ?? null,
        observedAt: wholeSeconds(input.observedAt ?? this.clock()),
      });
      await m.insert(CompetitorStrategy, s);
      return s;
    });
  }
}
