import {
  Capability,
  createSubgraphApp,
  DEMO_SEGMENTS,
  demoSegmentPersonId,
  demoStaffEmployeeId,
  loadSubgraphConfig,
  Role,
  stableId,
  SubgraphApp,
  Viewer,
  wholeSeconds,
} from '@group/shared';
import { createTestDatabase, exec, TestDatabase, TestDbKind } from '@group/shared/testing';
import { customerServiceModule } from '../module';
import { createCustomerServiceServices, CustomerServiceLoaders, CustomerServiceServices } from '../context';
import { loadCrmSettings } from '../config/env';
import { seedDemoRoster } from '../roster/employee-roster';

export type Result = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };

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

/**
 * The CRM tests' subgraph: customer-service on a fresh, unseeded database of `kind`, with a test clock
 * (`setNow`; it starts at 2026-11-10 10:00 Asia/Shanghai). Call it in a `describe` block: it starts the
 * app in `beforeAll` and drops the database in `afterAll`. `ok` fails the test on any error, `run`
 * returns the errors too; `customer`, `lead`, `opportunity` and `action` create one record.
 */
export function crmTestApp(kind: TestDbKind, label: string) {
  let db: TestDatabase;
  let app: SubgraphApp<CustomerServiceServices, CustomerServiceLoaders>;
  let nowMs = local('2026-11-10T10:00:00').getTime();
  const setNow = (s: string) => (nowMs = local(s).getTime());

  /** The shared harness's `exec`, on this app. */
  async function run(v: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<Result> {
    return (await exec(app, v, query, variables)) as Result;
  }
  async function ok(v: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<any> {
    const r = await run(v, query, variables);
    expect(r.errors).toBeUndefined();
    return r.data;
  }
  const count = async (sql: string, params: unknown[]) => Number((await app.dataSource.query(sql, params))[0].n);

  const customer = async (v: Viewer, code: string, name: string) => (await ok(v, CUSTOMER, { input: { name, kind: 'ORGANIZATION', segmentId: seg(code) } })).createCustomer;
  const lead = async (v: Viewer, code: string, name: string, extra: Record<string, unknown> = {}) =>
    (await ok(v, LEAD, { input: { segmentId: seg(code), name, source: 'REFERRAL', ...extra } })).createLead;
  const opportunity = async (v: Viewer, customerId: string, name: string, amount: number, extra: Record<string, unknown> = {}) =>
    (await ok(v, OPP, { input: { customerId, name, amount, ...extra } })).createOpportunity;
  const action = (v: Viewer, targetType: string, targetId: string, extra: Record<string, unknown> = {}) =>
    run(v, ACTION, { input: { targetType, targetId, type: 'CALL', subject: '电话回访', ...extra } });

  beforeAll(async () => {
    db = await createTestDatabase(kind, label);
    const config = loadSubgraphConfig('CUSTOMER_SERVICE', 0, { NODE_ENV: 'test', CUSTOMER_SERVICE_SEED: 'false', LOG_LEVEL: 'silent' });
    config.database = db.config;
    const clock = () => wholeSeconds(new Date(nowMs));
    app = await createSubgraphApp({ ...customerServiceModule, createServices: (ds) => createCustomerServiceServices(ds, clock, loadCrmSettings({})) }, config);
    // Assignees and owners must be on the employee roster: organization's demo employees.
    await app.dataSource.transaction((m) => seedDemoRoster(m));
  });
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  return {
    get app() {
      return app;
    },
    now: () => nowMs,
    setNow,
    run,
    ok,
    count,
    customer,
    lead,
    opportunity,
    action,
  };
}
