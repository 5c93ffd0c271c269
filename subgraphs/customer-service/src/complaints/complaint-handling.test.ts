import 'reflect-metadata';
import { DEMO_SEGMENTS, demoDepartmentId, demoSegmentPersonId, demoStaffEmployeeId, Role, Viewer } from '@group/shared';
import { errorOf, testDatabaseKinds } from '@group/shared/testing';
import { startCustomerService, type CsTestApp } from '../testing/harness';
import { ComplaintEscalation } from '../escalation/complaint-escalation.entity';
import { importedComplaintId } from '../imports/complaint-import';

const segment = (code: string) => DEMO_SEGMENTS.find((s) => s.code === code)!;
const RESI = segment('RESI');
const COMM = segment('COMM');
const viewer = (role: Role, segmentIds: string[], employeeId: string | null = null): Viewer => ({ accountId: `acc-${role}-${segmentIds.join('-')}`, employeeId, role, segmentIds });
const staffResi = viewer(Role.BUSINESS_STAFF, [RESI.id], demoSegmentPersonId('RESI', 'staff'));
const headResi = viewer(Role.SEGMENT_HEAD, [RESI.id], demoSegmentPersonId('RESI', 'head'));
const staffComm = viewer(Role.BUSINESS_STAFF, [COMM.id], demoSegmentPersonId('COMM', 'staff'));
const executive = viewer(Role.GROUP_EXECUTIVE, []);
const sysadmin = viewer(Role.SYSTEM_ADMIN, []);
const HANDLER = demoStaffEmployeeId('JARE', 'CS', 2);

/** Local time in Asia/Shanghai. */
const local = (s: string) => new Date(`${s}+08:00`);
const iso = (s: string) => local(s).toISOString();

const COMPLAINT_FIELDS = `id code status version responseTier availableActions firstRespondedAt resolvedAt closedAt satisfaction
  firstResponseDueAt resolutionDueAt firstResponseBreached resolutionBreached slaPaused slaPausedMinutes handler { id }`;
const CREATE = `mutation ($input: CreateComplaintInput!) { createComplaint(input: $input) { ${COMPLAINT_FIELDS} } }`;
const TRANSITION = `mutation ($input: TransitionComplaintInput!) { transitionComplaint(input: $input) { ${COMPLAINT_FIELDS} } }`;
const GET = `query ($id: ID!) { complaint(id: $id) { ${COMPLAINT_FIELDS}
  timeline(first: 50) { totalCount edges { node { seq kind action fromStatus toStatus actorAccountId actor { id } note at } } } } }`;

describe.each(testDatabaseKinds())('complaint handling on %s', (kind) => {
  let cs: CsTestApp;
  let customerResi: string;

  async function create(severity = 'GENERAL', extra: Record<string, unknown> = {}, v: Viewer = staffResi): Promise<any> {
    const input = { customerId: customerResi, title: '墙体裂缝', description: '客户反映墙体出现裂缝', channel: 'HOTLINE', severity, phase: 'AFTER_SALE', ...extra };
    return (await cs.ok(v, CREATE, { input })).createComplaint;
  }
  async function step(c: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}, v: Viewer = staffResi): Promise<any> {
    return (await cs.ok(v, TRANSITION, { input: { id: c.id, expectedVersion: c.version, action, ...extra } })).transitionComplaint;
  }
  const attempt = (c: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}, v: Viewer = staffResi) =>
    cs.exec(v, TRANSITION, { input: { id: c.id, expectedVersion: c.version, action, ...extra } });

  beforeAll(async () => {
    // Assignees and owners must be on the employee roster: organization's demo employees.
    cs = await startCustomerService(kind, { label: 'cs-handling', now: '2026-09-28T10:00:00', roster: true });
    // Thu/Fri 1–2 Oct 2026 are holidays, Sat 10 Oct a make-up working day.
    await cs.app.dataSource.query('INSERT INTO business_calendar_day (calendar_id, date, kind, name) VALUES (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)', [
      'default',
      '2026-10-01',
      'HOLIDAY',
      '国庆节',
      'default',
      '2026-10-02',
      'HOLIDAY',
      '国庆节',
      'default',
      '2026-10-10',
      'MAKE_UP_WORKDAY',
      '调休',
    ]);
    const d = await cs.ok(staffResi, `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, {
      input: { name: '测试客户', kind: 'INDIVIDUAL', segmentId: RESI.id },
    });
    customerResi = d.createCustomer.id;
  });
  afterAll(() => cs?.stop());

  describe('workflow (state machine, CS-R03 / CS-R06)', () => {
    it('walks received → accepted → assigned → in progress → resolved → revisited → closed, recording every step', async () => {
      cs.setNow('2026-09-28T10:00:00');
      let c = await create();
      expect(c).toMatchObject({ status: 'RECEIVED', version: 1, responseTier: 'BRANCH', availableActions: ['ACCEPT', 'REJECT'] });
      c = await step(c, 'ACCEPT');
      expect(c).toMatchObject({ status: 'ACCEPTED', version: 2, firstRespondedAt: iso('2026-09-28T10:00:00') });
      c = await step(c, 'ASSIGN', { handlerId: HANDLER, note: '转客服二组' });
      expect(c).toMatchObject({ status: 'ASSIGNED', handler: { id: HANDLER } });
      c = await step(c, 'START');
      cs.setNow('2026-09-29T11:00:00');
      c = await step(c, 'RESOLVE', { note: '已修补' }, headResi);
      expect(c).toMatchObject({ status: 'RESOLVED', resolvedAt: iso('2026-09-29T11:00:00'), availableActions: ['REVISIT', 'REOPEN'] });
      c = await step(c, 'REVISIT', { satisfaction: 4 });
      c = await step(c, 'CLOSE');
      expect(c).toMatchObject({ status: 'CLOSED', version: 7, satisfaction: 4, closedAt: iso('2026-09-29T11:00:00'), availableActions: ['REOPEN'] });

      const { complaint } = await cs.ok(staffResi, GET, { id: c.id });
      const steps = complaint.timeline.edges.map((e: any) => e.node);
      expect(complaint.timeline.totalCount).toBe(7);
      expect(steps.map((s: any) => [s.seq, s.action, s.fromStatus, s.toStatus])).toEqual([
        [1, null, null, 'RECEIVED'],
        [2, 'ACCEPT', 'RECEIVED', 'ACCEPTED'],
        [3, 'ASSIGN', 'ACCEPTED', 'ASSIGNED'],
        [4, 'START', 'ASSIGNED', 'IN_PROGRESS'],
        [5, 'RESOLVE', 'IN_PROGRESS', 'RESOLVED'],
        [6, 'REVISIT', 'RESOLVED', 'REVISITED'],
        [7, 'CLOSE', 'REVISITED', 'CLOSED'],
      ]);
      expect(steps[2]).toMatchObject({ kind: 'TRANSITION', note: '转客服二组', actorAccountId: staffResi.accountId, actor: { id: staffResi.employeeId } });
      expect(steps[4]).toMatchObject({ actorAccountId: headResi.accountId, note: '已修补', at: iso('2026-09-29T11:00:00') });
    });

    it('reopens a closed complaint (note required) and rejects at intake (note required)', async () => {
      let c = await create();
      for (const a of ['ACCEPT', 'ASSIGN', 'START', 'RESOLVE', 'REVISIT', 'CLOSE']) c = await step(c, a, { handlerId: HANDLER, note: 'x', satisfaction: 2 });
      expect(errorOf(await attempt(c, 'REOPEN'))).toEqual({ code: 'BAD_USER_INPUT', reason: 'COMPLAINT_NOTE_REQUIRED' });
      c = await step(c, 'REOPEN', { note: '客户不满意' });
      expect(c).toMatchObject({ status: 'IN_PROGRESS', resolvedAt: null, closedAt: null, satisfaction: null });

      let r = await create();
      expect(errorOf(await attempt(r, 'REJECT'))).toEqual({ code: 'BAD_USER_INPUT', reason: 'COMPLAINT_NOTE_REQUIRED' });
      r = await step(r, 'REJECT', { note: '不属于受理范围' });
      expect(r).toMatchObject({ status: 'REJECTED', availableActions: [] });
      expect(errorOf(await attempt(r, 'ACCEPT'))).toEqual({ code: 'CONFLICT', reason: 'COMPLAINT_ALREADY_REJECTED' });
    });

    it('refuses illegal transitions with stable reasons and the allowed actions', async () => {
      const c = await create();
      const r = await attempt(c, 'RESOLVE', { note: 'x' });
      expect(errorOf(r)).toEqual({ code: 'CONFLICT', reason: 'COMPLAINT_TRANSITION_NOT_ALLOWED' });
      expect(r.errors![0].extensions).toMatchObject({ status: 'RECEIVED', action: 'RESOLVE', allowedActions: ['ACCEPT', 'REJECT'] });
      expect(errorOf(await attempt(c, 'CLOSE'))).toEqual({ code: 'CONFLICT', reason: 'COMPLAINT_TRANSITION_NOT_ALLOWED' });
      const a = await step(c, 'ACCEPT');
      expect(errorOf(await attempt(a, 'ASSIGN'))).toEqual({ code: 'BAD_USER_INPUT', reason: 'COMPLAINT_HANDLER_REQUIRED' });
      const closed = await ['ASSIGN', 'START', 'RESOLVE', 'REVISIT', 'CLOSE'].reduce(
        async (p, act) => step(await p, act, { handlerId: HANDLER, note: 'x', satisfaction: 5 }),
        Promise.resolve(a),
      );
      expect(errorOf(await attempt(closed, 'CLOSE'))).toEqual({ code: 'CONFLICT', reason: 'COMPLAINT_ALREADY_CLOSED' });
      // Closing needs a revisit first (G-02).
      const resolved = await ['ACCEPT', 'ASSIGN', 'START', 'RESOLVE'].reduce(async (p, act) => step(await p, act, { handlerId: HANDLER, note: 'x' }), create());
      expect(errorOf(await attempt(resolved, 'CLOSE'))).toEqual({ code: 'CONFLICT', reason: 'COMPLAINT_TRANSITION_NOT_ALLOWED' });
      expect(errorOf(await attempt(resolved, 'REVISIT', { satisfaction: 9 })).code).toBe('BAD_USER_INPUT');
    });

    it('never loses a concurrent update: a stale expectedVersion is refused, two racing steps let exactly one through', async () => {
      const c = await create();
      const a = await step(c, 'ACCEPT');
      expect(errorOf(await attempt(c, 'REJECT', { note: 'x' }))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
      const results = await Promise.all([attempt(a, 'ASSIGN', { handlerId: HANDLER }), attempt(a, 'REJECT', { note: 'dup' }), attempt(a, 'ASSIGN', { handlerId: HANDLER })]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => r.errors).map((r) => errorOf(r).reason)).toEqual(['STALE_VERSION', 'STALE_VERSION']);
      const { complaint } = await cs.ok(staffResi, GET, { id: c.id });
      expect(complaint.version).toBe(3);
      expect(complaint.timeline.totalCount).toBe(3);
    });

    it('keeps segment isolation and writer roles (CS-R35): another segment sees nothing, executives cannot act', async () => {
      const c = await create();
      expect(errorOf(await attempt(c, 'ACCEPT', {}, staffComm))).toEqual({ code: 'NOT_FOUND', reason: 'COMPLAINT_NOT_FOUND' });
      expect(errorOf(await attempt(c, 'ACCEPT', {}, executive))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
      expect((await cs.ok(staffComm, GET, { id: c.id })).complaint).toBeNull();
      expect((await cs.ok(executive, GET, { id: c.id })).complaint.timeline.totalCount).toBe(1);
    });

    it('loads the timelines of a page of complaints in one statement', async () => {
      const q = `query ($n: Int!) { complaints(first: $n) { edges { node { id timeline(first: 3) { totalCount edges { node { seq } } } } } } }`;
      const cost = async (n: number) => {
        const before = cs.app.counter.count;
        await cs.ok(staffResi, q, { n });
        return cs.app.counter.count - before;
      };
      expect(await cost(1)).toBe(await cost(10));
    });
  });

  describe('SLA (domain.md G-04, §3.5)', () => {
    it('computes due times in business hours across a weekend and a holiday', async () => {
      cs.setNow('2026-09-30T17:00:00'); // Wednesday, 1 h before closing; Thu/Fri holidays
      const c = await create('MAJOR'); // first response 2 business hours, resolution 15 days = 8100 min
      expect(c.firstResponseDueAt).toBe(iso('2026-10-05T10:00:00'));
      // 8100 = 60 on Wed + 14 days × 540 + 480 (Monday 5 Oct is day 1; Sat 10 Oct is a make-up day).
      expect(c.resolutionDueAt).toBe(iso('2026-10-22T17:00:00'));
      cs.setNow('2026-10-05T09:59:00');
      expect((await cs.ok(staffResi, GET, { id: c.id })).complaint.firstResponseBreached).toBe(false);
      cs.setNow('2026-10-05T10:01:00');
      expect((await cs.ok(staffResi, GET, { id: c.id })).complaint.firstResponseBreached).toBe(true);
      const a = await step(c, 'ACCEPT');
      expect(a).toMatchObject({ firstResponseBreached: true, resolutionBreached: false });
    });

    it('CS-R01 the group leads the CS rules: SLA targets and calendar days come from configuration changed by group executives only', async () => {
      const SET = `mutation ($input: SetSlaPolicyInput!) { setSlaPolicy(input: $input) { severity firstResponseMinutes resolutionMinutes warnPercent } }`;
      const DAY = `mutation ($input: SetCalendarDayInput!) { setCalendarDay(input: $input) }`;
      const input = { severity: 'SERIOUS', firstResponseMinutes: 30, resolutionMinutes: 1080, warnPercent: 50 };
      const { version } = (await cs.ok(executive, `{ slaPolicies { severity version } }`)).slaPolicies.find((p: any) => p.severity === 'SERIOUS');
      expect(errorOf(await cs.exec(staffResi, SET, { input: { ...input, expectedVersion: version } }))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
      expect((await cs.ok(executive, SET, { input: { ...input, expectedVersion: version } })).setSlaPolicy).toEqual(input);
      expect((await cs.ok(executive, DAY, { input: { date: '2026-10-12', kind: 'HOLIDAY', name: '测试假日' } })).setCalendarDay).toBe(true);
      cs.setNow('2026-10-09T17:50:00'); // Friday; Saturday 10 Oct worked, Monday 12 Oct now a holiday
      const c = await create('SERIOUS');
      expect(c.firstResponseDueAt).toBe(iso('2026-10-10T09:20:00'));
      expect(c.resolutionDueAt).toBe(iso('2026-10-13T17:50:00')); // 10 min Fri + 540 Sat + (Sun, holiday Mon) + 530 Tue
      await cs.ok(executive, DAY, { input: { date: '2026-10-12', kind: null } });
      await cs.ok(executive, SET, { input: { severity: 'SERIOUS', firstResponseMinutes: 720, resolutionMinutes: 5400, warnPercent: 80, expectedVersion: version + 1 } });
      expect((await cs.ok(staffResi, `{ slaPolicies { severity firstResponseMinutes } }`)).slaPolicies).toHaveLength(4);
    });

    it('CS-R03 received time: a complaint from a hotline log registered later runs its SLA from when it was received (at most 30 days back, never ahead), the timeline says so', async () => {
      cs.setNow('2026-09-28T15:00:00'); // Monday afternoon; the hotline took the call on Friday at 17:00
      const FIELDS = `mutation ($input: CreateComplaintInput!) { createComplaint(input: $input) { id receivedAt createdAt firstResponseDueAt firstResponseBreached } }`;
      const input = { customerId: customerResi, title: '电梯故障', description: '热线记录：电梯停运', channel: 'HOTLINE', severity: 'MAJOR', phase: 'AFTER_SALE' };
      const c = (await cs.ok(staffResi, FIELDS, { input: { ...input, receivedAt: iso('2026-09-25T17:00:00') } })).createComplaint;
      // 2 business hours: 60 min on Friday, 60 on Monday morning; already overdue when registered.
      expect(c).toMatchObject({
        receivedAt: iso('2026-09-25T17:00:00'),
        createdAt: iso('2026-09-28T15:00:00'),
        firstResponseDueAt: iso('2026-09-28T10:00:00'),
        firstResponseBreached: true,
      });
      const created = (await cs.ok(staffResi, GET, { id: c.id })).complaint.timeline.edges[0].node;
      expect(created).toMatchObject({ kind: 'CREATED', note: `Received ${iso('2026-09-25T17:00:00')}, registered later`, at: iso('2026-09-28T15:00:00') });
      // Registered as received now by default.
      expect((await cs.ok(staffResi, FIELDS, { input })).createComplaint).toMatchObject({ receivedAt: iso('2026-09-28T15:00:00'), firstResponseDueAt: iso('2026-09-28T17:00:00') });
      expect(errorOf(await cs.exec(staffResi, FIELDS, { input: { ...input, receivedAt: iso('2026-09-28T15:05:00') } }))).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'COMPLAINT_RECEIVED_IN_FUTURE',
      });
      expect(errorOf(await cs.exec(staffResi, FIELDS, { input: { ...input, receivedAt: iso('2026-08-28T14:59:00') } }))).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'COMPLAINT_RECEIVED_TOO_EARLY',
      });
      expect((await cs.ok(staffResi, FIELDS, { input: { ...input, receivedAt: iso('2026-08-29T15:00:00') } })).createComplaint.receivedAt).toBe(iso('2026-08-29T15:00:00'));
    });

    it('CS-R03 received time: importComplaints registers a hotline log, each complaint RECEIVED with its SLA from received_at (bounded), its late registration in the timeline', async () => {
      cs.setNow('2026-09-28T15:00:00');
      const IMPORT = `mutation ($csv: String!) { importComplaints(csv: $csv) { rows inserted committed errors { row column code } } }`;
      const header = 'ref,customer,title,description,channel,severity,phase,category,received_at,branch\n';
      const line = (ref: string, receivedAt: string, customer = customerResi) => `${ref},${customer},电梯故障,热线记录：电梯停运,HOTLINE,MAJOR,AFTER_SALE,,${iso(receivedAt)},\n`;
      const bad = (
        await cs.ok(staffResi, IMPORT, {
          csv:
            header +
            line('HL-1', '2026-09-25T17:00:00') +
            line('HL-2', '2026-09-28T15:05:00') +
            line('HL-3', '2026-08-28T14:59:00') +
            line('HL-4', '2026-09-25T17:00:00', '33333333-3333-4333-8333-333333333333'),
        })
      ).importComplaints;
      expect(bad).toEqual({
        rows: 4,
        inserted: 0,
        committed: false,
        errors: [
          { row: 2, column: 'received_at', code: 'COMPLAINT_RECEIVED_IN_FUTURE' },
          { row: 3, column: 'received_at', code: 'COMPLAINT_RECEIVED_TOO_EARLY' },
          { row: 4, column: 'customer', code: 'CUSTOMER_NOT_FOUND' },
        ],
      });
      expect((await cs.ok(staffResi, IMPORT, { csv: header + line('HL-1', '2026-09-25T17:00:00') })).importComplaints).toMatchObject({ inserted: 1, committed: true, errors: [] });
      const c = (
        await cs.ok(
          staffResi,
          `query ($id: ID!) { complaint(id: $id) { code status receivedAt createdAt firstResponseDueAt timeline(first: 5) { edges { node { kind note actorAccountId } } } } }`,
          { id: importedComplaintId('HL-1') },
        )
      ).complaint;
      expect(c).toMatchObject({
        code: expect.stringMatching(/^CMP-\d{6}$/),
        status: 'RECEIVED',
        receivedAt: iso('2026-09-25T17:00:00'),
        createdAt: iso('2026-09-28T15:00:00'),
        firstResponseDueAt: iso('2026-09-28T10:00:00'),
        timeline: { edges: [{ node: { kind: 'CREATED', note: `Received ${iso('2026-09-25T17:00:00')}, registered later`, actorAccountId: staffResi.accountId } }] },
      });
      expect((await cs.ok(staffResi, IMPORT, { csv: header + line('HL-1', '2026-09-25T17:00:00') })).importComplaints.errors).toEqual([
        { row: 1, column: 'ref', code: 'DUPLICATE_IN_DATABASE' },
      ]);
    });

    it('uses a make-up working day', async () => {
      cs.setNow('2026-10-09T17:30:00'); // Friday; Saturday 10 Oct is worked
      const c = await create('MAJOR');
      expect(c.firstResponseDueAt).toBe(iso('2026-10-10T10:30:00'));
    });

    it('pauses the resolution clock while waiting on the customer', async () => {
      cs.setNow('2026-09-28T09:00:00'); // Monday
      let c = await create('GENERAL'); // resolution 5 × 540 min: Mon, Tue, Wed, (holidays, weekend), Mon, Tue 18:00
      expect(c.resolutionDueAt).toBe(iso('2026-10-06T18:00:00'));
      for (const a of ['ACCEPT', 'ASSIGN', 'START']) c = await step(c, a, { handlerId: HANDLER });
      cs.setNow('2026-09-29T09:00:00');
      c = await step(c, 'WAIT_FOR_CUSTOMER');
      expect(c).toMatchObject({ status: 'WAITING_ON_CUSTOMER', slaPaused: true });
      cs.setNow('2026-10-20T09:00:00'); // long after the original target, but the clock stood still
      expect((await cs.ok(staffResi, GET, { id: c.id })).complaint.resolutionBreached).toBe(false);
      cs.setNow('2026-09-30T12:00:00'); // the customer answered after 12 business hours... resumed here:
      c = await step(c, 'CUSTOMER_REPLIED');
      expect(c).toMatchObject({ status: 'IN_PROGRESS', slaPaused: false, slaPausedMinutes: 720 });
      expect(c.resolutionDueAt).toBe(iso('2026-10-08T12:00:00')); // 2700 + 720 business minutes
    });
  });

  describe('escalation job (CS-R03 multi-level rapid response, G-04)', () => {
    const RUN = `mutation { runEscalation { candidates escalated } }`;
    const count = async (sql: string, params: unknown[]) => Number((await cs.app.dataSource.query(sql, params))[0].n);

    it('CS-R03 escalates one level per SLA milestone passed (first response at risk, overdue, ...), never two in one run, only upwards, idempotent', async () => {
      cs.setNow('2026-11-02T09:00:00'); // Monday
      const late = await create('MAJOR'); // first response due 11:00
      let waiting = await create('MAJOR');
      for (const a of ['ACCEPT', 'ASSIGN', 'START', 'WAIT_FOR_CUSTOMER']) waiting = await step(waiting, a, { handlerId: HANDLER });
      let done = await create('MAJOR');
      for (const a of ['ACCEPT', 'ASSIGN', 'START']) done = await step(done, a, { handlerId: HANDLER });
      done = await step(done, 'RESOLVE', { note: 'ok' });

      cs.setNow('2026-11-02T11:30:00'); // first response at risk AND overdue: two milestones, one level per run
      const first = (await cs.ok(sysadmin, RUN)).runEscalation;
      expect(first.escalated).toBeGreaterThanOrEqual(1);
      let c = (await cs.ok(staffResi, GET, { id: late.id })).complaint;
      expect(c).toMatchObject({ responseTier: 'COMPANY', version: 2, status: 'RECEIVED' });
      const escalations = () => c.timeline.edges.map((e: any) => e.node).filter((n: any) => n.kind === 'ESCALATED');
      expect(escalations()).toEqual([expect.objectContaining({ seq: 2, note: 'FIRST_RESPONSE_AT_RISK', actorAccountId: null, fromStatus: 'RECEIVED', toStatus: 'RECEIVED' })]);
      // A handler's edit based on the pre-escalation version is refused, not lost.
      expect(errorOf(await attempt(late, 'ACCEPT'))).toEqual({ code: 'CONFLICT', reason: 'STALE_VERSION' });
      // The next run takes the next milestone, one more level; then nothing is left.
      expect((await cs.ok(sysadmin, RUN)).runEscalation.escalated).toBeGreaterThanOrEqual(1);
      c = (await cs.ok(staffResi, GET, { id: late.id })).complaint;
      expect(c).toMatchObject({ responseTier: 'GROUP_CENTER', version: 3 });
      expect(escalations().map((n: any) => n.note)).toEqual(['FIRST_RESPONSE_AT_RISK', 'FIRST_RESPONSE_BREACHED']);
      expect((await cs.ok(sysadmin, RUN)).runEscalation).toEqual({ candidates: 0, escalated: 0 });

      cs.setNow('2026-11-24T09:00:00'); // 15 working days later: resolution breached; the top stays the top
      await cs.ok(sysadmin, RUN);
      c = (await cs.ok(staffResi, GET, { id: late.id })).complaint;
      expect(c).toMatchObject({ responseTier: 'GROUP_CENTER', resolutionBreached: true, version: 3 });
      expect((await cs.ok(staffResi, GET, { id: waiting.id })).complaint).toMatchObject({ responseTier: 'BRANCH', resolutionBreached: false, slaPaused: true });
      expect((await cs.ok(staffResi, GET, { id: done.id })).complaint.responseTier).toBe('BRANCH');
      expect(await count('SELECT COUNT(*) AS n FROM complaint_escalation WHERE complaint_id = ?', [late.id])).toBe(2);
      expect((await cs.ok(sysadmin, RUN)).runEscalation.escalated).toBe(0);
    });

    it('CS-R03 is safe on several instances at once: concurrent runs use each milestone once, one level each', async () => {
      cs.setNow('2026-12-01T09:00:00');
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await create(i % 2 ? 'MAJOR' : 'CRITICAL')).id);
      cs.setNow('2026-12-01T15:00:00'); // all first responses at risk and overdue: two milestones each
      const runs = await Promise.all([1, 2, 3, 4].map(() => cs.app.services.escalation.run()));
      expect(runs.reduce((n, r) => n + r.escalated, 0)).toBe(await cs.app.dataSource.getRepository(ComplaintEscalation).countBy({ escalatedAt: local('2026-12-01T15:00:00') }));
      while ((await cs.app.services.escalation.run()).escalated > 0); // the rest, one level per run
      for (const id of ids) {
        const rows = await cs.app.dataSource.query('SELECT level, reason FROM complaint_escalation WHERE complaint_id = ? ORDER BY level', [id]);
        expect(rows.map((r: any) => [Number(r.level), r.reason])).toEqual([
          [2, 'FIRST_RESPONSE_AT_RISK'],
          [3, 'FIRST_RESPONSE_BREACHED'],
        ]);
        expect(await count("SELECT COUNT(*) AS n FROM complaint_event WHERE complaint_id = ? AND kind = 'ESCALATED'", [id])).toBe(2);
      }
    });

    it('is run by system administrators and group executives only', async () => {
      expect(errorOf(await cs.exec(staffResi, RUN))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_FORBIDDEN' });
      expect(errorOf(await cs.exec(null, RUN)).code).toBe('UNAUTHENTICATED');
      expect((await cs.ok(executive, RUN)).runEscalation.escalated).toBe(0);
    });
  });

  describe('complaint-risk prevention (CS-R04, G-08)', () => {
    const RISK = `mutation ($input: UpdateComplaintRiskInput!) { updateComplaintRisk(input: $input) { version riskLevel legalCase legalEscalatedAt responseTier legalDepartment { id } } }`;
    const COMP = `mutation ($input: RecordCompensationInput!) { recordCompensation(input: $input) { kind amount description } }`;
    const LEGAL = demoStaffEmployeeId('JA', 'LEGAL', 1).replace(/.*/, 'legal-dept');

    it('starts with a risk level from the severity and escalates a legal case to the legal function and the group centre', async () => {
      cs.setNow('2026-12-07T10:00:00');
      const c = await create('SERIOUS');
      expect((await cs.ok(staffResi, `query ($id: ID!) { complaint(id: $id) { riskLevel legalCase } }`, { id: c.id })).complaint).toEqual({
        riskLevel: 'MEDIUM',
        legalCase: false,
      });
      const missing = await cs.exec(staffResi, RISK, { input: { id: c.id, expectedVersion: 1, riskLevel: 'HIGH', legalCase: true } });
      expect(errorOf(missing)).toEqual({ code: 'BAD_USER_INPUT', reason: 'LEGAL_DEPARTMENT_REQUIRED' });
      const r = (await cs.ok(headResi, RISK, { input: { id: c.id, expectedVersion: 1, riskLevel: 'HIGH', legalCase: true, legalDepartmentId: LEGAL, note: '客户起诉' } }))
        .updateComplaintRisk;
      expect(r).toMatchObject({
        version: 2,
        riskLevel: 'HIGH',
        legalCase: true,
        legalEscalatedAt: iso('2026-12-07T10:00:00'),
        responseTier: 'GROUP_CENTER',
        legalDepartment: { id: LEGAL },
      });
      expect(errorOf(await cs.exec(staffResi, RISK, { input: { id: c.id, expectedVersion: 1, riskLevel: 'LOW', legalCase: false } }))).toEqual({
        code: 'CONFLICT',
        reason: 'STALE_VERSION',
      });
      const { complaint } = await cs.ok(staffResi, GET, { id: c.id });
      expect(complaint.timeline.edges[1].node).toMatchObject({ kind: 'LEGAL_ESCALATED', note: 'risk HIGH; legal case; 客户起诉' });
    });

    it('records compensations, exactly in yuan, listed on the complaint and in its timeline', async () => {
      cs.setNow('2026-12-08T10:00:00');
      let c = await create();
      const id = c.id;
      const one = (await cs.ok(headResi, COMP, { input: { complaintId: c.id, expectedVersion: 1, kind: 'MONEY', amount: 1234.56, description: '经济补偿' } })).recordCompensation;
      expect(one).toEqual({ kind: 'MONEY', amount: 1234.56, description: '经济补偿' });
      expect(errorOf(await cs.exec(staffResi, COMP, { input: { complaintId: c.id, expectedVersion: 1, kind: 'REPAIR', amount: 0, description: 'x' } }))).toEqual({
        code: 'CONFLICT',
        reason: 'STALE_VERSION',
      });
      expect(errorOf(await cs.exec(staffResi, COMP, { input: { complaintId: c.id, expectedVersion: 2, kind: 'MONEY', amount: 1.005, description: 'x' } }))).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'COMPENSATION_AMOUNT_INVALID',
      });
      cs.setNow('2026-12-08T10:05:00');
      await cs.ok(headResi, COMP, { input: { complaintId: c.id, expectedVersion: 2, kind: 'REPAIR', amount: 0, description: '免费维修' } });
      const q = `query ($id: ID!) { complaint(id: $id) { version compensations(first: 10) { totalCount edges { node { kind amount } } } timeline(first: 10) { edges { node { kind note } } } } }`;
      c = (await cs.ok(headResi, q, { id })).complaint; // amounts are sensitive (compensation): segment heads read them
      expect(c.version).toBe(3);
      expect(c.compensations.edges.map((e: any) => e.node)).toEqual([
        { kind: 'MONEY', amount: 1234.56 },
        { kind: 'REPAIR', amount: 0 },
      ]);
      expect(c.timeline.edges.map((e: any) => e.node.kind)).toEqual(['CREATED', 'COMPENSATION_RECORDED', 'COMPENSATION_RECORDED']);
      expect(errorOf(await cs.exec(staffComm, COMP, { input: { complaintId: id, expectedVersion: 3, kind: 'GIFT', amount: 1, description: 'x' } }))).toEqual({
        code: 'NOT_FOUND',
        reason: 'COMPLAINT_NOT_FOUND',
      });
    });
  });

  describe('key-account revisit plans (CS-R10, G-07)', () => {
    const PLAN = `mutation ($input: CreateRevisitPlanInput!) { createRevisitPlan(input: $input) { id version cadenceDays nextDueAt lastRevisitAt customer { id } owner { id } } }`;
    const VISIT = `mutation ($input: RecordRevisitInput!) { recordRevisit(input: $input) { version nextDueAt lastRevisitAt revisits(first: 5) { totalCount edges { node { satisfaction feedback visitor { id } } } } } }`;
    const PLANS = `query ($overdue: Boolean) { revisitPlans(filter: { overdue: $overdue }) { totalCount edges { node { id customer { id } } } } }`;

    it('plans quarterly revisits, records them with satisfaction and moves the due date; one plan per customer', async () => {
      cs.setNow('2026-12-10T10:00:00');
      const p = (await cs.ok(staffResi, PLAN, { input: { customerId: customerResi } })).createRevisitPlan;
      expect(p).toMatchObject({
        version: 1,
        cadenceDays: 90,
        nextDueAt: iso('2027-03-10T10:00:00'),
        lastRevisitAt: null,
        customer: { id: customerResi },
        owner: { id: staffResi.employeeId },
      });
      expect(errorOf(await cs.exec(staffResi, PLAN, { input: { customerId: customerResi } }))).toEqual({ code: 'CONFLICT', reason: 'REVISIT_PLAN_EXISTS' });
      expect((await cs.ok(staffResi, PLANS, { overdue: true })).revisitPlans.totalCount).toBe(0);
      cs.setNow('2027-03-11T10:00:00');
      expect((await cs.ok(staffResi, PLANS, { overdue: true })).revisitPlans.edges.map((e: any) => e.node.id)).toEqual([p.id]);
      const v = (await cs.ok(staffResi, VISIT, { input: { planId: p.id, expectedVersion: 1, satisfaction: 4, feedback: '满意' } })).recordRevisit;
      expect(v).toMatchObject({ version: 2, lastRevisitAt: iso('2027-03-11T10:00:00'), nextDueAt: iso('2027-06-09T10:00:00') });
      expect(v.revisits.edges[0].node).toEqual({ satisfaction: 4, feedback: '满意', visitor: { id: staffResi.employeeId } });
      expect(errorOf(await cs.exec(staffResi, VISIT, { input: { planId: p.id, expectedVersion: 1, satisfaction: 4, feedback: 'x' } }))).toEqual({
        code: 'CONFLICT',
        reason: 'STALE_VERSION',
      });
      expect((await cs.ok(staffComm, PLANS, {})).revisitPlans.totalCount).toBe(0);
      expect(errorOf(await cs.exec(staffComm, VISIT, { input: { planId: p.id, expectedVersion: 2, satisfaction: 4, feedback: 'x' } }))).toEqual({
        code: 'NOT_FOUND',
        reason: 'REVISITPLAN_NOT_FOUND',
      });
    });
  });

  describe('registration details', () => {
    it('stores category and attachment metadata, validated', async () => {
      const photo = { fileName: 'crack.jpg', contentType: 'image/jpeg', sizeBytes: 204800, storageKey: 'complaints/2026/crack.jpg' };
      const c = await create('GENERAL', { category: 'QUALITY', attachments: [photo, { ...photo, fileName: 'call.mp3', contentType: 'audio/mpeg' }] });
      const q = `query ($id: ID!) { complaint(id: $id) { category attachments(first: 10) { totalCount edges { node { fileName contentType sizeBytes storageKey } } } } }`;
      const d = (await cs.ok(staffResi, q, { id: c.id })).complaint;
      expect(d.category).toBe('QUALITY');
      expect(d.attachments.totalCount).toBe(2);
      expect(d.attachments.edges.map((e: any) => e.node.fileName).sort()).toEqual(['call.mp3', 'crack.jpg']);
      const input = { customerId: customerResi, title: 't', description: 'd', channel: 'APP', severity: 'GENERAL', phase: 'AFTER_SALE' };
      expect(errorOf(await cs.exec(staffResi, CREATE, { input: { ...input, attachments: [{ ...photo, contentType: 'not a type' }] } })).code).toBe('BAD_USER_INPUT');
      expect(errorOf(await cs.exec(staffResi, CREATE, { input: { ...input, attachments: Array(11).fill(photo) } })).code).toBe('BAD_USER_INPUT');
      expect((await cs.ok(staffResi, `query ($id: ID!) { complaint(id: $id) { category } }`, { id: (await create()).id })).complaint.category).toBe('OTHER');
    });
  });

  describe('who and what a complaint reaches (CS-R05, CS-R09, CS-R12)', () => {
    it('CS-R05 everyone is a customer-service person: a complaint is attributed to any department and handled by any employee, and is listed under them', async () => {
      const ENG = demoDepartmentId('JARE', 'ENG'); // engineering, not customer service
      const engineer = demoStaffEmployeeId('JARE', 'ENG', 2);
      const c = await create('GENERAL', { responsibleDepartmentId: ENG, handlerId: engineer });
      expect((await cs.ok(staffResi, `{ complaint(id: "${c.id}") { responsibleDepartment { id } respondingDepartment { id } handler { id } } }`)).complaint).toEqual({
        responsibleDepartment: { id: ENG },
        respondingDepartment: { id: ENG },
        handler: { id: engineer },
      });
      const REPS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Department { complaints(first: 100) { edges { node { id } } } } ... on Employee { assignedComplaints(first: 100) { edges { node { id } } } } } }`;
      const listed = (
        await cs.ok(staffResi, REPS, {
          r: [
            { __typename: 'Department', id: ENG },
            { __typename: 'Employee', id: engineer },
          ],
        })
      )._entities;
      expect(listed[0].complaints.edges.map((e: any) => e.node.id)).toContain(c.id);
      expect(listed[1].assignedComplaints.edges.map((e: any) => e.node.id)).toContain(c.id);
    });

    it('CS-R09 every service channel in use reaches the complaint register (hotline, video, SMS, QQ groups, BBS, e-mail), nothing else', async () => {
      for (const channel of ['HOTLINE', 'VIDEO', 'SMS', 'QQ_GROUP', 'BBS', 'EMAIL']) {
        const c = await create('GENERAL', { channel });
        expect((await cs.ok(staffResi, `{ complaint(id: "${c.id}") { channel } }`)).complaint.channel).toBe(channel);
      }
      const refused = await cs.exec(staffResi, CREATE, {
        input: { customerId: customerResi, title: 't', description: 'd', channel: 'FAX', severity: 'GENERAL', phase: 'AFTER_SALE' },
      });
      expect(refused.errors?.[0]?.message).toMatch(/FAX/);
    });

    it("CS-R12 service and sales data are linked: from a complaint to its customer's sales orders", async () => {
      const order = (
        await cs.ok(headResi, `mutation ($i: CreateSalesOrderInput!) { createSalesOrder(input: $i) { id } }`, {
          i: { customerId: customerResi, contractNumber: `CS-R12-${Date.now()}`, signedAt: new Date(cs.now() - 86_400_000).toISOString(), amount: 880000 },
        })
      ).createSalesOrder;
      const c = await create();
      const d = (await cs.ok(headResi, `{ complaint(id: "${c.id}") { customer { id orders(first: 10) { edges { node { id amount } } } } } }`)).complaint;
      expect(d.customer.id).toBe(customerResi);
      expect(d.customer.orders.edges.map((e: any) => e.node)).toContainEqual({ id: order.id, amount: 880000 });
    });
  });

  describe('idempotent createComplaint', () => {
    const countComplaints = async () => Number((await cs.app.dataSource.query('SELECT COUNT(*) AS n FROM complaint'))[0].n);

    it('returns the first complaint on a retry with the same key', async () => {
      const before = await countComplaints();
      const a = await create('GENERAL', { idempotencyKey: 'retry-1' });
      const b = await create('GENERAL', { idempotencyKey: 'retry-1' });
      expect(b.id).toBe(a.id);
      expect(b.code).toBe(a.code);
      expect(await countComplaints()).toBe(before + 1);
      // The key belongs to the account: another account's key of the same name is another complaint.
      const c = await create('GENERAL', { idempotencyKey: 'retry-1' }, headResi);
      expect(c.id).not.toBe(a.id);
    });

    it('creates exactly one complaint for concurrent retries', async () => {
      const before = await countComplaints();
      const input = { customerId: customerResi, title: '重复提交', description: 'App 重试', channel: 'APP', severity: 'GENERAL', phase: 'AFTER_SALE', idempotencyKey: 'burst-7' };
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => cs.exec(staffResi, CREATE, { input })));
      for (const r of results) expect(r.errors).toBeUndefined();
      expect(new Set(results.map((r) => r.data.createComplaint.id)).size).toBe(1);
      expect(await countComplaints()).toBe(before + 1);
    });
  });
});
