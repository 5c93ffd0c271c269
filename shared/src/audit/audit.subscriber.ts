import type {
  EntityManager,
  EntityMetadata,
  EntitySubscriberInterface,
  InsertEvent,
  ObjectLiteral,
  QueryRunner,
  RemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';
import { EventSubscriber } from 'typeorm';
import { newId } from '../ids';
import { AuditChange, AuditEntry } from './audit.entity';
import { auditJson, currentAuditScope } from './audit-scope';

type Action = 'INSERT' | 'UPDATE' | 'DELETE';

/** The event outbox and consumer bookkeeping (events/outbox.ts): each event restates a change the log already has. */
const UNAUDITED = new Set(['outbox_event', 'event_applied', 'event_cursor']);

/** Changes of the open transaction, written just before it commits (one multi-row INSERT). */
const pending = new WeakMap<QueryRunner, AuditChange[]>();

/** Column values only (no relations), keyed by property name. */
function snapshot(metadata: EntityMetadata, row: ObjectLiteral | undefined): Record<string, unknown> | undefined {
  if (!row) return undefined;
  const out: Record<string, unknown> = {};
  for (const c of metadata.columns) {
    const v = c.getEntityValue(row);
    if (v !== undefined) out[c.propertyName] = v;
  }
  return out;
}

function idOf(metadata: EntityMetadata, row: ObjectLiteral | undefined): string | null {
  if (!row) return null;
  const parts = metadata.primaryColumns.map((c) => c.getEntityValue(row));
  return parts.every((p) => p === undefined || p === null) ? null : parts.map(String).join(':');
}

/**
 * Records every entity row a request inserts, updates or removes through
 * TypeORM (entity events), in the same transaction as the change.
 * `updateWithVersion` records its own (it knows the row's id and the row
 * before); query-builder updates elsewhere are recorded with their values
 * but without an id (TypeORM does not pass the WHERE to subscribers), and
 * query-builder deletes are not seen: services delete through repositories.
 */
@EventSubscriber()
export class AuditSubscriber implements EntitySubscriberInterface {
  afterInsert(event: InsertEvent<ObjectLiteral>) {
    return this.record(event.queryRunner, event.metadata, 'INSERT', idOf(event.metadata, event.entity), undefined, event.entity);
  }

  afterUpdate(event: UpdateEvent<ObjectLiteral>) {
    const after = event.entity;
    return this.record(event.queryRunner, event.metadata, 'UPDATE', idOf(event.metadata, after) ?? idOf(event.metadata, event.databaseEntity), event.databaseEntity, after);
  }

  afterRemove(event: RemoveEvent<ObjectLiteral>) {
    const before = event.databaseEntity ?? event.entity;
    return this.record(event.queryRunner, event.metadata, 'DELETE', idOf(event.metadata, before) ?? (event.entityId ? String(event.entityId) : null), before, undefined);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent) {
    const rows = pending.get(event.queryRunner);
    pending.delete(event.queryRunner);
    if (rows?.length) await writeChanges(event.queryRunner.manager, rows);
  }

  afterTransactionRollback(event: TransactionRollbackEvent) {
    pending.delete(event.queryRunner);
  }

  private async record(qr: QueryRunner, metadata: EntityMetadata, action: Action, entityId: string | null, before?: ObjectLiteral, after?: ObjectLiteral) {
    const scope = currentAuditScope();
    if (!scope || metadata.target === AuditChange || metadata.target === AuditEntry || UNAUDITED.has(metadata.tableName)) return;
    await recordChange(qr.manager, scope, { entity: metadata.tableName, entityId, action, before: snapshot(metadata, before), after: snapshot(metadata, after) });
  }
}

export interface ChangeRecord {
  entity: string;
  entityId: string | null;
  action: Action;
  before?: unknown;
  after?: unknown;
}

/** Queues a change in the open transaction, or writes it at once outside one. */
export async function recordChange(m: EntityManager, scope: NonNullable<ReturnType<typeof currentAuditScope>>, change: ChangeRecord): Promise<void> {
  const row = Object.assign(new AuditChange(), {
    id: newId(),
    at: new Date(),
    requestId: scope.requestId,
    accountId: scope.viewer?.accountId ?? null,
    entity: change.entity,
    entityId: change.entityId,
    action: change.action,
    before: auditJson(change.before),
    after: auditJson(change.after),
  });
  const qr = m.queryRunner;
  if (qr?.isTransactionActive) {
    const list = pending.get(qr) ?? [];
    list.push(row);
    pending.set(qr, list);
  } else {
    await writeChanges(m, [row]);
  }
}

async function writeChanges(m: EntityManager, rows: AuditChange[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await m
      .createQueryBuilder()
      .insert()
      .into(AuditChange)
      .values(rows.slice(i, i + 500))
      .callListeners(false)
      .execute();
  }
}
