import 'reflect-metadata';
import {
  createSubgraphApp,
  DEMO_COMPANIES,
  DEMO_SEGMENTS,
  demoDepartmentId,
  demoSegmentPersonId,
  demoStaffEmployeeId,
  loadSubgraphConfig,
  Role,
  stableId,
  SubgraphApp,
  Viewer,
  wholeSeconds,
} from '@group/shared';
import { createTestDatabase, exec, startSubgraph, TestDatabase, testDatabaseKinds, TestSubgraph } from '@group/shared/testing';
import { organizationModule } from '../../subgraphs/organization/src/module';
import { Department, DepartmentKind } from '../../subgraphs/organization/src/departments/department.entity';
import { AssignmentStatus, Position, PositionAssignment, PositionRank } from '../../subgraphs/organization/src/positions/position.entity';
import { customerServiceModule } from '../../subgraphs/customer-service/src/module';
import { createCustomerServiceServices, CustomerServiceLoaders, CustomerServiceServices } from '../../subgraphs/customer-service/src/context';
import { organizationChainOfCommand } from '../../subgraphs/customer-service/src/escalation/chain-of-command';

type Result = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };

/**
 * CS-R03 multi-level rapid response follows the organisation: a complaint goes up its responsible
 * department's chain of command (read from a real organization subgraph through `_entities`, never
 * its database), then to the company, then to the group Customer Service Center, one level per SLA
 * milestone and never two in one run; at each level the holder of the unit's head position hears.
 *
 * Organization (seeded demo) has JARE's 客服部 CS (head: its manager) → 客服热线组 CS-HOTLINE; the
 * test adds a night team under the hotline and a head of the hotline:
 *   NIGHT (responsible) → CS-HOTLINE (head HOTLINE_HEAD) → CS (head CS_HEAD) → JARE (branch staff) → centre.
 */
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const JARE = DEMO_COMPANIES.find((c) => c.code === 'JARE')!;
const NIGHT = stableId('department', 'test-JARE-CS-NIGHT');
const HOTLINE = demoDepartmentId('JARE', 'CS-HOTLINE');
const CS = demoDepartmentId('JARE', 'CS');
const HOTLINE_HEAD = demoStaffEmployeeId('JARE', 'ENG', 1);
const CS_HEAD = demoStaffEmployeeId('JARE', 'CS', 1);
const CS_STAFF = demoStaffEmployeeId('JARE', 'CS', 2); // holds a STAFF position of CS: not a first responder
const BRANCH_STAFF = demoSegmentPersonId('COMM', 'staff');
const CENTRE_STAFF = demoSegmentPersonId('RESI', 'admin');

const viewer = (role: Role, segmentIds: string[], employeeId: string | null = null): Viewer => ({
  accountId: `acc-${role}-${employeeId ?? segmentIds.join('-')}`,
  employeeId,
  role,
  segmentIds,
});
const staffResi = viewer(Role.BUSINESS_STAFF, [RESI.id], demoSegmentPersonId('RESI', 'staff'));
const headResi = viewer(Role.SEGMENT_HEAD, [RESI.id], demoSegmentPersonId('RESI', 'head'));
const executive = viewer(Role.GROUP_EXECUTIVE, []);
const person = (employeeId: string) => viewer(Role.BUSINESS_STAFF, [], employeeId);
const local = (s: string) => new Date(`${s}+08:00`);

describe.each(testDatabaseKinds())('CS-R03 escalation up the chain of command (organization through the graph) on %s', (kind) => {
  let org: TestSubgraph<unknown>;
  let db: TestDatabase;
  let app: SubgraphApp<CustomerServiceServices, CustomerServiceLoaders>;
  let nowMs = local('2026-11-09T09:00:00').getTime(); // a Monday
  const setNow = (s: string) => (nowMs = local(s).getTime());
  let customerId: string;
  let branchId: string;

  /** The shared harness's `exec`, on this file's app. */
  async function run(v: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<Result> {
    return (await exec(app, v, query, variables)) as Result;
  }
  async function ok(v: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<any> {
    const r = await run(v, query, variables);
    expect(r.errors).toBeUndefined();
    return r.data;
  }
  const FIELDS = `id version responseTier respondingDepartment { id } timeline(first: 20) { edges { node { kind note } } }`;
  const newComplaint = async () =>
    (
      await ok(staffResi, `mutation ($input: CreateComplaintInput!) { createComplaint(input: $input) { ${FIELDS} } }`, {
        input: { customerId, branchId, responsibleDepartmentId: NIGHT, title: '夜间报修无人接听', description: 'd', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' },
      })
    ).createComplaint;
  const get = async (id: string) => (await ok(executive, `{ complaint(id: "${id}") { ${FIELDS} } }`)).complaint;
  const where = (c: any) => [c.responseTier, c.respondingDepartment?.id ?? null];
  const RUN = `mutation { runEscalation { candidates escalated } }`;
  const runJob = async () => (await ok(executive, RUN)).runEscalation;
  /** Escalation notifications of complaint `id` each person has, in order. */
  const heard = async (id: string, people: string[]) =>
    Object.fromEntries(
      await Promise.all(
        people.map(async (p) => [p, (await ok(person(p), `{ myNotifications { subjectId message } }`)).myNotifications.filter((n: any) => n.subjectId === id).length]),
      ),
    );

  beforeAll(async () => {
    org = await startSubgraph(kind, organizationModule as never, { http: true });
    const audit = { createdAt: new Date(), updatedAt: new Date(), version: 1 };
    const ods = org.app.dataSource;
    await ods.getRepository(Department).insert({
      id: NIGHT,
      companyId: JARE.id,
      parentId: HOTLINE,
      code: 'CS-NIGHT',
      name: '夜间值班组',
      nameEn: 'Night shift',
      kind: DepartmentKind.OFFICE,
      simulatedLegalEntity: false,
      ...audit,
    });
    const post = stableId('position', 'test-JARE-CS-HOTLINE-HEAD');
    await ods.getRepository(Position).insert({
      id: post,
      companyId: JARE.id,
      departmentId: HOTLINE,
      title: '热线组组长',
      headcountQuota: 1,
      duties: '热线组管理',
      incentives: '—',
      jobDescriptionId: null,
      rank: PositionRank.DEPARTMENT_HEAD,
      segmentId: null,
      ...audit,
    });
    await ods.getRepository(PositionAssignment).insert({
      id: stableId('assignment', post),
      positionId: post,
      companyId: JARE.id,
      employeeId: HOTLINE_HEAD,
      status: AssignmentStatus.ACTIVE,
      from: new Date('2024-01-01T00:00:00Z'),
      to: null,
      ...audit,
    });

    db = await createTestDatabase(kind, 'cs-escalation-chain');
    const config = loadSubgraphConfig('CUSTOMER_SERVICE', 0, { NODE_ENV: 'test', CUSTOMER_SERVICE_SEED: 'false', LOG_LEVEL: 'silent' });
    config.database = db.config;
    const clock = () => wholeSeconds(new Date(nowMs));
    app = await createSubgraphApp(
      { ...customerServiceModule, createServices: (ds, c) => createCustomerServiceServices(ds, clock, undefined, organizationChainOfCommand(c.auth, org.url)) },
      config,
    );
    customerId = (
      await ok(staffResi, `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, { input: { name: '业主甲', kind: 'INDIVIDUAL', segmentId: RESI.id } })
    ).createCustomer.id;
    branchId = (await ok(executive, `mutation { createServiceBranch(input: { companyId: "${JARE.id}", code: "JARE-CHAIN", name: "链式分部" }) { id } }`)).createServiceBranch.id;
    await ok(executive, `mutation { assignServiceStaff(employeeId: "${BRANCH_STAFF}", branchId: "${branchId}") { branch { id } } }`);
    await ok(executive, `mutation { assignServiceStaff(employeeId: "${CENTRE_STAFF}", branchId: null) { branch { id } } }`);
    // GENERAL: first response in 100 business minutes, resolution in 1000, at risk at half of each.
    const { version } = (await ok(executive, `{ slaPolicies { severity version } }`)).slaPolicies.find((p: any) => p.severity === 'GENERAL');
    await ok(
      executive,
      `mutation { setSlaPolicy(input: { severity: GENERAL, expectedVersion: ${version}, firstResponseMinutes: 100, resolutionMinutes: 1000, warnPercent: 50 }) { severity } }`,
    );
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
    await org?.stop();
  });

  it("CS-R03 each SLA milestone raises the complaint one level up its responsible department's chain of command, then the company, then the group centre; the head of each unit is notified", async () => {
    setNow('2026-11-09T09:00:00');
    const c = await newComplaint();
    expect(where(c)).toEqual(['BRANCH', NIGHT]);
    const people = [HOTLINE_HEAD, CS_HEAD, CS_STAFF, BRANCH_STAFF, CENTRE_STAFF];

    setNow('2026-11-09T10:00:00'); // 60 minutes: first response at risk
    expect((await runJob()).escalated).toBe(1);
    expect(where(await get(c.id))).toEqual(['DEPARTMENT', HOTLINE]);
    expect(await heard(c.id, people)).toEqual({ [HOTLINE_HEAD]: 1, [CS_HEAD]: 0, [CS_STAFF]: 0, [BRANCH_STAFF]: 0, [CENTRE_STAFF]: 0 });
    expect((await ok(person(HOTLINE_HEAD), `{ myNotifications { subjectId message } }`)).myNotifications.find((n: any) => n.subjectId === c.id).message).toContain('客服热线组');
    expect(await runJob()).toEqual({ candidates: 0, escalated: 0 }); // the milestone is used

    setNow('2026-11-09T11:00:00'); // 120 minutes: first response overdue
    await runJob();
    expect(where(await get(c.id))).toEqual(['DEPARTMENT', CS]);
    expect(await heard(c.id, people)).toEqual({ [HOTLINE_HEAD]: 1, [CS_HEAD]: 1, [CS_STAFF]: 0, [BRANCH_STAFF]: 0, [CENTRE_STAFF]: 0 });

    setNow('2026-11-09T17:30:00'); // 510 minutes: resolution at risk; CS is the top department of JARE
    await runJob();
    expect(where(await get(c.id))).toEqual(['COMPANY', null]);
    expect(await heard(c.id, people)).toMatchObject({ [BRANCH_STAFF]: 1, [CENTRE_STAFF]: 0 });

    setNow('2026-11-10T17:00:00'); // resolution overdue
    await runJob();
    const top = await get(c.id);
    expect(where(top)).toEqual(['GROUP_CENTER', null]);
    expect(await heard(c.id, people)).toEqual({ [HOTLINE_HEAD]: 1, [CS_HEAD]: 1, [CS_STAFF]: 0, [BRANCH_STAFF]: 1, [CENTRE_STAFF]: 1 });
    expect(
      top.timeline.edges
        .map((e: any) => e.node)
        .filter((n: any) => n.kind === 'ESCALATED')
        .map((n: any) => n.note),
    ).toEqual(['FIRST_RESPONSE_AT_RISK', 'FIRST_RESPONSE_BREACHED', 'RESOLUTION_AT_RISK', 'RESOLUTION_BREACHED']);
    expect(top.version).toBe(5);
  });

  it('CS-R03 a run raises a complaint ONE level, even when it finds several milestones passed: a late job catches up one level per run', async () => {
    setNow('2026-11-11T09:00:00');
    const c = await newComplaint();
    setNow('2026-11-11T17:30:00'); // first response at risk, overdue, resolution at risk: three milestones
    const seen: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      await app.services.escalation.run();
      seen.push(where(await get(c.id)));
    }
    expect(seen).toEqual([
      ['DEPARTMENT', HOTLINE],
      ['DEPARTMENT', CS],
      ['COMPANY', null],
      ['COMPANY', null], // nothing left until the resolution is overdue
    ]);
  });

  it('CS-R03 a manual escalation goes up the same chain of command, one level', async () => {
    setNow('2026-11-12T09:00:00');
    const c = await newComplaint();
    const ESC = `mutation ($input: EscalateComplaintInput!) { escalateComplaint(input: $input) { ${FIELDS} } }`;
    const up = (await ok(headResi, ESC, { input: { complaintId: c.id, expectedVersion: c.version, note: '业主投诉升级' } })).escalateComplaint;
    expect(where(up)).toEqual(['DEPARTMENT', HOTLINE]);
    expect(await heard(c.id, [HOTLINE_HEAD, CS_HEAD])).toEqual({ [HOTLINE_HEAD]: 1, [CS_HEAD]: 0 });
    const again = (await ok(headResi, ESC, { input: { complaintId: c.id, expectedVersion: up.version, note: '再升级' } })).escalateComplaint;
    expect(where(again)).toEqual(['DEPARTMENT', CS]);
  });
});
