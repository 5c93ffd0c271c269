import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { DEMO_SEGMENTS, migrate, Role, Viewer, csvLine, runImport, type ImportOptions, type RowError } from '@group/shared';
import { createTestDatabase, TestDatabase, testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, type CsTestApp } from '../testing/harness';
import { createCustomerServiceDataSource } from '../database/data-source';
import { Customer } from '../customers/customer.entity';
import { customerImportSpec, importedCustomerId } from './customer-import';
import { CustomerImportService } from './customer-import.service';

const seg = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!;
const RESI = seg('RESI');
const COMM = seg('COMM');
const viewer = (role: Role, segmentIds: string[]): Viewer => ({ accountId: `acc-${role}`, employeeId: null, role, segmentIds });
const staffResi = viewer(Role.BUSINESS_STAFF, [RESI.id]);
const headResi = viewer(Role.SEGMENT_HEAD, [RESI.id]);

const HEADER = ['ref', 'name', 'kind', 'segment', 'owner'];
/** n valid rows: refs C1..Cn, alternating segments RESI/COMM. */
const goodRows = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => [`C${from + i}`, `客户 ${from + i}`, i % 2 ? 'ORGANIZATION' : 'INDIVIDUAL', i % 2 ? 'COMM' : 'resi', '']);
const csv = (rows: string[][]) => csvLine(HEADER) + rows.map(csvLine).join('');
const records = (rows: string[][]) => () => [HEADER, ...rows];

describe.each(testDatabaseKinds())('customer import (issue #10) on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  const count = () => ds.getRepository(Customer).count();
  const run = (rows: string[][], o: Partial<ImportOptions> = {}) => runImport(ds, customerImportSpec(), records(rows), { mode: 'all', batchSize: 1000, ...o });

  beforeAll(async () => {
    db = await createTestDatabase(kind, 'cs_import');
    ds = createCustomerServiceDataSource(db.config).dataSource;
    await ds.initialize();
    await migrate(ds, 'customer-service-migrations');
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });
  beforeEach(async () => {
    await ds.getRepository(Customer).clear();
  });

  it('imports every valid row, in multi-row batches, with ids derived from the natural key', async () => {
    const r = await run(goodRows(2500), { batchSize: 1000 });
    expect(r).toMatchObject({ rows: 2500, inserted: 2500, failed: 0, errorCount: 0 });
    expect(await count()).toBe(2500);
    const c = await ds.getRepository(Customer).findOneByOrFail({ id: importedCustomerId(COMM.id, 'C2') });
    expect(c).toMatchObject({ name: '客户 2', kind: 'ORGANIZATION', segmentId: COMM.id, ownerId: null, version: 1 });
  });

  it('all-or-nothing: reports every invalid row with its row number, column and code, and writes nothing', async () => {
    const rows = goodRows(10);
    rows[1][2] = 'COMPANY'; // row 2: bad enum
    rows[4][3] = 'MOON'; // row 5: unknown segment
    rows[6][0] = 'C1'; // row 7: same natural key (C1, RESI) as row 1
    rows[6][3] = 'RESI';
    rows[8][1] = ''; // row 9: required
    rows[9][4] = 'not-an-id'; // row 10: owner must be an id
    const errors: RowError[] = [];
    const r = await run(rows, { onError: (e) => errors.push(e) });
    expect(r.inserted).toBe(0);
    expect(r.failed).toBe(5);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'kind', 'INVALID_ENUM'],
      [5, 'segment', 'UNKNOWN_SEGMENT'],
      [7, '', 'DUPLICATE_IN_FILE'],
      [9, 'name', 'REQUIRED'],
      [10, 'owner', 'INVALID_ID'],
    ]);
    expect(errors[2].message).toContain('row 1');
    expect(await count()).toBe(0);
  });

  it('refuses a file whose header lacks a required column or has an unknown one, before reading rows', async () => {
    const r = await runImport(
      ds,
      customerImportSpec(),
      () => [
        ['ref', 'name', 'segment', 'colour'],
        ['C1', 'A', 'RESI', 'red'],
      ],
      { mode: 'batch', batchSize: 10 },
    );
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [0, 'colour', 'UNKNOWN_COLUMN'],
      [0, 'kind', 'MISSING_COLUMN'],
    ]);
    expect(r.inserted).toBe(0);
    expect(await count()).toBe(0);
  });

  it('per-batch mode commits the valid rows of every batch and reports the bad rows', async () => {
    const rows = goodRows(7);
    rows[3][2] = ''; // row 4, in the second batch of 3
    const commits: number[] = [];
    const r = await run(rows, { mode: 'batch', batchSize: 3, onCommit: (c) => void commits.push(c.lastRow) });
    expect(r).toMatchObject({ rows: 7, inserted: 6, failed: 1, lastRow: 7 });
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([[4, 'kind', 'REQUIRED']]);
    expect(commits).toEqual([3, 7]);
    expect(await count()).toBe(6);
  });

  it('a re-run never duplicates: rows already in the database are refused as DUPLICATE_IN_DATABASE', async () => {
    await run(goodRows(5));
    const again = await run(goodRows(6), { mode: 'batch', batchSize: 2 });
    expect(again.inserted).toBe(1); // only C6 is new
    expect(again.errors.map((e) => [e.row, e.code])).toEqual([1, 2, 3, 4, 5].map((n) => [n, 'DUPLICATE_IN_DATABASE']));
    expect(await count()).toBe(6);
    const all = await run(goodRows(6));
    expect(all.inserted).toBe(0);
    expect(await count()).toBe(6);
  });

  it('resume after an interrupted run continues after the checkpoint and does not duplicate', async () => {
    const rows = goodRows(1000);
    const ac = new AbortController();
    let checkpoint = 0;
    const first = await run(rows, {
      mode: 'batch',
      batchSize: 100,
      signal: ac.signal,
      onCommit: (c) => {
        checkpoint = c.lastRow;
        if (c.lastRow >= 300) ac.abort(); // Ctrl-C after the third batch
      },
    });
    expect(first).toMatchObject({ interrupted: true, inserted: 300, lastRow: 300 });
    expect(checkpoint).toBe(300);
    expect(await count()).toBe(300);

    const resumed = await run(rows, { mode: 'batch', batchSize: 100, skipThrough: checkpoint });
    expect(resumed).toMatchObject({ skipped: 300, rows: 700, inserted: 700, errorCount: 0 });
    expect(await count()).toBe(1000);

    // A crash between a commit and the checkpoint write: the replayed rows are refused, never duplicated.
    const replay = await run(rows, { mode: 'batch', batchSize: 100, skipThrough: 900 });
    expect(replay).toMatchObject({ inserted: 0, failed: 100 });
    expect(await count()).toBe(1000);
  });

  describe('the importCustomers mutation', () => {
    const service = () => new CustomerImportService(ds);

    it('CS-R35 a segment user imports only into their own segment: other segments are SEGMENT_FORBIDDEN and nothing is written', async () => {
      const rows = [
        ['R1', 'A', 'INDIVIDUAL', 'RESI', ''],
        ['R2', 'B', 'INDIVIDUAL', 'COMM', ''],
      ];
      const r = await service().importCustomers(staffResi, csv(rows), null);
      expect(r).toMatchObject({ inserted: 0, failed: 1, committed: false });
      expect(r.errors).toEqual([{ row: 2, column: 'segment', code: 'SEGMENT_FORBIDDEN', message: expect.any(String) }]);
      expect(await count()).toBe(0);
      const ok = await service().importCustomers(headResi, csv([rows[0]]), null);
      expect(ok).toMatchObject({ inserted: 1, committed: true, errors: [] });
      expect(await ds.getRepository(Customer).findOneByOrFail({ id: importedCustomerId(RESI.id, 'R1') })).toMatchObject({ segmentId: RESI.id });
    });

    it.each([Role.GROUP_EXECUTIVE, Role.SEGMENT_ADMIN, Role.SYSTEM_ADMIN])('CS-R37 %s may not import customers (FORBIDDEN ROLE_FORBIDDEN)', async (role) => {
      await expect(service().importCustomers(viewer(role, [RESI.id]), csv(goodRows(1)), null)).rejects.toMatchObject({ kind: 'FORBIDDEN', code: 'ROLE_FORBIDDEN' });
      expect(await count()).toBe(0);
    });

    it('refuses files over the size limit and text that is not CSV, before writing', async () => {
      const big = csv(Array.from({ length: 5001 }, (_, i) => [`X${i}`, 'n', 'INDIVIDUAL', 'RESI', '']));
      await expect(service().importCustomers(staffResi, big, null)).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE' });
      await expect(service().importCustomers(staffResi, 'ref,name\n"unterminated', null)).rejects.toMatchObject({ code: 'CSV_SYNTAX' });
      expect(await count()).toBe(0);
    });
  });
});

describe.each(testDatabaseKinds())('importCustomers through GraphQL on %s', (kind) => {
  let cs: CsTestApp;
  const MUTATION = `mutation ($csv: String!, $mode: BulkImportMode) { importCustomers(csv: $csv, mode: $mode) { mode rows inserted failed committed errors { row column code message } } }`;

  beforeAll(async () => {
    cs = await startCustomerService(kind, { label: 'cs_import_gql' });
  });
  afterAll(() => cs?.stop());

  it('returns counts and row errors; anonymous callers are refused', async () => {
    const body = csv([
      ['G1', 'A', 'INDIVIDUAL', 'RESI', ''],
      ['G2', 'B', 'PERSON', 'RESI', ''],
      ['G3', 'C', 'ORGANIZATION', 'RESI', ''],
    ]);
    const r = await cs.exec(staffResi, MUTATION, { csv: body, mode: 'PER_BATCH' });
    expect(r.errors).toBeUndefined();
    expect(r.data.importCustomers).toMatchObject({
      mode: 'PER_BATCH',
      rows: 3,
      inserted: 2,
      failed: 1,
      committed: true,
      errors: [{ row: 2, column: 'kind', code: 'INVALID_ENUM' }],
    });
    const anon = await cs.exec(null, MUTATION, { csv: body });
    expect(anon.data?.importCustomers).toBeFalsy();
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await cs.app.dataSource.getRepository(Customer).count()).toBe(2);
  });

  it('CS-R37 of the five independent roles only segment heads and business staff import records (customers, leads, complaints); the others get FORBIDDEN ROLE_FORBIDDEN before anything is read', async () => {
    const files: Record<string, string> = {
      importCustomers: csv(goodRows(1)),
      importLeads: 'ref,name,source,segment\nCS-R37-L,线索,REFERRAL,RESI\n',
      importComplaints: `ref,customer,title,description,channel,severity,phase,received_at\nCS-R37-C,no-such-customer,t,d,HOTLINE,GENERAL,AFTER_SALE,${new Date().toISOString()}\n`,
    };
    const outcome: Record<string, string> = {};
    for (const role of [Role.GROUP_EXECUTIVE, Role.SEGMENT_HEAD, Role.BUSINESS_STAFF, Role.SEGMENT_ADMIN, Role.SYSTEM_ADMIN]) {
      for (const [mutation, file] of Object.entries(files)) {
        const r = await cs.exec(
          viewer(role, role === Role.GROUP_EXECUTIVE || role === Role.SYSTEM_ADMIN ? [] : [RESI.id]),
          `mutation ($csv: String!) { ${mutation}(csv: $csv) { inserted } }`,
          { csv: file },
        );
        outcome[`${role} ${mutation}`] = r.errors?.length ? r.errors[0].extensions?.reason : 'ALLOWED';
      }
    }
    const refused = Object.entries(outcome).filter(([, o]) => o !== 'ALLOWED');
    expect(Object.fromEntries(refused)).toEqual(
      Object.fromEntries([Role.GROUP_EXECUTIVE, Role.SEGMENT_ADMIN, Role.SYSTEM_ADMIN].flatMap((role) => Object.keys(files).map((m) => [`${role} ${m}`, 'ROLE_FORBIDDEN']))),
    );
  });
});
