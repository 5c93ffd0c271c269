import type { DataSource } from 'typeorm';
import { Clock, systemClock } from '@group/shared';
import { PublicationWatermark } from './publication-watermark.entity';

/**
 * HOW CUSTOMER-SERVICE FEEDS MARKETING'S TAG RULES
 * -------------------------------------------------
 * Marketing's rules read indicators that customer-service owns (complaints per
 * day, order value per day, satisfaction). Marketing never reads this
 * database. Each change reaches marketing within a second as a
 * CustomerIndicatorsChanged event (indicator-events.ts); this publisher is the
 * REPAIR RUN (job `indicator-repair`, every INDICATOR_REPAIR_MS, default hourly):
 * it pushes them again to marketing's `recordCustomerIndicators` /
 * `recordCustomerSegments` mutations, which covers what events do not (bulk
 * imports, merges, an outage longer than the outbox retention).
 *
 * Each run takes the source rows CHANGED since the watermark (by
 * `updated_at`, bounds inclusive, with a look-back overlap for transactions
 * that committed late: overlaps cost a resend, never a wrong value),
 * finds the (customer, day) pairs they touch, and RECOMPUTES each pair's value
 * from scratch (e.g. all complaints of that customer filed that day). Marketing
 * upserts by (customer, indicator, day), so a value sent twice or by two
 * instances at once is the same value: nothing is double counted, and a run
 * that fails half-way is simply repeated. The watermark moves only after
 * marketing accepted everything, by compare-and-set. This gives the guarantee
 * of a transactional outbox (no change is lost, none is applied twice) without
 * touching every write path. Days are UTC days.
 */
export interface IndicatorObservation {
  customerId: string;
  code: 'COMPLAINT_COUNT' | 'ORDER_VALUE' | 'SATISFACTION_SCORE';
  value: number;
  asOf: Date;
}
export interface CustomerSegment {
  customerId: string;
  segmentId: string;
  /** The customer's version: marketing ignores a segment older than the one its events already applied. */
  version: number;
}
/** Where observations go: marketing's mutations (see jobs/publish-indicators.ts), or a test's collector. */
export interface IndicatorSink {
  indicators(observations: IndicatorObservation[]): Promise<void>;
  segments(customers: CustomerSegment[]): Promise<void>;
}
export interface PublicationResult {
  from: string;
  until: string;
  observations: number;
  customers: number;
  advanced: boolean;
}

const WATERMARK = 'marketing-indicators';
const DAY = 86_400_000;
/** Marketing accepts at most 1000 per call. */
const CHUNK = 1000;
const dayOf = (d: Date) => new Date(Math.floor(new Date(d).getTime() / DAY) * DAY);
const IN_CHUNK = 500;

export class IndicatorPublisher {
  constructor(
    private readonly ds: DataSource,
    private readonly sink: IndicatorSink,
    private readonly clock: Clock = systemClock,
    /** Re-read this much before the watermark: rows of transactions that committed after a run began. */
    private readonly lookBackMs = 10 * 60_000,
  ) {}

  async run(): Promise<PublicationResult> {
    const repo = this.ds.getRepository(PublicationWatermark);
    const mark = await repo.findOneBy({ name: WATERMARK });
    const until = this.clock();
    const from = mark ? new Date(mark.publishedUntil.getTime() - this.lookBackMs) : new Date(0);

    const observations = [...(await this.complaintCounts(from, until)), ...(await this.orderValues(from, until)), ...(await this.satisfaction(from, until))];
    const customers = await this.segments(from, until);
    for (let i = 0; i < customers.length; i += CHUNK) await this.sink.segments(customers.slice(i, i + CHUNK));
    for (let i = 0; i < observations.length; i += CHUNK) await this.sink.indicators(observations.slice(i, i + CHUNK));

    let advanced: boolean;
    if (!mark) {
      advanced = await repo
        .insert({ name: WATERMARK, publishedUntil: until, version: 1 })
        .then(() => true)
        .catch(() => false); // another instance created it first: its run covered the same rows
    } else {
      const r = await repo
        .createQueryBuilder()
        .update()
        .set({ publishedUntil: until, version: mark.version + 1 })
        .where('name = :n AND version = :v', { n: WATERMARK, v: mark.version })
        .execute();
      advanced = !!r.affected;
    }
    return { from: from.toISOString(), until: until.toISOString(), observations: observations.length, customers: customers.length, advanced };
  }

  /** (customer, day) pairs touched by rows of `table` changed in the window, by the row's own date column. */
  private async touched(table: string, dateColumn: string, from: Date, until: Date): Promise<Map<string, Set<number>>> {
    const rows: { customer_id: string; d: Date | string }[] = await this.ds
      .createQueryBuilder()
      .select('t.customer_id', 'customer_id')
      .addSelect(`t.${dateColumn}`, 'd')
      .from(table, 't')
      .where('t.updated_at >= :from AND t.updated_at <= :until', { from, until })
      .getRawMany();
    const out = new Map<string, Set<number>>();
    for (const r of rows) {
      const days = out.get(r.customer_id) ?? new Set<number>();
      days.add(dayOf(toDate(r.d)).getTime());
      out.set(r.customer_id, days);
    }
    return out;
  }

  /** All rows of the touched customers on the touched days, bucketed per (customer, day). */
  private async recompute<T>(
    table: string,
    dateColumn: string,
    touched: Map<string, Set<number>>,
    select: string[],
    extraWhere: string | null,
    fold: (rows: Record<string, unknown>[]) => T | null,
  ): Promise<{ customerId: string; day: Date; value: T }[]> {
    const out: { customerId: string; day: Date; value: T }[] = [];
    const ids = [...touched.keys()];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const chunk = ids.slice(i, i + IN_CHUNK);
      const days = chunk.flatMap((id) => [...touched.get(id)!]);
      const qb = this.ds
        .createQueryBuilder()
        .select('t.customer_id', 'customer_id')
        .addSelect(`t.${dateColumn}`, 'd')
        .from(table, 't')
        .where('t.customer_id IN (:...ids)', { ids: chunk })
        .andWhere(`t.${dateColumn} >= :lo AND t.${dateColumn} < :hi`, { lo: new Date(Math.min(...days)), hi: new Date(Math.max(...days) + DAY) });
      for (const s of select) qb.addSelect(`t.${s}`, s);
      if (extraWhere) qb.andWhere(extraWhere);
      const rows: Record<string, unknown>[] = await qb.getRawMany();
      const buckets = new Map<string, Record<string, unknown>[]>();
      for (const r of rows) {
        const key = `${String(r.customer_id)}|${dayOf(toDate(r.d as Date | string)).getTime()}`;
        (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(r);
      }
      for (const id of chunk) {
        for (const day of touched.get(id)!) {
          const value = fold(buckets.get(`${id}|${day}`) ?? []);
          if (value !== null) out.push({ customerId: id, day: new Date(day), value });
        }
      }
    }
    return out;
  }

  private async complaintCounts(from: Date, until: Date): Promise<IndicatorObservation[]> {
    // Per day the customer complained (received_at, CS-R03), not the day it was registered.
    const touched = await this.touched('complaint', 'received_at', from, until);
    const counts = await this.recompute('complaint', 'received_at', touched, [], null, (rows) => rows.length);
    return counts.map((c) => ({ customerId: c.customerId, code: 'COMPLAINT_COUNT', value: c.value, asOf: c.day }));
  }

  private async orderValues(from: Date, until: Date): Promise<IndicatorObservation[]> {
    const touched = await this.touched('sales_order', 'signed_at', from, until);
    const sums = await this.recompute(
      'sales_order',
      'signed_at',
      touched,
      ['amount'],
      "t.status <> 'CANCELLED'",
      (rows) => Math.round(rows.reduce((s, r) => s + Number(r.amount), 0) * 100) / 100,
    );
    return sums.map((s) => ({ customerId: s.customerId, code: 'ORDER_VALUE', value: s.value, asOf: s.day }));
  }

  /** The latest revisit score of the day (revisits hang off a customer's revisit plan). */
  private async satisfaction(from: Date, until: Date): Promise<IndicatorObservation[]> {
    const rows: { customer_id: string; visited_at: Date | string; satisfaction: number }[] = await this.ds
      .createQueryBuilder()
      .select('p.customer_id', 'customer_id')
      .addSelect('r.visited_at', 'visited_at')
      .addSelect('r.satisfaction', 'satisfaction')
      .from('customer_revisit', 'r')
      .innerJoin('revisit_plan', 'p', 'p.id = r.plan_id')
      .where('r.visited_at >= :from AND r.visited_at <= :until', { from, until })
      .getRawMany();
    const latest = new Map<string, { at: number; score: number; customerId: string; day: Date }>();
    for (const r of rows) {
      const at = toDate(r.visited_at);
      const key = `${r.customer_id}|${dayOf(at).getTime()}`;
      const seen = latest.get(key);
      if (!seen || seen.at < at.getTime()) latest.set(key, { at: at.getTime(), score: Number(r.satisfaction), customerId: r.customer_id, day: dayOf(at) });
    }
    return [...latest.values()].map((l) => ({ customerId: l.customerId, code: 'SATISFACTION_SCORE', value: l.score, asOf: l.day }));
  }

  /** Customers created or changed (a cross-segment allocation moves the segment) in the window. */
  private async segments(from: Date, until: Date): Promise<CustomerSegment[]> {
    const rows: { id: string; segment_id: string; version: number | string }[] = await this.ds
      .createQueryBuilder()
      .select('c.id', 'id')
      .addSelect('c.segment_id', 'segment_id')
      .addSelect('c.version', 'version')
      .from('customer', 'c')
      .where('c.updated_at >= :from AND c.updated_at <= :until', { from, until })
      .getRawMany();
    return rows.map((r) => ({ customerId: r.id, segmentId: r.segment_id, version: Number(r.version) }));
  }
}

/** SQLite returns datetimes as UTC strings without a zone. */
function toDate(v: Date | string): Date {
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
}
