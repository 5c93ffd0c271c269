import { DEMO_SEGMENTS } from '@group/shared';
import { testDatabaseKinds } from '@group/shared/testing';
import { startTestGraph, TestGraph } from '../support/graph';

/**
 * The CRM permission matrix (domain.md §3.1.2, issue 5) from the outside:
 * through the gateway, signed in as each role, every CRM write is tried by
 * everyone. Allowed ones succeed; denied ones get FORBIDDEN (or NOT_FOUND for
 * another segment's record) and change nothing: the executive's counts of
 * leads, opportunities, actions and orders are compared before and after.
 */
const ACCOUNTS = {
  executive: 'executive@example.com',
  sysadmin: 'sysadmin@example.com',
  operator: 'operator.mkt@example.com',
  headResi: 'head.resi@example.com',
  staffResi: 'staff.resi@example.com',
  adminResi: 'admin.resi@example.com',
  headComm: 'head.comm@example.com',
  staffComm: 'staff.comm@example.com',
} as const;
type Who = keyof typeof ACCOUNTS;
const EVERYONE = Object.keys(ACCOUNTS) as Who[];
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const HOTL = DEMO_SEGMENTS.find((s) => s.code === 'HOTL')!;

describe.each(testDatabaseKinds())('CRM permission matrix through the gateway on %s', (kind) => {
  let g: TestGraph;
  const token = {} as Record<Who, string>;
  const me = {} as Record<Who, string | null>;
  let customerId: string;

  beforeAll(async () => {
    g = await startTestGraph(kind);
    for (const w of EVERYONE) {
      token[w] = await g.login(ACCOUNTS[w]);
      me[w] = (await g.request('{ me { employee { id } } }', { token: token[w] })).body.data?.me?.employee?.id ?? null;
    }
    customerId = (await g.request('{ customers(first: 1) { edges { node { id } } } }', { token: token.staffResi })).body.data.customers.edges[0].node.id;
  }, 180_000);
  afterAll(() => g?.stop());

  const counts = async () => {
    const r = await g.request(
      '{ leads(first: 1) { totalCount } opportunities(first: 1) { totalCount } generalActions(first: 1) { totalCount } salesOrders(first: 1) { totalCount } }',
      { token: token.executive },
    );
    const d = r.body.data;
    return [d.leads.totalCount, d.opportunities.totalCount, d.generalActions.totalCount, d.salesOrders.totalCount];
  };

  /** Tries one write as everyone: the allowed succeed, the others are refused and write nothing. */
  async function matrix(label: string, allowed: Who[], attempt: (w: Who, i: number) => Promise<{ body: { data?: any; errors?: any[] } }>) {
    const outcome: Record<string, string> = {};
    for (const [i, w] of EVERYONE.entries()) {
      const before = await counts();
      const r = await attempt(w, i);
      const code = r.body.errors?.[0]?.extensions?.code;
      outcome[w] = code ?? 'OK';
      if (!allowed.includes(w)) {
        expect([label, w, ['FORBIDDEN', 'NOT_FOUND'].includes(code)]).toEqual([label, w, true]);
        expect([label, w, await counts()]).toEqual([label, w, before]);
      }
    }
    expect(
      Object.entries(outcome)
        .filter(([, c]) => c === 'OK')
        .map(([w]) => w)
        .sort(),
    ).toEqual([...allowed].sort());
  }

  const lead = (w: Who, name: string, segmentId = RESI.id) =>
    g.request('mutation ($i: CreateLeadInput!) { createLead(input: $i) { id version } }', { token: token[w], variables: { i: { segmentId, name, source: 'REFERRAL' } } });
  const opportunity = (w: Who, name: string) =>
    g.request('mutation ($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version stage } }', {
      token: token[w],
      variables: { i: { customerId, name, amount: 100000 } },
    });

  it('CS-R35 leads, opportunities and orders are created by segment heads and business staff of the segment only', async () => {
    await matrix('createLead', ['headResi', 'staffResi'], (w, i) => lead(w, `线索-${i}`));
    await matrix('createOpportunity', ['headResi', 'staffResi'], (w, i) => opportunity(w, `商机-${i}`));
    await matrix('createSalesOrder', ['headResi', 'staffResi'], (w, i) =>
      g.request('mutation ($i: CreateSalesOrderInput!) { createSalesOrder(input: $i) { id } }', {
        token: token[w],
        variables: { i: { customerId, contractNumber: `PM-${kind}-${i}`, signedAt: new Date(Date.now() - 3600_000).toISOString(), amount: 5000 } },
      }),
    );
  });

  it('CS-R38 a general action is assigned to business staff by executives (any segment) and segment heads (own segment) only', async () => {
    const target = (await lead('staffResi', '待分配线索')).body.data.createLead.id;
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString();
    // staff.resi "assigning" to themselves is planning their own action, not an assignment.
    await matrix('assign general action', ['executive', 'headResi', 'staffResi'], (w, i) =>
      g.request('mutation ($i: CreateGeneralActionInput!) { createGeneralAction(input: $i) { id } }', {
        token: token[w],
        variables: { i: { targetType: 'LEAD', targetId: target, type: 'VISIT', subject: `拜访-${i}`, dueAt: due, assigneeId: me.staffResi } },
      }),
    );
    const byStaff = await g.request('mutation ($i: CreateGeneralActionInput!) { createGeneralAction(input: $i) { id } }', {
      token: token.staffResi,
      variables: { i: { targetType: 'LEAD', targetId: target, type: 'CALL', subject: '派给主管', dueAt: due, assigneeId: me.headResi } },
    });
    expect(byStaff.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ACTION_ASSIGNMENT_FORBIDDEN' });
  });

  it('opportunity stages are promoted by the segment head and the owning staff member only', async () => {
    const stages = (await g.request(`{ opportunityStages(segmentId: "${RESI.id}") { code position won } }`, { token: token.headResi })).body.data.opportunityStages;
    const open = stages.filter((s: any) => !s.won).sort((a: any, b: any) => a.position - b.position);
    for (const owner of ['staffResi', 'headResi'] as Who[]) {
      const o = (await opportunity(owner, `升迁-${owner}`)).body.data.createOpportunity;
      const next = open[open.findIndex((s: any) => s.code === o.stage) + 1].code;
      let version = o.version;
      const allowed: Who[] = owner === 'staffResi' ? ['staffResi', 'headResi'] : ['headResi'];
      for (const w of EVERYONE) {
        const r = await g.request('mutation ($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { version stage } }', {
          token: token[w],
          variables: { i: { id: o.id, expectedVersion: version, stage: next } },
        });
        if (allowed.includes(w) && !r.body.errors) {
          version = r.body.data.moveOpportunityStage.version;
          // Move back (heads only) so the next allowed role can promote again.
          const back = await g.request('mutation ($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { version } }', {
            token: token.headResi,
            variables: { i: { id: o.id, expectedVersion: version, stage: o.stage, note: 'reset' } },
          });
          version = back.body.data.moveOpportunityStage.version;
        } else {
          expect([w, allowed.includes(w), r.body.errors?.[0]?.extensions?.code]).toEqual([w, false, expect.stringMatching(/FORBIDDEN|NOT_FOUND/)]);
        }
      }
    }
  });

  it('CS-R36 only the group marketing department operator moves a record to another segment', async () => {
    const l = (await lead('staffResi', '跨版块线索')).body.data.createLead;
    await matrix('allocateToSegment', ['operator'], (w) =>
      g.request('mutation ($i: AllocateToSegmentInput!) { allocateToSegment(input: $i) { allocation { status } } }', {
        token: token[w],
        variables: { i: { recordType: 'LEAD', recordId: l.id, expectedVersion: l.version, toSegmentId: HOTL.id, reason: '转入酒店版块' } },
      }),
    );
    const moved = await g.request(`{ lead(id: "${l.id}") { segment { code } } }`, { token: token.executive });
    expect(moved.body.data.lead.segment.code).toBe('HOTL');
  });

  it('CS-R37 five independent roles: each signed-in role has its own permission profile, no two alike', async () => {
    const five: Who[] = ['executive', 'headResi', 'staffResi', 'adminResi', 'sysadmin'];
    const roles = await Promise.all(five.map(async (w) => (await g.request('{ me { role } }', { token: token[w] })).body.data.me.role));
    expect(roles).toEqual(['GROUP_EXECUTIVE', 'SEGMENT_HEAD', 'BUSINESS_STAFF', 'SEGMENT_ADMIN', 'SYSTEM_ADMIN']);
    const target = (await lead('staffResi', 'CS-R37 线索')).body.data.createLead.id;
    // The demo data's overdue complaints escalated first (untimed setup): the profiles below ask whether a role
    // may run the job, not how long the first run over every overdue complaint takes on a loaded machine.
    expect((await g.request('mutation { runEscalation { candidates } }', { token: token.sysadmin })).body.errors).toBeUndefined();
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const okOf = (r: { body: { data?: any; errors?: any[] } }) => (r.body.errors ? 0 : 1);
    const leadsIn = async (w: Who, segmentId: string) =>
      (await g.request(`{ leads(first: 1, filter: { segmentId: "${segmentId}" }) { totalCount } }`, { token: token[w] })).body.data?.leads?.totalCount ?? 0;
    const profile = async (w: Who, i: number) => [
      (await leadsIn(w, HOTL.id)) > 0 ? 1 : 0, // reads every segment
      (await leadsIn(w, RESI.id)) > 0 ? 1 : 0, // reads its segment
      okOf(await lead(w, `CS-R37-${i}`)), // records business
      okOf(
        await g.request('mutation ($i: CreateGeneralActionInput!) { createGeneralAction(input: $i) { id } }', {
          token: token[w],
          // to someone else: the staff member's own action would be planning, not assigning
          variables: { i: { targetType: 'LEAD', targetId: target, type: 'VISIT', subject: `指派-${i}`, dueAt: due, assigneeId: w === 'staffResi' ? me.headResi : me.staffResi } },
        }),
      ), // assigns work
      okOf(
        await g.request('mutation ($seg: ID!) { configureOpportunityStages(segmentId: $seg, expectedVersion: 0, stages: []) { code } }', {
          token: token[w],
          variables: { seg: RESI.id },
        }),
      ), // configures the segment
      okOf(await g.request('mutation { runEscalation { candidates } }', { token: token[w] })), // runs system jobs
    ];
    const profiles: Record<string, string> = {};
    for (const [i, w] of five.entries()) profiles[w] = (await profile(w, i)).join('');
    expect(profiles).toEqual({ executive: '110101', headResi: '011100', staffResi: '011000', adminResi: '010010', sysadmin: '000001' });
    expect(new Set(Object.values(profiles)).size).toBe(5);
  });

  it('CS-R34 the CRM has 10 segments for the business of 8 operating companies, and knows no other', async () => {
    const seg = (await g.request('{ segments(first: 50) { totalCount edges { node { code company { code kind } } } } }', { token: token.executive })).body.data.segments;
    expect(seg.totalCount).toBe(10);
    const companies = new Set(seg.edges.map((e: any) => e.node.company.code));
    expect(companies.size).toBe(8);
    expect(seg.edges.filter((e: any) => e.node.company.kind === 'GROUP')).toEqual([]);
    // The CRM's own segment list is exactly these ten: a row of each is known (own segment valid, others forbidden),
    // an eleventh is unknown; all-or-nothing writes nothing.
    const codes: string[] = seg.edges.map((e: any) => e.node.code);
    const csv = 'ref,name,kind,segment\n' + [...codes, 'ELEVENTH'].map((c, i) => `CS-R34-${i},客户${i},INDIVIDUAL,${c}\n`).join('');
    const r = (await g.request('mutation ($csv: String!) { importCustomers(csv: $csv) { inserted errors { row code } } }', { token: token.headResi, variables: { csv } })).body.data
      .importCustomers;
    expect(r.inserted).toBe(0);
    expect(r.errors.map((e: any) => [codes[e.row - 1] ?? 'ELEVENTH', e.code])).toEqual([
      ...codes.filter((c) => c !== 'RESI').map((c) => [c, 'SEGMENT_FORBIDDEN']),
      ['ELEVENTH', 'UNKNOWN_SEGMENT'],
    ]);
  });

  it('CS-R26 the group marketing department supervises CRM use in every segment: it reads every segment and its follow-up compliance, a segment head only their own', async () => {
    const FOLLOW_UP = '{ followUpCompliance(by: SEGMENT) { rows { groupId required } } }';
    const segmentsSeen = async (w: Who) => (await g.request(FOLLOW_UP, { token: token[w] })).body.data.followUpCompliance.rows.map((r: any) => r.groupId).sort();
    const all = DEMO_SEGMENTS.map((s) => s.id).sort();
    expect(await segmentsSeen('operator')).toEqual(all);
    expect(await segmentsSeen('headResi')).toEqual([RESI.id]);
    const leadsIn = async (w: Who, segmentId: string) =>
      (await g.request(`{ leads(first: 1, filter: { segmentId: "${segmentId}" }) { totalCount } }`, { token: token[w] })).body.data.leads.totalCount;
    for (const s of DEMO_SEGMENTS) expect([s.code, (await leadsIn('operator', s.id)) > 0]).toEqual([s.code, true]);
    expect(await leadsIn('headResi', HOTL.id)).toBe(0);
  });

  it('CS-R24 a business staff member does the five items of the daily CRM work through the graph (WF-CRM-3)', async () => {
    const req = async (query: string, variables?: Record<string, unknown>) => {
      const r = await g.request(query, { token: token.staffResi, variables });
      expect(r.body.errors).toBeUndefined();
      return r.body.data;
    };
    // (1) follow up an entered lead
    const l = (await lead('staffResi', 'CS-R24 日常线索')).body.data.createLead;
    await req('mutation ($i: CreateGeneralActionInput!) { createGeneralAction(input: $i) { id } }', {
      i: { targetType: 'LEAD', targetId: l.id, type: 'CALL', subject: '跟进线索' },
    });
    expect((await req(`{ lead(id: "${l.id}") { status } }`)).lead.status).toBe('FOLLOWING_UP');
    // (2) view customer information and maintain the relationship
    const c = (await req(`{ customer(id: "${customerId}") { id name } }`)).customer;
    expect(c.id).toBe(customerId);
    await req('mutation ($i: AddCustomerContactInput!) { addCustomerContact(input: $i) { id } }', { i: { customerId, name: '李经理', phone: '13800000024' } });
    // (3) view an opportunity, update its follow-up and promote its stage
    const o = (await opportunity('staffResi', 'CS-R24 商机')).body.data.createOpportunity;
    const stages = (await req('{ opportunityStages(segmentId: "' + RESI.id + '") { code } }')).opportunityStages.map((s: any) => s.code);
    const moved = (
      await req('mutation ($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { stage } }', { i: { id: o.id, expectedVersion: o.version, stage: stages[1] } })
    ).moveOpportunityStage;
    expect(moved.stage).toBe(stages[1]);
    // (4) record a general action on the opportunity
    await req('mutation ($i: CreateGeneralActionInput!) { createGeneralAction(input: $i) { id } }', {
      i: { targetType: 'OPPORTUNITY', targetId: o.id, type: 'VISIT', subject: '方案沟通' },
    });
    // (5) enter the sales order of a signed contract
    const order = (
      await req('mutation ($i: CreateSalesOrderInput!) { createSalesOrder(input: $i) { id customer { id } } }', {
        i: { customerId, contractNumber: `CS-R24-${kind}`, signedAt: new Date(Date.now() - 3600_000).toISOString(), amount: 88000 },
      })
    ).createSalesOrder;
    expect(order.customer.id).toBe(customerId);
  });
});
