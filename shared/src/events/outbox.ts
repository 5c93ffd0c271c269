import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Table, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, index } from '../database/columns';
import { newId } from '../ids';
import { CURRENT_SCHEMA_VERSION, EVENT_AGGREGATES, eventProblems, type EventActor, type EventEnvelope, type EventPayloads, type EventType, type PositionedEvent } from './contract';

/**
 * The transactional outbox of a subgraph: a change and its event(s) are
 * written in ONE transaction (`emitEvent` takes the transaction's manager), so
 * a rolled-back change leaves no event and a committed one always has its
 * event. `seq` is the insertion order; `position` is the delivery order,
 * assigned by the relay (relay.ts) once the row is committed and seen, so a
 * transaction that commits late is delivered later instead of being skipped
 * by a reader that already passed its `seq`.
 */
@Entity('outbox_event')
@Index('ix_outbox_event_position', ['position'], { unique: true })
@Index('ix_outbox_event_id', ['id'], { unique: true })
@Index('ix_outbox_event_aggregate', ['aggregateType', 'aggregateId', 'aggregateVersion'])
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ name: 'schema_version', type: 'integer' })
  schemaVersion: number;

  @Column({ name: 'aggregate_type', type: 'varchar', length: 64 })
  aggregateType: string;

  @Column({ name: 'aggregate_id', type: 'varchar', length: 36 })
  aggregateId: string;

  @Column({ name: 'aggregate_version', type: 'integer' })
  aggregateVersion: number;

  @Column({ name: 'segment_id', type: 'varchar', length: 36, nullable: true })
  segmentId: string | null;

  @Column({ name: 'occurred_at', type: 'datetime' })
  occurredAt: Date;

  @Column({ name: 'actor_account_id', type: 'varchar', length: 100, nullable: true })
  actorAccountId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole: string | null;

  @Column({ type: 'text' })
  payload: string;

  /** Delivery order (1, 2, ...), null until the relay took the row. */
  @Column({ type: 'integer', nullable: true })
  position: number | null;
}

/**
 * Consumer-side state, in the consumer's own database: the last version of
 * each aggregate a consumer applied (idempotency by (aggregate, version)),
 * written in the transaction that applies the event.
 */
@Entity('event_applied')
export class EventApplied {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  consumer: string;

  @PrimaryColumn({ name: 'aggregate_type', type: 'varchar', length: 64 })
  aggregateType: string;

  @PrimaryColumn({ name: 'aggregate_id', type: 'varchar', length: 36 })
  aggregateId: string;

  @Column({ type: 'integer' })
  version: number;
}

/** A named position: a pull consumer's cursor in a producer's feed, and the relay's last assigned position. */
@Entity('event_cursor')
export class EventCursor {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'integer' })
  position: number;
}

export class EventOutbox1765300000000 implements MigrationInterface {
  name = 'EventOutbox1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'outbox_event',
        columns: [
          col.autoId('seq'),
          col.string('id', 36),
          col.string('type', 64),
          col.int('schema_version'),
          col.string('aggregate_type', 64),
          col.string('aggregate_id', 36),
          col.int('aggregate_version'),
          col.string('segment_id', 36, true),
          col.datetime('occurred_at'),
          col.string('actor_account_id', 100, true),
          col.string('actor_role', 32, true),
          col.text('payload'),
          col.int('position', true),
        ],
        indices: [
          index('ix_outbox_event_position', ['position'], true),
          index('ix_outbox_event_id', ['id'], true),
          index('ix_outbox_event_aggregate', ['aggregate_type', 'aggregate_id', 'aggregate_version']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'event_applied',
        columns: [
          { ...col.string('consumer', 64), isPrimary: true },
          { ...col.string('aggregate_type', 64), isPrimary: true },
          { ...col.string('aggregate_id', 36), isPrimary: true },
          col.int('version'),
        ],
      }),
    );
    await q.createTable(new Table({ name: 'event_cursor', columns: [{ ...col.string('name', 64), isPrimary: true }, col.int('position')] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('event_cursor');
    await q.dropTable('event_applied');
    await q.dropTable('outbox_event');
  }
}

export interface NewEvent<T extends EventType> {
  type: T;
  aggregateId: string;
  aggregateVersion: number;
  segmentId: string | null;
  actor: EventActor | null;
  payload: EventPayloads[T];
  occurredAt?: Date;
}

/**
 * Writes an event into the outbox, in the caller's transaction (`m` must be
 * the manager of the transaction that makes the change). The payload is
 * checked against its JSON Schema: a producer bug fails the change, it never
 * ships a malformed event.
 */
export async function emitEvent<T extends EventType>(m: EntityManager, e: NewEvent<T>): Promise<EventEnvelope<T>> {
  const [envelope] = await emitEvents(m, [e]);
  return envelope;
}

/** Many events of one change (a bulk import), in multi-row INSERTs; same rules as `emitEvent`. */
export async function emitEvents<T extends EventType>(m: EntityManager, events: NewEvent<T>[]): Promise<EventEnvelope<T>[]> {
  const envelopes = events.map((e) => {
    const envelope: EventEnvelope<T> = {
      id: newId(),
      type: e.type,
      schemaVersion: CURRENT_SCHEMA_VERSION[e.type],
      source: '', // stamped by the relay that delivers it (envelopeOf)
      aggregateType: EVENT_AGGREGATES[e.type],
      aggregateId: e.aggregateId,
      aggregateVersion: e.aggregateVersion,
      segmentId: e.segmentId,
      occurredAt: new Date(Math.floor((e.occurredAt ?? new Date()).getTime() / 1000) * 1000).toISOString(),
      actor: e.actor,
      payload: e.payload,
    };
    const problems = eventProblems(envelope);
    if (problems.length) throw new Error(`event ${e.type} does not match its schema: ${problems.join('; ')}`);
    return envelope;
  });
  const rows = envelopes.map((envelope) => ({
    id: envelope.id,
    type: envelope.type,
    schemaVersion: envelope.schemaVersion,
    aggregateType: envelope.aggregateType,
    aggregateId: envelope.aggregateId,
    aggregateVersion: envelope.aggregateVersion,
    segmentId: envelope.segmentId,
    occurredAt: new Date(envelope.occurredAt),
    actorAccountId: envelope.actor?.accountId ?? null,
    actorRole: envelope.actor?.role ?? null,
    payload: JSON.stringify(envelope.payload),
    position: null,
  }));
  if (rows.length === 1) await m.insert(OutboxEvent, rows[0]);
  else
    for (let i = 0; i < rows.length; i += 1000)
      await m
        .createQueryBuilder()
        .insert()
        .into(OutboxEvent)
        .values(rows.slice(i, i + 1000))
        .updateEntity(false)
        .execute();
  return envelopes;
}

/** The actor of a change made by a viewer. */
export const actorOf = (viewer: { accountId: string; role?: string | null } | null | undefined): EventActor | null =>
  viewer ? { accountId: viewer.accountId, role: viewer.role ?? null } : null;

/** An outbox row as the envelope consumers receive. */
export function envelopeOf(row: OutboxEvent, sourceName: string): PositionedEvent {
  return {
    id: row.id,
    type: row.type as EventType,
    schemaVersion: row.schemaVersion,
    source: sourceName,
    aggregateType: row.aggregateType,
    aggregateId: row.aggregateId,
    aggregateVersion: row.aggregateVersion,
    segmentId: row.segmentId,
    occurredAt: new Date(row.occurredAt).toISOString(),
    actor: row.actorAccountId ? { accountId: row.actorAccountId, role: row.actorRole } : null,
    payload: JSON.parse(row.payload),
    position: row.position ?? 0,
  };
}
