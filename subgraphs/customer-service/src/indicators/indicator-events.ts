import { Column, Entity, PrimaryColumn, Table, type EntityManager, type MigrationInterface, type QueryRunner, type SelectQueryBuilder } from 'typeorm';
import { actorOf, col, emitEvent, lockForUpdate, type IndicatorFigure, type Viewer } from '@group/shared';
import { Customer } from '../customers/customer.entity';

/**
 * CUSTOMER INDICATORS BY EVENTS (issue 21). Every change that moves a customer's indicators (a
 * complaint filed: COMPLAINT_COUNT of its received_at day; a sales order signed or cancelled:
 * ORDER_VALUE of its signed_at day; a revisit recorded: SATISFACTION_SCORE of its day) calls
 * `customerIndicatorsChanged` in its transaction, which emits a CustomerIndicatorsChanged event with
 * the RECOMPUTED value of each touched (indicator, UTC day), computed exactly as the periodic
 * publisher computes it (indicator-publisher.ts, now the repair run). Marketing's consumer upserts
 * them by (customer, code, day), idempotently by (aggregate, version).
 *
 * The aggregate is the customer's indicators, versioned by `customer_indicator_version` (one row per
 * customer). The customer row is locked first, so the changes of one customer's indicators take
 * their versions one after another; and the figures are read with locking reads, which on MariaDB
 * see every committed row whatever the transaction's snapshot (a plain read could miss a concurrent
 * complaint committed while this transaction waited for the lock, and send a lower count with a
 * higher version). Callers lock the customer before writing the row that moves the indicator, so two
 * such transactions never hold each other's rows.
 */
@Entity('customer_indicator_version')
export class CustomerIndicatorVersion {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @Column({ type: 'integer' })
  version: number;
}

export class CustomerIndicatorVersions1765200700000 implements MigrationInterface {
  name = 'CustomerIndicatorVersions1765200700000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'customer_indicator_version', columns: [{ ...col.string('customer_id', 36), isPrimary: true }, col.int('version')] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('customer_indicator_version');
  }
}

const DAY = 86_400_000;
export const dayOf = (d: Date) => new Date(Math.floor(d.getTime() / DAY) * DAY);

export interface TouchedIndicator {
  code: IndicatorFigure['code'];
  /** Any instant of the touched UTC day. */
  at: Date;
}

/** A read that sees the latest committed rows on MariaDB (FOR SHARE); SQLite runs writers one at a time. */
function latest<T extends object>(m: EntityManager, qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return m.connection.driver.options.type === 'better-sqlite3' ? qb : qb.setLock('pessimistic_read');
}

async function figure(m: EntityManager, customerId: string, code: IndicatorFigure['code'], day: Date): Promise<number | null> {
  const range = { id: customerId, lo: day, hi: new Date(day.getTime() + DAY) };
  if (code === 'COMPLAINT_COUNT') {
    const rows = await latest(m, m.createQueryBuilder().select('t.id', 'id').from('complaint', 't'))
      .where('t.customer_id = :id AND t.received_at >= :lo AND t.received_at < :hi', range)
      .getRawMany();
    return rows.length;
  }
  if (code === 'ORDER_VALUE') {
    const rows: { amount: string | number }[] = await latest(m, m.createQueryBuilder().select('t.amount', 'amount').from('sales_order', 't'))
      .where("t.customer_id = :id AND t.signed_at >= :lo AND t.signed_at < :hi AND t.status <> 'CANCELLED'", range)
      .getRawMany();
    return Math.round(rows.reduce((s, r) => s + Number(r.amount), 0) * 100) / 100;
  }
  // The latest revisit score of the day (none: no figure, as the publisher does).
  const rows: { satisfaction: number }[] = await latest(
    m,
    m.createQueryBuilder().select('r.satisfaction', 'satisfaction').from('customer_revisit', 'r').innerJoin('revisit_plan', 'p', 'p.id = r.plan_id'),
  )
    .where('p.customer_id = :id AND r.visited_at >= :lo AND r.visited_at < :hi', range)
    .orderBy('r.visited_at', 'DESC')
    .getRawMany();
  return rows.length ? Number(rows[0].satisfaction) : null;
}

/** Emits the customer's CustomerIndicatorsChanged for the touched (indicator, day) pairs, in the caller's transaction. */
export async function customerIndicatorsChanged(m: EntityManager, viewer: Viewer | null, customerId: string, touched: TouchedIndicator[]): Promise<void> {
  const customer = await lockForUpdate(m, Customer, { id: customerId });
  if (!customer) return;
  const current = await lockForUpdate(m, CustomerIndicatorVersion, { customerId });
  const version = (current?.version ?? 0) + 1;
  if (current) await m.update(CustomerIndicatorVersion, { customerId }, { version });
  else await m.insert(CustomerIndicatorVersion, { customerId, version });
  const pairs = new Map(touched.map((t) => [`${t.code}|${dayOf(t.at).getTime()}`, { code: t.code, day: dayOf(t.at) }]));
  const observations: IndicatorFigure[] = [];
  for (const { code, day } of pairs.values()) {
    const value = await figure(m, customerId, code, day);
    if (value !== null) observations.push({ code, asOf: day.toISOString(), value });
  }
  await emitEvent(m, {
    type: 'CustomerIndicatorsChanged',
    aggregateId: customerId,
    aggregateVersion: version,
    segmentId: customer.segmentId,
    actor: actorOf(viewer),
    payload: { customerId, observations },
  });
}
