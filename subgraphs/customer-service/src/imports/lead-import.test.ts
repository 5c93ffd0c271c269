import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { DEMO_SEGMENTS, demoSegmentPersonId, demoStaffEmployeeId, migrate, Role, Viewer, csvLine, runImport } from '@group/shared';
import { seedDemoRoster } from '../roster/employee-roster';
import { createTestDatabase, testDatabaseKinds, TestDatabase } from '@group/shared/testing';
import { createCustomerServiceDataSource } from '../database/data-source';
import { Lead } from '../leads/lead.entity';
import { Customer } from '../customers/customer.entity';
import { CodeSequence } from '../database/code-sequence.entity';
import { importedLeadId, leadImportSpec } from './lead-import';
import { customerImportSpec, importedCustomerId } from './customer-import';
import { CustomerImportService } from './customer-import.service';

const seg = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!;
const RESI = seg('RESI');
const COMM = seg('COMM');
// Demo employees of RESI (on the employee roster the seed fills).
const EMP_A = demoSegmentPersonId('RESI', 'staff');
const EMP_B = demoStaffEmployeeId('JARE', 'SALES', 2);
const viewer = (role: Role, employeeId: string | null = EMP_A): Viewer => ({ accountId: `acc-${role}`, employeeId, role, segmentIds: [RESI.id] });

const HEADER = ['ref', 'name', 'source', 'segment', 'owner', 'customer', 'description', 'company_name', 'contact_name', 'contact_phone'];
const row = (ref: string, o: Partial<Record<(typeof HEADER)[number], string>> = {}) =>
  HEADER.map((h) => o[h] ?? { ref, name: `线索 ${ref}`, source: 'REFERRAL', segment: 'RESI' }[h] ?? '');
const csv = (rows: string[][]) => csvLine(HEADER) + rows.map(csvLine).join('');

describe.each(testDatabaseKinds())('lead import (issue #10) on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  const leads = () => ds.getRepository(Lead);
  const run = (rows: string[][], mode: 'all' | 'batch' = 'all') => runImport(ds, leadImportSpec(), () => [HEADER, ...rows], { mode, batchSize: 20 });

  beforeAll(async () => {
    db = await createTestDatabase(kind, 'cs_lead_import');
    ds = createCustomerServiceDataSource(db.config).dataSource;
    await ds.initialize();
    await migrate(ds, 'customer-service-migrations');
    // Owners must be on the employee roster: organization's demo employees.
    await ds.transaction((m) => seedDemoRoster(m));
    // Two customers to link leads to.
    await runImport(
      ds,
      customerImportSpec(),
      () => [
        ['ref', 'name', 'kind', 'segment'],
        ['K1', 'A', 'INDIVIDUAL', 'RESI'],
        ['K2', 'B', 'INDIVIDUAL', 'COMM'],
      ],
      { mode: 'all', batchSize: 10 },
    );
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });
  beforeEach(async () => {
    await leads().clear();
  });

  it('imports NEW leads numbered from the lead sequence, in one reservation per batch', async () => {
    const before = (await ds.getRepository(CodeSequence).findOneBy({ name: 'lead' }))?.lastNumber ?? 0;
    const r = await run(
      Array.from({ length: 45 }, (_, i) => row(`L${i + 1}`, i === 0 ? { customer: importedCustomerId(RESI.id, 'K1'), contact_phone: '138 0000 0000' } : {})),
      'batch',
    );
    expect(r).toMatchObject({ rows: 45, inserted: 45, errorCount: 0 });
    const all = await leads().find({ order: { code: 'ASC' } });
    expect(all.map((l) => l.code)).toEqual(Array.from({ length: 45 }, (_, i) => `LD-${String(before + i + 1).padStart(6, '0')}`));
    expect((await ds.getRepository(CodeSequence).findOneByOrFail({ name: 'lead' })).lastNumber).toBe(before + 45);
    expect(await leads().findOneByOrFail({ id: importedLeadId(RESI.id, 'L1') })).toMatchObject({
      status: 'NEW',
      customerId: importedCustomerId(RESI.id, 'K1'),
      contactPhone: '138 0000 0000',
    });
  });

  it('CS-R35 a customer of another segment is not found; bad enums and duplicates are reported; all-or-nothing writes nothing', async () => {
    const r = await run([row('A'), row('B', { customer: importedCustomerId(COMM.id, 'K2') }), row('C', { source: 'TELEPATHY' }), row('A')]);
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'customer', 'CUSTOMER_NOT_FOUND'],
      [3, 'source', 'INVALID_ENUM'],
      [4, '', 'DUPLICATE_IN_FILE'],
    ]);
    expect(await leads().count()).toBe(0);
  });

  it('the importLeads mutation: business staff own their leads and may not name another owner; a segment head may', async () => {
    const service = new CustomerImportService(ds);
    const staff = await service.importLeads(viewer(Role.BUSINESS_STAFF), csv([row('S1'), row('S2', { owner: EMP_B })]), null);
    expect(staff.errors.map((e) => [e.row, e.code])).toEqual([[2, 'OWNER_ASSIGNMENT_FORBIDDEN']]);
    expect(await leads().count()).toBe(0);
    const ok = await service.importLeads(viewer(Role.BUSINESS_STAFF), csv([row('S1')]), null);
    expect(ok.inserted).toBe(1);
    expect((await leads().findOneByOrFail({ id: importedLeadId(RESI.id, 'S1') })).ownerId).toBe(EMP_A);
    const head = await service.importLeads(viewer(Role.SEGMENT_HEAD), csv([row('H1', { owner: EMP_B }), row('H2', { segment: 'COMM' })]), 'PER_BATCH' as never);
    expect(head).toMatchObject({ inserted: 1, errors: [{ row: 2, code: 'SEGMENT_FORBIDDEN' }] });
    expect((await leads().findOneByOrFail({ id: importedLeadId(RESI.id, 'H1') })).ownerId).toBe(EMP_B);
    await expect(service.importLeads(viewer(Role.GROUP_EXECUTIVE), csv([row('X')]), null)).rejects.toMatchObject({ code: 'ROLE_FORBIDDEN' });
    expect(await ds.getRepository(Customer).count()).toBe(2);
  });
});
