import 'reflect-metadata';
import { GraphQLArgument, getNamedType, isInputObjectType } from 'graphql';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { Capability, DEMO_COMPANIES, DEMO_SEGMENTS, demoSegmentPersonId, newId, Role, stableId, Viewer } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, type CsTestApp } from './testing/harness';
import { ServiceBranch } from './branches/service-branch.entity';
import { RevisitPlan } from './revisits/revisit-plan.entity';
import { Customer } from './customers/customer.entity';
import { CustomerContact } from './customers/customer-contact.entity';
import { Complaint } from './complaints/complaint.entity';
import { Lead } from './leads/lead.entity';
import { SegmentAllocation } from './allocations/segment-allocation.entity';

/**
 * Issue #8, reliability of writes in customer-service: idempotency keys on creates (mobile
 * retries) and optimistic versioning on updates, checked against the schema itself so a new
 * mutation cannot skip either.
 */
const seg = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!.id;
const JARE = DEMO_COMPANIES.find((c) => c.code === 'JARE')!.id;
const viewer = (role: Role, segmentIds: string[], employeeId: string | null, capabilities: Capability[] = []): Viewer => ({
  accountId: `acc-${role}-${employeeId ?? segmentIds.join('-')}`,
  employeeId,
  role,
  segmentIds,
  capabilities,
});
const staff = viewer(Role.BUSINESS_STAFF, [seg('RESI')], demoSegmentPersonId('RESI', 'staff'));
const head = viewer(Role.SEGMENT_HEAD, [seg('RESI')], demoSegmentPersonId('RESI', 'head'));
const executive = viewer(Role.GROUP_EXECUTIVE, [], stableId('employee', 'executive'));
const operator = viewer(Role.SEGMENT_ADMIN, [], stableId('employee', 'marketing-operator'), [Capability.MARKETING_OPERATOR]);

/**
 * Mutations that neither create (idempotency key) nor update an aggregate with a version, and why.
 * Adding a mutation that is in none of the groups fails the first test below.
 */
const NEITHER: Record<string, string> = {
  runEscalation: 'a job run: idempotent by construction (raises only what is due and not yet raised); a retry changes nothing',
  assignServiceStaff: "sets one employee's place (branch or the Customer Service Center), replacing the previous one; no read-modify-write, a retry writes the same state",
  removeServiceStaff: 'removes one membership; a retry finds nothing to remove (NOT_FOUND), never a second effect',
  markNotificationsRead: "sets the read flag of the viewer's own notifications; repeating it changes nothing",
  importCustomers: 'bulk import keyed by the natural key (segment, ref): a retried file reports DUPLICATE_IN_DATABASE rows instead of creating them again',
  importLeads: 'bulk import keyed by the natural key (segment, ref): a retried file reports DUPLICATE_IN_DATABASE rows instead of creating them again',
  importComplaints: 'bulk import keyed by the natural key (ref): a retried file reports DUPLICATE_IN_DATABASE rows instead of creating them again',
  closeAssessmentPeriod: 'keyed by its period: a month is published once, a retry is CONFLICT ASSESSMENT_PERIOD_CLOSED',
  setCalendarDay: 'sets the value of one (calendar, date) pair (or clears it); no read-modify-write, a retry writes the same state',
};

/** The fields of an `input` object argument. */
function inputFields(arg: GraphQLArgument) {
  const type = getNamedType(arg.type);
  return isInputObjectType(type) ? type.getFields() : {};
}
/** Does the mutation (or its `input` object) take this argument / field? A versioned update may name several (`survivorExpectedVersion`). */
function takes(field: { args: readonly GraphQLArgument[] }, name: string): boolean {
  const matches = (n: string) => n === name || (name === 'expectedVersion' && n.endsWith('ExpectedVersion'));
  return field.args.some((a) => matches(a.name) || (a.name === 'input' && Object.keys(inputFields(a)).some(matches)));
}

interface IdempotencyCase {
  mutation: string;
  viewer: Viewer;
  type: string;
  /** A fresh input (each test needs its own: several creates are unique per customer or code). */
  input: () => Promise<Record<string, unknown>>;
  /** The same request with one field changed. */
  other: Record<string, unknown>;
  table: EntityTarget<ObjectLiteral>;
}

describe.each(testDatabaseKinds())('idempotency keys and optimistic versioning of customer-service (issue #8) on %s', (kind) => {
  let cs: CsTestApp;

  const count = (e: EntityTarget<ObjectLiteral>) => cs.app.dataSource.getRepository(e).count();
  const create = async (v: Viewer, mutation: string, type: string, input: Record<string, unknown>, fields = 'id version') =>
    (await cs.ok(v, `mutation ($i: ${type}!) { ${mutation}(input: $i) { ${fields} } }`, { i: input }))[mutation];
  const customer = () => create(staff, 'createCustomer', 'CreateCustomerInput', { name: `客户 ${newId().slice(0, 6)}`, kind: 'ORGANIZATION', segmentId: seg('RESI') });
  const complaint = async () =>
    create(staff, 'createComplaint', 'CreateComplaintInput', {
      customerId: (await customer()).id,
      title: '漏水',
      description: '楼上漏水',
      channel: 'HOTLINE',
      severity: 'GENERAL',
      phase: 'AFTER_SALE',
    });
  const lead = () => create(staff, 'createLead', 'CreateLeadInput', { segmentId: seg('RESI'), name: `线索 ${newId().slice(0, 6)}`, source: 'REFERRAL' });
  const opportunity = async () => create(staff, 'createOpportunity', 'CreateOpportunityInput', { customerId: (await customer()).id, name: '物业合同', amount: 100 });

  beforeAll(async () => {
    cs = await startCustomerService(kind, { label: 'cs-reliability' });
  });
  afterAll(() => cs?.stop());

  function mutations() {
    const fields = Object.values(cs.app.schema.getMutationType()!.getFields());
    return {
      all: fields.map((f) => f.name).sort(),
      keyed: fields
        .filter((f) => takes(f, 'idempotencyKey'))
        .map((f) => f.name)
        .sort(),
      versioned: fields
        .filter((f) => takes(f, 'expectedVersion'))
        .map((f) => f.name)
        .sort(),
    };
  }

  it('every mutation either takes an idempotency key (creates) or an expectedVersion (updates), or is listed with its reason', () => {
    const { all, keyed, versioned } = mutations();
    expect(all.filter((n) => !keyed.includes(n) && !versioned.includes(n))).toEqual(Object.keys(NEITHER).sort());
    for (const m of [
      'createCustomer',
      'addCustomerContact',
      'createComplaint',
      'createLead',
      'createOpportunity',
      'createGeneralAction',
      'createSalesOrder',
      'requestSegmentAllocation',
      'createServiceBranch',
      'createRevisitPlan',
      'recordCompensation',
      'recordRevisit',
    ]) {
      expect(keyed).toContain(m);
    }
    for (const m of ['setSlaPolicy', 'setAssessmentWeight', 'setCompanyCalendar', 'recordRevisit', 'recordCompensation', 'mergeCustomers']) expect(versioned).toContain(m);
  });

  const CASES: IdempotencyCase[] = [
    {
      mutation: 'createServiceBranch',
      viewer: executive,
      type: 'CreateServiceBranchInput',
      input: async () => ({ companyId: JARE, code: `B-${newId().slice(0, 8)}`, name: '重庆分部' }),
      other: { name: '成都分部' },
      table: ServiceBranch,
    },
    {
      mutation: 'createRevisitPlan',
      viewer: staff,
      type: 'CreateRevisitPlanInput',
      input: async () => ({ customerId: (await customer()).id, cadenceDays: 30 }),
      other: { cadenceDays: 60 },
      table: RevisitPlan,
    },
    {
      mutation: 'createCustomer',
      viewer: staff,
      type: 'CreateCustomerInput',
      input: async () => ({ name: '重试客户', kind: 'INDIVIDUAL', segmentId: seg('RESI') }),
      other: { name: '另一个客户' },
      table: Customer,
    },
    {
      mutation: 'addCustomerContact',
      viewer: staff,
      type: 'AddCustomerContactInput',
      input: async () => ({ customerId: (await customer()).id, name: '张三', phone: '13800000000' }),
      other: { name: '李四' },
      table: CustomerContact,
    },
    {
      mutation: 'createComplaint',
      viewer: staff,
      type: 'CreateComplaintInput',
      input: async () => ({ customerId: (await customer()).id, title: '电梯故障', description: '停运两天', channel: 'HOTLINE', severity: 'GENERAL', phase: 'AFTER_SALE' }),
      other: { severity: 'SERIOUS' },
      table: Complaint,
    },
    {
      mutation: 'createLead',
      viewer: staff,
      type: 'CreateLeadInput',
      input: async () => ({ segmentId: seg('RESI'), name: '新线索', source: 'REFERRAL' }),
      other: { source: 'EVENT' },
      table: Lead,
    },
    {
      mutation: 'requestSegmentAllocation',
      viewer: staff,
      type: 'RequestSegmentAllocationInput',
      input: async () => ({ recordType: 'LEAD', recordId: (await lead()).id, toSegmentId: seg('HOTL'), reason: '酒店业务' }),
      other: { toSegmentId: seg('COMM') },
      table: SegmentAllocation,
    },
  ];

  it('an idempotency key longer than 64 characters is refused as bad input, and nothing is created', async () => {
    const c = CASES[0];
    const before = await count(c.table);
    const r = await cs.exec(c.viewer, `mutation ($i: ${c.type}!) { ${c.mutation}(input: $i) { id } }`, { i: { ...(await c.input()), idempotencyKey: 'k'.repeat(65) } });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count(c.table)).toBe(before);
  });

  describe.each(CASES.map((c) => [c.mutation, c] as const))('%s', (_name, c) => {
    const query = `mutation ($i: ${c.type}!) { ${c.mutation}(input: $i) { id } }`;

    it('the same key returns the first result and creates one row; a different input with that key is refused (IDEMPOTENCY_KEY_REUSED)', async () => {
      const input = await c.input();
      const before = await count(c.table);
      const first = (await cs.ok(c.viewer, query, { i: { ...input, idempotencyKey: `${c.mutation}-1` } }))[c.mutation];
      const again = (await cs.ok(c.viewer, query, { i: { ...input, idempotencyKey: `${c.mutation}-1` } }))[c.mutation];
      expect(again.id).toBe(first.id);
      expect(await count(c.table)).toBe(before + 1);
      const reused = await cs.exec(c.viewer, query, { i: { ...input, ...c.other, idempotencyKey: `${c.mutation}-1` } });
      expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await count(c.table)).toBe(before + 1);
    });

    it('20 concurrent calls with one key create exactly one row and all answer with it', async () => {
      const input = await c.input();
      const before = await count(c.table);
      const results = await Promise.all(Array.from({ length: 20 }, () => cs.exec(c.viewer, query, { i: { ...input, idempotencyKey: `${c.mutation}-burst` } })));
      expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
      expect(new Set(results.map((r) => r.data![c.mutation].id)).size).toBe(1);
      expect(await count(c.table)).toBe(before + 1);
    });
  });

  it('keys are per account: the same key used by another account is a new request of that account', async () => {
    const c = CASES[0];
    const q = `mutation ($i: ${c.type}!) { ${c.mutation}(input: $i) { id } }`;
    const a = (await cs.ok(executive, q, { i: { ...(await c.input()), idempotencyKey: 'shared-key' } })).createServiceBranch;
    const b = (await cs.ok({ ...executive, accountId: 'acc-exec-2' }, q, { i: { ...(await c.input()), idempotencyKey: 'shared-key' } })).createServiceBranch;
    expect(b.id).not.toBe(a.id);
  });

  it('a keyed retry of a versioned record (recordCompensation, recordRevisit) answers with the first result instead of STALE_VERSION, and records once', async () => {
    const c = await complaint();
    const COMP = `mutation ($i: RecordCompensationInput!) { recordCompensation(input: $i) { id amount } }`;
    const comp = { complaintId: c.id, expectedVersion: c.version, kind: 'MONEY', amount: 88, description: '赔偿', idempotencyKey: 'comp-1' };
    const first = (await cs.ok(head, COMP, { i: comp })).recordCompensation;
    expect((await cs.ok(head, COMP, { i: comp })).recordCompensation).toEqual(first);
    expect((await cs.ok(head, `query ($id: ID!) { complaint(id: $id) { version compensations(first: 10) { totalCount } } }`, { id: c.id })).complaint).toEqual({
      version: c.version + 1,
      compensations: { totalCount: 1 },
    });
    // Without the key the same retry is a second write with an old version.
    expect((await cs.exec(head, COMP, { i: { ...comp, idempotencyKey: undefined } })).errors?.[0]?.extensions?.reason).toBe('STALE_VERSION');

    const plan = await create(staff, 'createRevisitPlan', 'CreateRevisitPlanInput', { customerId: (await customer()).id });
    const VISIT = `mutation ($i: RecordRevisitInput!) { recordRevisit(input: $i) { id version revisits(first: 10) { totalCount } } }`;
    const visit = { planId: plan.id, expectedVersion: plan.version, satisfaction: 4, feedback: '满意', idempotencyKey: 'visit-1' };
    const v1 = (await cs.ok(staff, VISIT, { i: visit })).recordRevisit;
    expect(v1).toEqual({ id: plan.id, version: plan.version + 1, revisits: { totalCount: 1 } });
    expect((await cs.ok(staff, VISIT, { i: visit })).recordRevisit).toEqual(v1);
    expect((await cs.exec(staff, VISIT, { i: { ...visit, satisfaction: 5 } })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('setCompanyCalendar: the first calendar needs no version; replacing it needs the version read, and a null or stale one is STALE_VERSION', async () => {
    const SET = `mutation ($i: SetCompanyCalendarInput!) { setCompanyCalendar(input: $i) { id version dayStartMinute } }`;
    const base = { companyId: JARE, name: '公司日历', utcOffsetMinutes: 480, dayStartMinute: 540, dayEndMinute: 1080, workingWeekdays: [1, 2, 3, 4, 5] };
    const first = (await cs.ok(executive, SET, { i: base })).setCompanyCalendar;
    expect(first.version).toBe(1);
    expect((await cs.exec(executive, SET, { i: { ...base, dayStartMinute: 510 } })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const second = (await cs.ok(executive, SET, { i: { ...base, dayStartMinute: 510, expectedVersion: first.version } })).setCompanyCalendar;
    expect(second).toMatchObject({ id: first.id, version: 2, dayStartMinute: 510 });
    const read = (await cs.ok(staff, `query ($c: ID!) { workingCalendar(companyId: $c) { version dayStartMinute } }`, { c: JARE })).workingCalendar;
    expect(read).toEqual({ version: 2, dayStartMinute: 510 });
  });

  /**
   * For every mutation whose arguments carry an expected version: a target in the state the mutation
   * accepts, and the operation with a stale version (one ahead of the current one: versions below 1
   * are refused as bad input). The list must match the schema.
   */
  const STALE: Record<string, () => Promise<{ viewer: Viewer; query: string; vars: Record<string, unknown> }>> = {
    updateCustomer: async () => {
      const c = await customer();
      return {
        viewer: staff,
        query: `mutation ($i: UpdateCustomerInput!) { updateCustomer(input: $i) { id } }`,
        vars: { i: { id: c.id, expectedVersion: c.version + 1, name: '改名' } },
      };
    },
    updateCustomerContact: async () => {
      const k = await create(staff, 'addCustomerContact', 'AddCustomerContactInput', { customerId: (await customer()).id, name: '王五' });
      return {
        viewer: staff,
        query: `mutation ($i: UpdateCustomerContactInput!) { updateCustomerContact(input: $i) { id } }`,
        vars: { i: { id: k.id, expectedVersion: k.version + 1, name: '赵六' } },
      };
    },
    mergeCustomers: async () => {
      const [keep, dup] = [await customer(), await customer()];
      return {
        viewer: head,
        query: `mutation ($i: MergeCustomersInput!) { mergeCustomers(input: $i) { customer { id } } }`,
        vars: { i: { survivorId: keep.id, survivorExpectedVersion: keep.version, duplicateId: dup.id, duplicateExpectedVersion: dup.version + 1 } },
      };
    },
    updateLead: async () => {
      const l = await lead();
      return { viewer: staff, query: `mutation ($i: UpdateLeadInput!) { updateLead(input: $i) { id } }`, vars: { i: { id: l.id, expectedVersion: l.version + 1, name: '改名' } } };
    },
    convertLead: async () => {
      const l = await lead();
      return {
        viewer: staff,
        query: `mutation ($i: ConvertLeadInput!) { convertLead(input: $i) { lead { id } } }`,
        vars: { i: { leadId: l.id, expectedVersion: l.version + 1, newCustomer: { name: '转化客户', kind: 'ORGANIZATION' }, opportunity: { name: '商机', amount: 10 } } },
      };
    },
    updateOpportunity: async () => {
      const o = await opportunity();
      return {
        viewer: staff,
        query: `mutation ($i: UpdateOpportunityInput!) { updateOpportunity(input: $i) { id } }`,
        vars: { i: { id: o.id, expectedVersion: o.version + 1, amount: 200 } },
      };
    },
    moveOpportunityStage: async () => {
      const o = await create(staff, 'createOpportunity', 'CreateOpportunityInput', { customerId: (await customer()).id, name: '物业合同', amount: 100 }, 'id version stage');
      const stages = (await cs.ok(staff, `query ($s: ID!) { opportunityStages(segmentId: $s) { code } }`, { s: seg('RESI') })).opportunityStages;
      return {
        viewer: staff,
        query: `mutation ($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { id } }`,
        vars: { i: { id: o.id, expectedVersion: o.version + 1, stage: stages[1].code } },
      };
    },
    closeOpportunity: async () => {
      const o = await opportunity();
      return {
        viewer: staff,
        query: `mutation ($i: CloseOpportunityInput!) { closeOpportunity(input: $i) { id } }`,
        vars: { i: { id: o.id, expectedVersion: o.version + 1, outcome: 'LOST', reason: '价格' } },
      };
    },
    configureOpportunityStages: async () => {
      const admin = viewer(Role.SEGMENT_ADMIN, [seg('ENGY')], demoSegmentPersonId('ENGY', 'admin')); // a segment without opportunities;
      const st = [
        { code: 'CONTACT', name: '初步接触', probability: 10 },
        { code: 'SIGNED', name: '签约', probability: 100 },
      ];
      const CONF = `mutation ($s: ID!, $v: Int!, $st: [OpportunityStageInput!]!) { configureOpportunityStages(segmentId: $s, expectedVersion: $v, stages: $st) { version } }`;
      const done = (await cs.ok(admin, CONF, { s: seg('ENGY'), v: 0, st })).configureOpportunityStages;
      return { viewer: admin, query: CONF, vars: { s: seg('ENGY'), v: done[0].version + 1, st } };
    },
    updateGeneralAction: async () => {
      const a = await create(staff, 'createGeneralAction', 'CreateGeneralActionInput', { targetType: 'CUSTOMER', targetId: (await customer()).id, type: 'CALL', subject: '回访' });
      return {
        viewer: staff,
        query: `mutation ($i: UpdateGeneralActionInput!) { updateGeneralAction(input: $i) { id } }`,
        vars: { i: { id: a.id, expectedVersion: a.version + 1, subject: '再次回访' } },
      };
    },
    updateSalesOrder: async () => {
      const o = await create(staff, 'createSalesOrder', 'CreateSalesOrderInput', {
        customerId: (await customer()).id,
        contractNumber: `HT-${newId().slice(0, 8)}`,
        signedAt: '2026-01-05T00:00:00.000Z',
        amount: 50,
      });
      return {
        viewer: staff,
        query: `mutation ($i: UpdateSalesOrderInput!) { updateSalesOrder(input: $i) { id } }`,
        vars: { i: { id: o.id, expectedVersion: o.version + 1, amount: 60 } },
      };
    },
    allocateToSegment: async () => {
      const c = await customer();
      return {
        viewer: operator,
        query: `mutation ($i: AllocateToSegmentInput!) { allocateToSegment(input: $i) { allocation { id } } }`,
        vars: { i: { recordType: 'CUSTOMER', recordId: c.id, expectedVersion: c.version + 1, toSegmentId: seg('HOTL'), reason: '转入酒店版块' } },
      };
    },
    decideSegmentAllocation: async () => {
      const r = await create(staff, 'requestSegmentAllocation', 'RequestSegmentAllocationInput', {
        recordType: 'LEAD',
        recordId: (await lead()).id,
        toSegmentId: seg('HOTL'),
        reason: '酒店业务',
      });
      return {
        viewer: operator,
        query: `mutation ($i: DecideSegmentAllocationInput!) { decideSegmentAllocation(input: $i) { id } }`,
        vars: { i: { id: r.id, expectedVersion: r.version + 1, approve: false, note: '不转' } },
      };
    },
    transitionComplaint: async () => {
      const c = await complaint();
      return {
        viewer: head,
        query: `mutation ($i: TransitionComplaintInput!) { transitionComplaint(input: $i) { id } }`,
        vars: { i: { id: c.id, expectedVersion: c.version + 1, action: 'ACCEPT' } },
      };
    },
    updateComplaintRisk: async () => {
      const c = await complaint();
      return {
        viewer: head,
        query: `mutation ($i: UpdateComplaintRiskInput!) { updateComplaintRisk(input: $i) { id } }`,
        vars: { i: { id: c.id, expectedVersion: c.version + 1, riskLevel: 'HIGH', legalCase: false } },
      };
    },
    recordCompensation: async () => {
      const c = await complaint();
      return {
        viewer: head,
        query: `mutation ($i: RecordCompensationInput!) { recordCompensation(input: $i) { kind } }`,
        vars: { i: { complaintId: c.id, expectedVersion: c.version + 1, kind: 'MONEY', amount: 100, description: '补偿' } },
      };
    },
    escalateComplaint: async () => {
      const c = await complaint();
      return {
        viewer: head,
        query: `mutation ($i: EscalateComplaintInput!) { escalateComplaint(input: $i) { id } }`,
        vars: { i: { complaintId: c.id, expectedVersion: c.version + 1, note: '升级' } },
      };
    },
    recordRevisit: async () => {
      const p = await create(staff, 'createRevisitPlan', 'CreateRevisitPlanInput', { customerId: (await customer()).id });
      return {
        viewer: staff,
        query: `mutation ($i: RecordRevisitInput!) { recordRevisit(input: $i) { id } }`,
        vars: { i: { planId: p.id, expectedVersion: p.version + 1, satisfaction: 5, feedback: '满意' } },
      };
    },
    updateServiceBranch: async () => {
      const b = await create(executive, 'createServiceBranch', 'CreateServiceBranchInput', { companyId: JARE, code: `S-${newId().slice(0, 8)}`, name: '分部' });
      return {
        viewer: executive,
        query: `mutation ($i: UpdateServiceBranchInput!) { updateServiceBranch(input: $i) { id } }`,
        vars: { i: { id: b.id, expectedVersion: b.version + 1, name: '改名' } },
      };
    },
    setCompanyCalendar: async () => {
      const company = DEMO_COMPANIES.find((c) => c.kind !== 'GROUP' && c.code !== 'JARE')!.id;
      const base = { companyId: company, name: '日历', utcOffsetMinutes: 480, dayStartMinute: 540, dayEndMinute: 1080, workingWeekdays: [1, 2, 3, 4, 5] };
      const cal = (await cs.ok(executive, `mutation ($i: SetCompanyCalendarInput!) { setCompanyCalendar(input: $i) { version } }`, { i: base })).setCompanyCalendar;
      return {
        viewer: executive,
        query: `mutation ($i: SetCompanyCalendarInput!) { setCompanyCalendar(input: $i) { id } }`,
        vars: { i: { ...base, dayEndMinute: 1050, expectedVersion: cal.version + 1 } },
      };
    },
    setAssessmentWeight: async () => {
      const w = (await cs.ok(executive, `{ assessmentWeights { indicator version } }`)).assessmentWeights[0];
      return {
        viewer: executive,
        query: `mutation ($ind: AssessmentIndicator!, $v: Int!) { setAssessmentWeight(indicator: $ind, weight: 10, expectedVersion: $v) { indicator } }`,
        vars: { ind: w.indicator, v: w.version + 1 },
      };
    },
    setSlaPolicy: async () => {
      const p = (await cs.ok(executive, `{ slaPolicies { severity version } }`)).slaPolicies[0];
      return {
        viewer: executive,
        query: `mutation ($i: SetSlaPolicyInput!) { setSlaPolicy(input: $i) { severity } }`,
        vars: { i: { severity: p.severity, expectedVersion: p.version + 1, firstResponseMinutes: 60, resolutionMinutes: 600, warnPercent: 80 } },
      };
    },
  };

  it('every update mutation (every one whose arguments carry an expected version) refuses a stale version with CONFLICT / STALE_VERSION', async () => {
    expect(Object.keys(STALE).sort()).toEqual(mutations().versioned);
    const notRefused: string[] = [];
    for (const [name, setup] of Object.entries(STALE)) {
      const { viewer: v, query, vars } = await setup();
      const r = await cs.exec(v, query, vars);
      const e = r.errors?.[0]?.extensions;
      if (e?.code !== 'CONFLICT' || e?.reason !== 'STALE_VERSION') notRefused.push(`${name}: ${JSON.stringify(r.errors?.[0] ?? r.data)}`);
    }
    expect(notRefused).toEqual([]);
  });

  it('a stale setSlaPolicy / setAssessmentWeight writes nothing; the current version succeeds and bumps it', async () => {
    const p = (await cs.ok(executive, `{ slaPolicies { severity version firstResponseMinutes } }`)).slaPolicies.find((x: any) => x.severity === 'MAJOR');
    const SET = `mutation ($i: SetSlaPolicyInput!) { setSlaPolicy(input: $i) { version firstResponseMinutes } }`;
    const input = { severity: p.severity, firstResponseMinutes: p.firstResponseMinutes + 7, resolutionMinutes: 9000, warnPercent: 70 };
    expect((await cs.exec(executive, SET, { i: { ...input, expectedVersion: p.version + 1 } })).errors?.[0]?.extensions?.reason).toBe('STALE_VERSION');
    const after = (await cs.ok(executive, `{ slaPolicies { severity version firstResponseMinutes } }`)).slaPolicies.find((x: any) => x.severity === p.severity);
    expect(after).toEqual(p);
    expect((await cs.ok(executive, SET, { i: { ...input, expectedVersion: p.version } })).setSlaPolicy).toEqual({
      version: p.version + 1,
      firstResponseMinutes: p.firstResponseMinutes + 7,
    });

    const WEIGHTS = `{ assessmentWeights { indicator weight version } }`;
    const w = (await cs.ok(executive, WEIGHTS)).assessmentWeights.find((x: any) => x.indicator === 'REVISIT_RATE');
    const W = `mutation ($w: Int!, $v: Int!) { setAssessmentWeight(indicator: REVISIT_RATE, weight: $w, expectedVersion: $v) { weight version } }`;
    expect((await cs.exec(executive, W, { w: w.weight + 1, v: w.version + 1 })).errors?.[0]?.extensions?.reason).toBe('STALE_VERSION');
    expect((await cs.ok(executive, WEIGHTS)).assessmentWeights.find((x: any) => x.indicator === 'REVISIT_RATE')).toEqual(w);
    expect((await cs.ok(executive, W, { w: w.weight + 1, v: w.version })).setAssessmentWeight).toEqual({ weight: w.weight + 1, version: w.version + 1 });
  });
});
