import { In, type EntityManager } from 'typeorm';
import { newId, Role, type Viewer, chunks, insertRows, type ImportSpec, type ParsedRow, type RowReader } from '@group/shared';
import { TagAssignment, TagAssignmentHistory, TagRemovalReason, TagSource } from '../tag-assignments/tag-assignment.entity';
import { CustomerProfile } from '../customer-profiles/customer-profile.entity';
import { Tag, TagKind } from '../tags/tag.entity';
import { level1CategoryOf } from '../tag-categories/level1';
import { lockAll, trackCustomers } from '../tag-assignments/tag-coverage-summary';

export interface TagAssignmentRow {
  customerId: string;
  tagCode: string;
  evidence: string | null;
  expiresAt: Date | null;
  // Filled by the database check:
  tagId?: string;
  segmentId?: string;
  categoryL1Id?: string | null;
  /** An expired assignment of the same tag, archived (reason EXPIRED) before the new one is written, as assignTag does. */
  expiredId?: string;
}

/** Same writers as assignTag: segment heads and business staff, for customers of their own segments (domain.md §3.1.2, §3.1.3 rule 6). */
const WRITERS = new Set<Role>([Role.SEGMENT_HEAD, Role.BUSINESS_STAFF]);
export const canImportTagAssignments = (viewer: Viewer) => WRITERS.has(viewer.role);

/**
 * tag-assignments.csv: customer (id), tag (code), evidence, expires_at.
 * Natural key (customer, tag), also a unique index. The checks are assignTag's,
 * set-based per batch: the customer is known to marketing (customer_profile)
 * and, with a viewer, in one of its segments (else CUSTOMER_NOT_FOUND, so other
 * segments' customers do not leak); the tag exists (UNKNOWN_TAG), is MANUAL
 * (RULE_TAG_NOT_MANUAL) and valid now (TAG_NOT_VALID); the customer does not
 * already have it (DUPLICATE_IN_DATABASE). Written with source IMPORT.
 */
export function tagAssignmentImportSpec(opts: { viewer?: Viewer; now?: () => Date } = {}): ImportSpec<TagAssignmentRow> {
  const now = () => new Date(Math.floor((opts.now?.() ?? new Date()).getTime() / 1000) * 1000);
  const level1 = new Map<string, string | null>(); // category id -> level-1 category id, cached for the run
  const spec: ImportSpec<TagAssignmentRow> = {
    kind: 'tag-assignments',
    columns: [
      { name: 'customer', required: true, description: 'Customer id' },
      { name: 'tag', required: true, description: 'Tag code, e.g. WON_BACK (MANUAL tags only)' },
      { name: 'evidence', required: false, description: 'Why the tag applies (≤ 500 characters)' },
      { name: 'expires_at', required: false, description: 'ISO 8601 date or date-time in the future' },
    ],
    parse(r: RowReader): TagAssignmentRow | null {
      const customerId = r.id('customer', { required: true });
      const tagCode = r.text('tag', { required: true, max: 64 });
      const evidence = r.text('evidence', { max: 500 });
      const expiresAt = r.datetime('expires_at');
      if (expiresAt && expiresAt.getTime() <= now().getTime()) r.fail('expires_at', 'EXPIRES_AT_NOT_IN_FUTURE', 'expires_at must be in the future');
      if (r.errors || !customerId || !tagCode) return null;
      return { customerId, tagCode, evidence, expiresAt };
    },
    key: (a) => `${a.customerId}|${a.tagCode}`,
    async check(m: EntityManager, rows, fail) {
      const at = now();
      const customers = [...new Set(rows.map((r) => r.value.customerId))];
      const profiles = new Map<string, string>();
      for (const ids of chunks(customers)) {
        for (const p of await m.find(CustomerProfile, { select: { customerId: true, segmentId: true }, where: { customerId: In(ids) } })) profiles.set(p.customerId, p.segmentId);
      }
      const codes = [...new Set(rows.map((r) => r.value.tagCode))];
      const tags = new Map((await m.find(Tag, { where: { code: In(codes) } })).map((t) => [t.code, t]));
      for (const t of tags.values()) if (!level1.has(t.categoryId)) level1.set(t.categoryId, await level1CategoryOf(m, t.categoryId));

      const candidates: typeof rows = [];
      for (const r of rows) {
        const a = r.value;
        const segmentId = profiles.get(a.customerId);
        if (!segmentId || (opts.viewer && !opts.viewer.segmentIds.includes(segmentId))) {
          fail(r, 'customer', 'CUSTOMER_NOT_FOUND', `customer ${a.customerId} was not found`);
          continue;
        }
        const tag = tags.get(a.tagCode);
        if (!tag) fail(r, 'tag', 'UNKNOWN_TAG', `unknown tag "${a.tagCode}"`);
        else if (tag.kind === TagKind.RULE) fail(r, 'tag', 'RULE_TAG_NOT_MANUAL', `tag ${tag.code} is computed by a rule and cannot be assigned by hand`);
        else if ((tag.validFrom && at < tag.validFrom) || (tag.validTo && at >= tag.validTo)) fail(r, 'tag', 'TAG_NOT_VALID', `tag ${tag.code} is outside its validity period`);
        else {
          Object.assign(a, { tagId: tag.id, segmentId, categoryL1Id: level1.get(tag.categoryId) ?? null });
          candidates.push(r);
        }
      }
      // Already assigned? One statement per chunk of customers, then matched on (customer, tag).
      const byPair = new Map(candidates.map((r) => [`${r.value.customerId}|${r.value.tagId}`, r]));
      for (const ids of chunks([...new Set(candidates.map((r) => r.value.customerId))])) {
        const existing = await m.find(TagAssignment, {
          select: { id: true, customerId: true, tagId: true, expiresAt: true },
          where: { customerId: In(ids), tagId: In([...new Set(candidates.map((r) => r.value.tagId!))]) },
        });
        for (const e of existing) {
          const r = byPair.get(`${e.customerId}|${e.tagId}`);
          if (!r) continue;
          if (e.expiresAt === null || e.expiresAt.getTime() > at.getTime()) fail(r, 'tag', 'DUPLICATE_IN_DATABASE', `the customer already has tag ${r.value.tagCode}`);
          else r.value.expiredId = e.id;
        }
      }
    },
    // The tag coverage summary is maintained in the same transaction (its protocol: lock first, then track the customers written).
    begin: (m: EntityManager) => lockAll(m),
    insert: (m: EntityManager, rows) => trackCustomers(m, [...new Set(rows.map((r) => r.value.customerId))], null, () => write(m, rows)),
  };
  return spec;

  /** Archives expired assignments of the same tags (reason EXPIRED, as assignTag does), then inserts. */
  async function write(m: EntityManager, rows: ParsedRow<TagAssignmentRow>[]): Promise<void> {
    const at = now();
    const expired = rows.filter((r) => r.value.expiredId).map((r) => r.value.expiredId!);
    for (const ids of chunks(expired)) {
      const old = await m.find(TagAssignment, { where: { id: In(ids) } });
      await m.delete(TagAssignment, { id: In(ids) });
      await insertRows(
        m,
        TagAssignmentHistory,
        old.map((a) => ({ ...a, removedAt: at, removedBy: null, removalReason: TagRemovalReason.EXPIRED })),
      );
    }
    await insertRows(
      m,
      TagAssignment,
      rows.map(({ value: a }) => ({
        id: newId(),
        tagId: a.tagId!,
        customerId: a.customerId,
        segmentId: a.segmentId!,
        source: TagSource.IMPORT,
        assignedAt: at,
        assignedBy: opts.viewer?.accountId ?? 'import',
        evidence: a.evidence,
        expiresAt: a.expiresAt,
        ruleId: null,
        ruleVersion: null,
        categoryL1Id: a.categoryL1Id ?? null,
      })),
    );
  }
}
