import 'reflect-metadata';
import { inTransaction, DEMO_CUSTOMER_COUNT, demoCustomerId, demoCustomerSegment, Role, Viewer, csvLine, runImport, type ImportOptions } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { DEMO_TAG_LIBRARY, demoTagCategoryId, demoTagId } from '../database/seed';
import { TagKind } from '../tags/tag.entity';
import { TagAssignment, TagAssignmentHistory, TagSource } from '../tag-assignments/tag-assignment.entity';
import { rebuildTagCoverage } from '../tag-assignments/tag-coverage-summary';
import { MarketingTestApp, startMarketing } from '../testing/harness';
import { tagAssignmentImportSpec } from './tag-assignment-import';
import { TagAssignmentImportService } from './tag-assignment-import.service';

const allTags = DEMO_TAG_LIBRARY.flatMap((c) => c.children.flatMap((s) => s.tags.map((t) => ({ ...t, level1: c.code }))));
const MANUAL = allTags.filter((t) => t.kind === TagKind.MANUAL);
const RULE_TAG = allTags.find((t) => t.kind === TagKind.RULE)!;
/** Demo customers of one segment code. */
const customersOf = (code: string) =>
  Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, n) => n)
    .filter((n) => demoCustomerSegment(n).code === code)
    .map(demoCustomerId);
const RESI_CUSTOMERS = customersOf('RESI');
const COMM_CUSTOMERS = customersOf('COMM');
const viewer = (role: Role, segmentCode: string): Viewer => ({
  accountId: `acc-${role}`,
  employeeId: null,
  role,
  segmentIds: [demoCustomerSegment(['RESI', 'COMM'].indexOf(segmentCode)).id],
});
const staffResi = viewer(Role.BUSINESS_STAFF, 'RESI');

const HEADER = ['customer', 'tag', 'evidence', 'expires_at'];
const csv = (rows: string[][]) => csvLine(HEADER) + rows.map(csvLine).join('');
/** Every (customer, manual tag) pair of the given customers: natural keys all distinct. */
const pairs = (customers: string[], tags = MANUAL.slice(0, 2)) => customers.flatMap((c) => tags.map((t) => [c, t.code, '走访确认', '']));

describe.each(testDatabaseKinds())('tag-assignment import (issue #10) on %s', (kind) => {
  let mkt: MarketingTestApp;
  const ds = () => mkt.app.dataSource;
  const count = () => ds().getRepository(TagAssignment).count();
  const run = (rows: string[][], o: Partial<ImportOptions> = {}) => runImport(ds(), tagAssignmentImportSpec(), () => [HEADER, ...rows], { mode: 'all', batchSize: 1000, ...o });

  beforeAll(async () => (mkt = await startMarketing(kind, { label: 'mkt_import' })));
  afterAll(() => mkt?.stop());
  beforeEach(async () => {
    // Start from no assignments: the demo seed's would collide with the generated pairs.
    await ds().getRepository(TagAssignment).clear();
    await ds().getRepository(TagAssignmentHistory).clear();
    await inTransaction(ds(), (m) => rebuildTagCoverage(m));
  });

  /** The tag coverage summary (kept in the import's transactions) equals a recount of tag_assignment. */
  const expectSummaryCurrent = async () => {
    const norm = (rows: any[]) => rows.map((r) => `${r.l1}|${r.s}|${Number(r.c)}|${Number(r.n)}`).sort();
    const summary = await ds().query('SELECT category_l1_id AS l1, segment_id AS s, customers AS c, assignments AS n FROM tag_coverage_summary WHERE assignments > 0');
    const recount = await ds().query(
      'SELECT category_l1_id AS l1, segment_id AS s, COUNT(DISTINCT customer_id) AS c, COUNT(*) AS n FROM tag_assignment WHERE category_l1_id IS NOT NULL GROUP BY category_l1_id, segment_id',
    );
    expect(recount.length).toBeGreaterThan(0);
    expect(norm(summary)).toEqual(norm(recount));
  };

  it('imports every valid row with source IMPORT and the level-1 category of the tag', async () => {
    const rows = pairs(RESI_CUSTOMERS.concat(COMM_CUSTOMERS), MANUAL.slice(0, 3));
    const r = await run(rows, { batchSize: 25 });
    expect(r).toMatchObject({ rows: rows.length, inserted: rows.length, failed: 0, errorCount: 0 });
    expect(await count()).toBe(rows.length);
    const tag = allTags.find((t) => t.code === rows.find((x) => x[0] === COMM_CUSTOMERS[0])![1])!;
    const one = await ds()
      .getRepository(TagAssignment)
      .findOneByOrFail({ customerId: COMM_CUSTOMERS[0], tagId: demoTagId(tag.code) });
    expect(one).toMatchObject({ source: TagSource.IMPORT, segmentId: demoCustomerSegment(1).id, categoryL1Id: demoTagCategoryId(tag.level1), assignedBy: 'import' });
    await expectSummaryCurrent();
  });

  it('MKT-R01 all-or-nothing: unknown customers and tags, rule tags, bad dates and duplicates are reported by row; nothing is written', async () => {
    const rows = pairs(RESI_CUSTOMERS.slice(0, 4));
    rows[1] = ['00000000-0000-4000-8000-000000000000', MANUAL[0].code, '', '']; // row 2: customer unknown to marketing
    rows[2] = [RESI_CUSTOMERS[1], 'NO_SUCH_TAG', '', '']; // row 3
    rows[3] = [RESI_CUSTOMERS[1], RULE_TAG.code, '', '']; // row 4: RULE tags are computed, not assigned
    rows[4] = [RESI_CUSTOMERS[2], MANUAL[0].code, '', '2020-01-01']; // row 5: expiry in the past
    rows[5] = [RESI_CUSTOMERS[2], MANUAL[1].code, '', 'tomorrow']; // row 6
    rows[6] = [...rows[0]]; // row 7: duplicate of row 1
    const r = await run(rows);
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'customer', 'CUSTOMER_NOT_FOUND'],
      [3, 'tag', 'UNKNOWN_TAG'],
      [4, 'tag', 'RULE_TAG_NOT_MANUAL'],
      [5, 'expires_at', 'EXPIRES_AT_NOT_IN_FUTURE'],
      [6, 'expires_at', 'INVALID_DATE'],
      [7, '', 'DUPLICATE_IN_FILE'],
    ]);
    expect(r).toMatchObject({ inserted: 0, failed: 6 });
    expect(await count()).toBe(0);
  });

  it('per-batch mode commits the good batches; a re-run refuses what is already assigned and adds only the new rows', async () => {
    const rows = pairs(RESI_CUSTOMERS.slice(0, 10)); // 20 rows
    rows[12] = [RESI_CUSTOMERS[0], 'NO_SUCH_TAG', '', ''];
    const r = await run(rows, { mode: 'batch', batchSize: 5 });
    expect(r).toMatchObject({ inserted: 19, failed: 1 });
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[13, 'UNKNOWN_TAG']]);
    const again = await run(pairs(RESI_CUSTOMERS.slice(0, 11)), { mode: 'batch', batchSize: 5 });
    expect(again.inserted).toBe(3); // the fixed row 13 and customer 11's two rows
    expect(again.errors.every((e) => e.code === 'DUPLICATE_IN_DATABASE')).toBe(true);
    expect(await count()).toBe(22);
    await expectSummaryCurrent();
  });

  it('an expired assignment of the same tag is archived (EXPIRED) and replaced, as assignTag does', async () => {
    const [c] = RESI_CUSTOMERS;
    await run([[c, MANUAL[0].code, 'old', '']]);
    await ds()
      .getRepository(TagAssignment)
      .update({ customerId: c }, { expiresAt: new Date(Date.now() - 3600_000) });
    const r = await run([[c, MANUAL[0].code, 'new', '']]);
    expect(r).toMatchObject({ inserted: 1, errorCount: 0 });
    expect(await ds().getRepository(TagAssignment).findOneByOrFail({ customerId: c })).toMatchObject({ evidence: 'new', expiresAt: null });
    expect(await ds().getRepository(TagAssignmentHistory).findOneByOrFail({ customerId: c })).toMatchObject({ evidence: 'old', removalReason: 'EXPIRED' });
  });

  describe('the importTagAssignments mutation', () => {
    const MUTATION = `mutation ($csv: String!, $mode: BulkImportMode) { importTagAssignments(csv: $csv, mode: $mode) { mode rows inserted failed committed errors { row column code } } }`;

    it('CS-R35 a segment user tags only customers of its own segment: others are CUSTOMER_NOT_FOUND (no leak), nothing written', async () => {
      const rows = [pairs([RESI_CUSTOMERS[0]])[0], pairs([COMM_CUSTOMERS[0]])[0]];
      const r = await mkt.exec(staffResi, MUTATION, { csv: csv(rows) });
      expect(r.errors).toBeUndefined();
      expect(r.data.importTagAssignments).toMatchObject({
        mode: 'ALL_OR_NOTHING',
        inserted: 0,
        failed: 1,
        committed: false,
        errors: [{ row: 2, column: 'customer', code: 'CUSTOMER_NOT_FOUND' }],
      });
      expect(await count()).toBe(0);
      const good = await mkt.exec(viewer(Role.SEGMENT_HEAD, 'RESI'), MUTATION, { csv: csv([rows[0]]), mode: 'PER_BATCH' });
      expect(good.data.importTagAssignments).toMatchObject({ inserted: 1, committed: true, errors: [] });
      expect((await ds().getRepository(TagAssignment).findOneByOrFail({ customerId: RESI_CUSTOMERS[0] })).assignedBy).toBe(`acc-${Role.SEGMENT_HEAD}`);
    });

    it.each([Role.GROUP_EXECUTIVE, Role.SEGMENT_ADMIN, Role.SYSTEM_ADMIN])('%s may not import tag assignments (FORBIDDEN TAG_ASSIGNMENT_FORBIDDEN)', async (role) => {
      const r = await mkt.exec(viewer(role, 'RESI'), MUTATION, { csv: csv(pairs([RESI_CUSTOMERS[0]])) });
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TAG_ASSIGNMENT_FORBIDDEN' });
      expect(await count()).toBe(0);
    });

    it('refuses anonymous callers and files over the limit', async () => {
      const anon = await mkt.exec(null, MUTATION, { csv: csv(pairs([RESI_CUSTOMERS[0]])) });
      expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      await expect(new TagAssignmentImportService(ds()).importTagAssignments(staffResi, csv(Array.from({ length: 5001 }, () => ['x', 'y', '', ''])), null)).rejects.toMatchObject({
        code: 'IMPORT_TOO_LARGE',
      });
      expect(await count()).toBe(0);
    });
  });
});
