import {
  Capability,
  demoCustomerId,
  demoCustomerSegment,
  demoDepartmentId,
  DEMO_SEGMENTS,
  demoSegmentPersonId,
  demoStaffEmployeeId,
  Role,
  stableId,
  systemClock,
  Viewer,
  wholeSeconds,
} from '@group/shared';
import { startSubgraph, TestDbKind, TestSubgraph } from '@group/shared/testing';
import { customerServiceModule } from '../module';
import { createCustomerServiceServices, CustomerServiceLoaders, CustomerServiceServices } from '../context';
import { seedDemoRoster } from '../roster/employee-roster';

export const seg = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!.id;
export const viewer = (role: Role, segmentIds: string[], employeeId: string | null, capabilities: Capability[] = []): Viewer => ({
  accountId: `acc-${role}-${employeeId ?? segmentIds.join('-')}`,
  employeeId,
  role,
  segmentIds,
  capabilities,
});
export const staff = (code: string, n = 1) =>
  viewer(Role.BUSINESS_STAFF, [seg(code)], n === 1 ? demoSegmentPersonId(code, 'staff') : demoStaffEmployeeId(DEMO_SEGMENTS.find((s) => s.code === code)!.companyCode, 'SALES', n));
export const head = (code: string) => viewer(Role.SEGMENT_HEAD, [seg(code)], demoSegmentPersonId(code, 'head'));
export const segAdmin = (code: string) => viewer(Role.SEGMENT_ADMIN, [seg(code)], demoSegmentPersonId(code, 'admin'));
export const executive = viewer(Role.GROUP_EXECUTIVE, [], stableId('employee', 'executive'));
export const sysadmin = viewer(Role.SYSTEM_ADMIN, [], null);
/** A member of the group marketing department (its role is an ordinary one; the capability comes from the token). */
export const operator = viewer(Role.SEGMENT_ADMIN, [], stableId('employee', 'marketing-operator'), [Capability.MARKETING_OPERATOR]);
export const local = (s: string) => new Date(`${s}+08:00`);

export const CUSTOMER = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id version segment { id } } }`;
export const LEAD = `mutation ($input: CreateLeadInput!) { createLead(input: $input) { id code version status owner { id } segment { id } } }`;
export const CONVERT = `mutation ($input: ConvertLeadInput!) { convertLead(input: $input) {
  lead { id status version customer { id } convertedOpportunity { id } }
  customer { id name kind segment { id } }
  opportunity { id code stage probability status amount weightedAmount owner { id } lead { id } stageHistory { seq fromStage toStage probability } } } }`;
export const OPP = `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id version stage probability status } }`;
export const MOVE = `mutation ($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id version stage probability stageHistory { seq fromStage toStage toStatus probability note } } }`;
export const CLOSE = `mutation ($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { id version stage probability status closeReason closedAt stageHistory { toStage toStatus probability } } }`;
export const ORDER = `mutation ($input: CreateSalesOrderInput!) { createSalesOrder(input: $input) { id code version amount customer { id } opportunity { id } } }`;
export const ACTION = `mutation ($input: CreateGeneralActionInput!) { createGeneralAction(input: $input) { id version status doneAt dueAt assignee { id } assignedBy { id } segment { id } } }`;
export const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Lead { id } ... on Opportunity { id } ... on GeneralAction { id } ... on SalesOrder { id } ... on Customer { id } } }`;

/** customer-service on a fresh database, run in process (the shared harness's `startSubgraph`), with a test clock. */
export type CsTestApp = TestSubgraph<CustomerServiceServices, CustomerServiceLoaders> & {
  /** The test clock's time (ms); `setNow('2026-11-10T10:00:00')` sets it in Asia/Shanghai local time. */
  now(): number;
  setNow(local: string): void;
};

export interface StartCustomerServiceOptions {
  /** Names the test database. */
  label: string;
  /** Where the test clock starts (local time in Asia/Shanghai, moved by `setNow`); without it the system clock. */
  now?: string;
  /** Seeds the demo data (CUSTOMER_SERVICE_SEED; default false: an empty database). */
  seed?: boolean;
  /** Fills the employee roster with organization's demo employees (assignees and owners must be on it). */
  roster?: boolean;
}

/**
 * Starts customer-service for a test file: `beforeAll(async () => (cs = await startCustomerService(kind, { label, now, roster: true })))`,
 * `afterAll(() => cs?.stop())`. Then `cs.exec(viewer, query, variables)`, `cs.ok(...)`, `cs.fails(...)` (the shared harness).
 */
export async function startCustomerService(kind: TestDbKind, opts: StartCustomerServiceOptions): Promise<CsTestApp> {
  let nowMs = opts.now ? local(opts.now).getTime() : 0;
  const clock = opts.now ? () => wholeSeconds(new Date(nowMs)) : systemClock;
  const t = await startSubgraph(kind, customerServiceModule, {
    label: opts.label,
    env: { CUSTOMER_SERVICE_SEED: opts.seed ? 'true' : 'false', LOG_LEVEL: 'silent' },
    // The clock, the default CRM settings and no chain of command (escalation never asks organization).
    services: (ds) => createCustomerServiceServices(ds, clock),
  });
  if (opts.roster) await t.app.dataSource.transaction((m) => seedDemoRoster(m));
  return Object.assign(t, {
    now: () => nowMs,
    setNow: (s: string) => {
      nowMs = local(s).getTime();
    },
  });
}

/** `COUNT(*) AS n` of a query, as a number. */
export const count = async (t: CsTestApp, sql: string, params: unknown[]) => Number((await t.app.dataSource.query(sql, params))[0].n);

/** Creates one record (CRM fixtures); `action` returns the result with its errors. */
export const customer = async (t: CsTestApp, v: Viewer, code: string, name: string) =>
  (await t.ok(v, CUSTOMER, { input: { name, kind: 'ORGANIZATION', segmentId: seg(code) } })).createCustomer;
export const lead = async (t: CsTestApp, v: Viewer, code: string, name: string, extra: Record<string, unknown> = {}) =>
  (await t.ok(v, LEAD, { input: { segmentId: seg(code), name, source: 'REFERRAL', ...extra } })).createLead;
export const opportunity = async (t: CsTestApp, v: Viewer, customerId: string, name: string, amount: number, extra: Record<string, unknown> = {}) =>
  (await t.ok(v, OPP, { input: { customerId, name, amount, ...extra } })).createOpportunity;
export const action = (t: CsTestApp, v: Viewer, targetType: string, targetId: string, extra: Record<string, unknown> = {}) =>
  t.exec(v, ACTION, { input: { targetType, targetId, type: 'CALL', subject: '电话回访', ...extra } });

/** The id of the `k`-th demo customer of a segment (the seed deals its customers to the segments in turn); checks the segment. */
export const demoCustomerIn = (code: string, k = 0) => {
  const n = DEMO_SEGMENTS.findIndex((s) => s.code === code) + k * DEMO_SEGMENTS.length;
  expect(demoCustomerSegment(n).code).toBe(code);
  return demoCustomerId(n);
};

/** Walks a connection to the end, `first` at a time (every page but the last full); `path` picks the connection out of the data. */
export async function walk(t: CsTestApp, v: Viewer, query: string, path: (d: any) => any, first: number, vars: Record<string, unknown> = {}) {
  const nodes: any[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const conn = path(await t.ok(v, query, { ...vars, first, after }));
    nodes.push(...conn.edges.map((e: any) => e.node));
    pages++;
    if (!conn.pageInfo.hasNextPage) {
      return { nodes, pages, totalCount: conn.totalCount, last: conn };
    }
    expect(conn.edges).toHaveLength(first);
    after = conn.pageInfo.endCursor;
  }
}

/** How many SQL statements an operation costs (it must succeed). */
export async function statements(t: CsTestApp, v: Viewer, query: string, variables: Record<string, unknown>) {
  const before = t.app.counter.count;
  await t.ok(v, query, variables);
  return t.app.counter.count - before;
}

export const CREATE_COMPLAINT = `mutation ($input: CreateComplaintInput!) { createComplaint(input: $input) { id code status severity version customer { id } handler { id } responsibleDepartment { id } } }`;
/** A createComplaint input for a demo customer of JARE (RESI or COMM), JARE's customer-service department responsible. */
export const complaintInput = (customerId: string) => ({
  customerId,
  title: '楼道灯长期不亮',
  description: '业主反映楼道灯损坏一个月无人维修。',
  channel: 'HOTLINE',
  severity: 'GENERAL',
  phase: 'AFTER_SALE',
  responsibleDepartmentId: demoDepartmentId('JARE', 'CS'),
});
