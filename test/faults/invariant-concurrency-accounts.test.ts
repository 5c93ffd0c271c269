import type { DataSource } from 'typeorm';
import { DEMO_SEGMENTS, demoStaffEmployeeId, hashPassword, openDatabase, Role } from '@group/shared';
import { createTestDatabase, TestDatabase } from '@group/shared/testing';
import { createOrganizationDataSource } from '../../subgraphs/organization/src/database/data-source';
import { Account } from '../../subgraphs/organization/src/accounts/account.entity';
import { BootstrapRefused, insertFirstAdmin } from '../../subgraphs/organization/src/accounts/bootstrap-admin';
import { startTestGraph, TestGraph } from '../support/graph';
import { report } from '../support/processes';

/**
 * Issue 17.1, accounts: "one pending account-change request per person" (WF-CRM-1, CS-R30) under
 * 20 concurrent submissions on MariaDB (where writes run concurrently; SQLite runs them one at a
 * time). Exactly one request is accepted, every other is refused with CONFLICT /
 * ACCOUNT_CHANGE_PENDING: no 500s, no other outcomes. Through the gateway, on the demo data.
 */
const N = 20;
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!.id;
const SUBMIT = `mutation($i: SubmitAccountChangeInput!) { submitAccountChange(input: $i) { id state } }`;

describe('one pending account change per person under 20 concurrent submissions on MariaDB', () => {
  let g: TestGraph;
  let admin: string;
  let executive: string;
  beforeAll(async () => {
    g = await startTestGraph('mariadb');
    admin = await g.login('admin.resi@example.com');
    executive = await g.login('executive@example.com');
  }, 120_000);
  afterAll(() => g?.stop());

  it('CS-R30: 20 concurrent OPEN requests for one employee: exactly 1 accepted, 19 refused (ACCOUNT_CHANGE_PENDING)', async () => {
    const employeeId = demoStaffEmployeeId('JARE', 'MKT', 2);
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        g.request(SUBMIT, {
          token: admin,
          variables: { i: { kind: 'OPEN', employeeId, oaReference: `OA-XXGL-C${i}`, reason: '新入职', requestedRole: 'BUSINESS_STAFF', requestedSegmentIds: [RESI] } },
        }),
      ),
    );
    const accepted = results.filter((r) => r.body.data?.submitAccountChange && !r.body.errors);
    const refused = results.filter(
      (r) =>
        r.status === 200 && r.body.errors?.length === 1 && r.body.errors[0].extensions?.code === 'CONFLICT' && r.body.errors[0].extensions?.reason === 'ACCOUNT_CHANGE_PENDING',
    );
    const other = results
      .filter((r) => !accepted.includes(r) && !refused.includes(r))
      .map((r) => `${r.status} ${r.body.errors?.map((e: any) => `${e.extensions?.code}/${e.extensions?.reason ?? e.message}`).join(', ')}`);
    const stored = await g.request('query($f: AccountChangeRequestFilter) { accountChangeRequests(first: 50, filter: $f) { totalCount } }', {
      token: executive,
      variables: { f: { employeeId } },
    });
    const rows = stored.body.data.accountChangeRequests.totalCount;
    report(`one pending account change per person: ${N} concurrent submissions`, {
      accepted: `${accepted.length} of 1`,
      'refused ACCOUNT_CHANGE_PENDING': refused.length,
      'other outcomes': other.length ? other.join('; ') : 0,
      'requests stored': rows,
    });
    expect({ accepted: accepted.length, refused: refused.length, other, rows }).toEqual({ accepted: 1, refused: N - 1, other: [], rows: 1 });
  }, 120_000);
});

describe('the first SYSTEM_ADMIN under 20 concurrent bootstrap-admin runs on MariaDB', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase('mariadb', 'org_bootstrap_race');
    ({ dataSource: ds } = await openDatabase('organization', { database: db.config, migrateOnStart: true }, createOrganizationDataSource));
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('20 concurrent runs with different emails on an empty database: exactly 1 SYSTEM_ADMIN, 19 refused', async () => {
    // Hashed once up front: the race is between the check ("no SYSTEM_ADMIN yet") and the insert.
    const hash = await hashPassword('Blue-Harbour-42');
    const outcomes = await Promise.allSettled(Array.from({ length: N }, (_, i) => insertFirstAdmin(ds, `admin${i}@corp.example`, hash)));
    const created = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof BootstrapRefused && /already exists/.test(o.reason.message));
    const other = outcomes.filter((o) => o.status === 'rejected' && !refused.includes(o)).map((o) => String((o as PromiseRejectedResult).reason));
    const admins = await ds.getRepository(Account).countBy({ role: Role.SYSTEM_ADMIN });
    report(`first SYSTEM_ADMIN: ${N} concurrent bootstrap-admin runs`, {
      created: `${created.length} of 1`,
      refused: refused.length,
      'other outcomes': other.length ? other.join('; ') : 0,
      'SYSTEM_ADMIN rows': admins,
    });
    expect({ created: created.length, refused: refused.length, other, admins }).toEqual({ created: 1, refused: N - 1, other: [], admins: 1 });
  }, 120_000);
});
