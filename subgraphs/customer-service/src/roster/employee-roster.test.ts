import { randomUUID } from 'node:crypto';
import {
  Capability,
  DEMO_SEGMENTS,
  demoSegmentPersonId,
  demoStaffEmployeeId,
  DurableConsumer,
  Role,
  stableId,
  type EventEnvelope,
  type EventPayloads,
  type EventType,
  type Viewer,
} from '@group/shared';
import { startSubgraph, testDatabaseKinds, viewers, type TestSubgraph } from '@group/shared/testing';
import { customerServiceModule } from '../module';
import type { CustomerServiceServices } from '../context';
import { employeeRosterConsumer } from './employee-events.consumer';
import { bulkNotifications } from '../notifications/bulk-events.consumer';
import { RosterEmployee, RosterStatus } from './employee-roster.entity';
import { CustomerKind } from '../customers/customer.entity';
import { AllocatableRecordType, CrmTargetType, GeneralActionType, LeadSource } from '../crm/crm-enums';

import { ComplaintAction } from '../complaints/complaint-workflow';

/**
 * Issue 21: customer-service's employee roster (organization's Employee* events, the repair run
 * through organization's graph: test/integration/employee-roster-repair.test.ts) and the checks of every path that names an assignee or owner.
 */
const RESI = DEMO_SEGMENTS.find((s) => s.code === 'RESI')!;
const COMM = DEMO_SEGMENTS.find((s) => s.code === 'COMM')!;
const CONS = DEMO_SEGMENTS.find((s) => s.code === 'CONS')!;
const JARE = RESI.companyCode;

describe.each(testDatabaseKinds())('employee roster on %s', (kind) => {
  let cs: TestSubgraph<CustomerServiceServices>;
  let roster: DurableConsumer;
  const rows = () => cs.app.dataSource.getRepository(RosterEmployee);

  const employeeEvent = (
    type: EventType,
    employeeId: string,
    version: number,
    status: EventPayloads['EmployeeChanged']['status'],
    segmentIds = [RESI.id, COMM.id],
  ): EventEnvelope => ({
    id: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'organization',
    aggregateType: 'Employee',
    aggregateId: employeeId,
    aggregateVersion: version,
    segmentId: null,
    occurredAt: new Date().toISOString(),
    actor: null,
    payload: { employeeId, companyId: randomUUID(), departmentId: null, segmentIds, status },
  });
  /** A new employee of RESI's company, on the roster by its EmployeeCreated event. */
  const hire = async () => {
    const id = randomUUID();
    expect(await roster.deliver(employeeEvent('EmployeeCreated', id, 1, 'ACTIVE'))).toBe('applied');
    return id;
  };
  const leave = (id: string, version = 2) => roster.deliver(employeeEvent('EmployeeLeft', id, version, 'DEPARTED'));

  beforeAll(async () => {
    cs = await startSubgraph(kind, customerServiceModule, { http: true });
    roster = new DurableConsumer(cs.app.dataSource, employeeRosterConsumer());
  }, 120_000);
  afterAll(async () => {
    await cs?.stop();
  });

  it('the demo seed puts organization\u2019s demo employees on the roster', async () => {
    const head = await rows().findOneByOrFail({ employeeId: demoSegmentPersonId('RESI', 'head') });
    expect(head.status).toBe(RosterStatus.ACTIVE);
    expect(JSON.parse(head.segmentIdsJson)).toEqual([RESI.id, COMM.id].sort());
    expect(await rows().existsBy({ employeeId: demoStaffEmployeeId(JARE, 'SALES', 2) })).toBe(true);
  });

  it('Employee* events are applied once per (employee, version): a duplicate or an older version changes nothing', async () => {
    const id = await hire();
    const created = employeeEvent('EmployeeCreated', id, 1, 'ACTIVE');
    expect(await roster.deliver(created)).toBe('duplicate');
    expect(await leave(id)).toBe('applied');
    expect((await rows().findOneByOrFail({ employeeId: id })).status).toBe(RosterStatus.LEFT);
    // A replay of the older versions (a consumer re-reading its feed) does not bring them back.
    expect(await roster.deliver(employeeEvent('EmployeeChanged', id, 1, 'ACTIVE'))).toBe('duplicate');
    expect(await leave(id)).toBe('duplicate');
    expect(await rows().findOneByOrFail({ employeeId: id })).toMatchObject({ status: RosterStatus.LEFT, version: 2 });
    // ON_LEAVE is still employed: assignable.
    const onLeave = await hire();
    await roster.deliver(employeeEvent('EmployeeChanged', onLeave, 2, 'ON_LEAVE'));
    expect((await rows().findOneByOrFail({ employeeId: onLeave })).status).toBe(RosterStatus.ACTIVE);
  });

  /** Every path that names an assignee or owner, as a segment head of RESI naming `employeeId`. */
  const paths: [string, (employeeId: string) => Promise<unknown>][] = [
    [
      'createCustomer (owner)',
      (e) => cs.app.services.customers.create(viewers.head('RESI'), { name: 'Roster test', kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id, ownerId: e }),
    ],
    [
      'updateCustomer (owner)',
      async (e) => {
        const c = await cs.app.services.customers.create(viewers.head('RESI'), { name: 'Roster test', kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id });
        return cs.app.services.customers.update(viewers.head('RESI'), { id: c.id, expectedVersion: c.version, ownerId: e });
      },
    ],
    ['createLead (owner)', (e) => cs.app.services.leads.create(viewers.head('RESI'), { segmentId: RESI.id, name: 'Roster lead', source: LeadSource.OTHER, ownerId: e })],
    [
      'updateLead (owner)',
      async (e) => {
        const l = await cs.app.services.leads.create(viewers.head('RESI'), { segmentId: RESI.id, name: 'Roster lead', source: LeadSource.OTHER });
        return cs.app.services.leads.update(viewers.head('RESI'), { id: l.id, expectedVersion: l.version, ownerId: e });
      },
    ],
    [
      'createOpportunity (owner)',
      async (e) => {
        const c = await cs.app.services.customers.create(viewers.head('RESI'), { name: 'Roster test', kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id });
        return cs.app.services.opportunities.create(viewers.head('RESI'), { customerId: c.id, name: 'Roster opp', amount: 100, ownerId: e });
      },
    ],
    [
      'updateOpportunity (owner)',
      async (e) => {
        const c = await cs.app.services.customers.create(viewers.head('RESI'), { name: 'Roster test', kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id });
        const o = await cs.app.services.opportunities.create(viewers.head('RESI'), { customerId: c.id, name: 'Roster opp', amount: 100 });
        return cs.app.services.opportunities.update(viewers.head('RESI'), { id: o.id, expectedVersion: o.version, ownerId: e });
      },
    ],
    [
      'createGeneralAction (assignee, CS-R38)',
      async (e) => {
        const c = await cs.app.services.customers.create(viewers.head('RESI'), { name: 'Roster test', kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id });
        return cs.app.services.generalActions.create(viewers.head('RESI'), {
          targetType: CrmTargetType.CUSTOMER,
          targetId: c.id,
          type: GeneralActionType.VISIT,
          subject: 'Visit',
          dueAt: new Date(Date.now() + 86_400_000),
          assigneeId: e,
        });
      },
    ],
    [
      'createRevisitPlan (owner)',
      async (e) => {
        const c = await cs.app.services.customers.create(viewers.head('RESI'), { name: 'Roster test', kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id });
        return cs.app.services.revisits.createPlan(viewers.head('RESI'), { customerId: c.id, ownerId: e });
      },
    ],
  ];

  it.each(paths)('%s: an unknown employee is refused with EMPLOYEE_NOT_FOUND (NOT_FOUND), one who left with EMPLOYEE_LEFT', async (_name, assign) => {
    await expect(assign(randomUUID())).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'EMPLOYEE_NOT_FOUND' });
    const gone = await hire();
    await leave(gone);
    await expect(assign(gone)).rejects.toMatchObject({ kind: 'BAD_USER_INPUT', code: 'EMPLOYEE_LEFT' });
    // The same path accepts an employee of the segment.
    await expect(assign(await hire())).resolves.toBeTruthy();
  });

  it.each(paths)('%s: an employee of another segment is refused with EMPLOYEE_NOT_IN_SEGMENT (CS-R38)', async (_name, assign) => {
    await expect(assign(demoSegmentPersonId('CONS', 'staff'))).rejects.toMatchObject({ kind: 'BAD_USER_INPUT', code: 'EMPLOYEE_NOT_IN_SEGMENT' });
  });

  it('segment allocation: the new owner must be employed in the target segment', async () => {
    const operator: Viewer = {
      accountId: stableId('account', 'operator.mkt'),
      employeeId: stableId('employee', 'operator.mkt'),
      role: Role.BUSINESS_STAFF,
      segmentIds: [],
      capabilities: [Capability.MARKETING_OPERATOR],
    };
    const c = await cs.app.services.customers.create(viewers.head('RESI'), { name: 'Roster move', kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id });
    const move = (newOwnerId: string) =>
      cs.app.services.allocations.allocate(operator, {
        recordType: AllocatableRecordType.CUSTOMER,
        recordId: c.id,
        expectedVersion: c.version,
        toSegmentId: CONS.id,
        newOwnerId,
        reason: 'test',
      });
    await expect(move(randomUUID())).rejects.toMatchObject({ code: 'EMPLOYEE_NOT_FOUND' });
    await expect(move(demoSegmentPersonId('RESI', 'staff'))).rejects.toMatchObject({ code: 'EMPLOYEE_NOT_IN_SEGMENT' });
    await expect(move(demoSegmentPersonId('CONS', 'staff'))).resolves.toBeTruthy();
  });

  it('complaints: a handler must be a known employee who has not left', async () => {
    const c = await cs.app.services.customers.create(viewers.head('RESI'), { name: 'Roster complaint', kind: CustomerKind.INDIVIDUAL, segmentId: RESI.id });
    const complain = (handlerId: string) =>
      cs.app.services.complaints.create(viewers.staff('RESI'), {
        customerId: c.id,
        title: 'Leak',
        description: 'Water',
        channel: 'HOTLINE',
        severity: 'GENERAL',
        phase: 'AFTER_SALE',
        handlerId,
      } as never);
    await expect(complain(randomUUID())).rejects.toMatchObject({ code: 'EMPLOYEE_NOT_FOUND' });
    const gone = await hire();
    await leave(gone);
    await expect(complain(gone)).rejects.toMatchObject({ code: 'EMPLOYEE_LEFT' });
    const created = await complain(demoStaffEmployeeId('JA', 'CSC', 1));
    const ok = await cs.app.services.complaints.transition(viewers.staff('RESI'), { id: created.id, expectedVersion: created.version, action: ComplaintAction.ACCEPT });
    const transition = (handlerId: string) =>
      cs.app.services.complaints.transition(viewers.staff('RESI'), { id: ok.id, expectedVersion: ok.version, action: ComplaintAction.ASSIGN, handlerId, note: 'x' });
    await expect(transition(gone)).rejects.toMatchObject({ code: 'EMPLOYEE_LEFT' });
    await expect(transition(randomUUID())).rejects.toMatchObject({ code: 'EMPLOYEE_NOT_FOUND' });
    await expect(transition(demoStaffEmployeeId('JA', 'CSC', 2))).resolves.toMatchObject({ handlerId: demoStaffEmployeeId('JA', 'CSC', 2) });
  });

  it('imports: a row naming an unknown, departed or other-segment owner fails on its owner column', async () => {
    const gone = await hire();
    await leave(gone);
    const csv = [
      'ref,name,kind,segment,owner',
      `R1,A,INDIVIDUAL,RESI,${randomUUID()}`,
      `R2,B,INDIVIDUAL,RESI,${gone}`,
      `R3,C,INDIVIDUAL,RESI,${demoSegmentPersonId('CONS', 'staff')}`,
    ].join('\n');
    const r = await cs.app.services.imports.importCustomers(viewers.head('RESI'), csv, null);
    expect(r.errors.map((e: { column: string; code: string }) => [e.column, e.code])).toEqual([
      ['owner', 'EMPLOYEE_NOT_FOUND'],
      ['owner', 'EMPLOYEE_LEFT'],
      ['owner', 'EMPLOYEE_NOT_IN_SEGMENT'],
    ]);
  });

  it('a webhook disabled by the bulk subgraph notifies its owner in myNotifications, once', async () => {
    const consumer = new DurableConsumer(cs.app.dataSource, bulkNotifications(cs.app.services.notifications));
    const webhookId = randomUUID();
    const owner = viewers.admin('RESI');
    const disabled: EventEnvelope = {
      id: randomUUID(),
      type: 'WebhookDisabled',
      schemaVersion: 1,
      source: 'bulk',
      aggregateType: 'Webhook',
      aggregateId: webhookId,
      aggregateVersion: 3,
      segmentId: RESI.id,
      occurredAt: new Date().toISOString(),
      actor: null,
      payload: {
        webhookId,
        ownerAccountId: owner.accountId,
        ownerEmployeeId: owner.employeeId,
        reason: 'SUSTAINED_FAILURE',
        notice: 'Webhook disabled: 5 deliveries in a row failed',
      },
    };
    expect(await consumer.deliver(disabled)).toBe('applied');
    expect(await consumer.deliver({ ...disabled, id: randomUUID() })).toBe('duplicate');
    const mine = await cs.exec(owner, '{ myNotifications { kind subjectId message } }');
    const forHook = mine.data.myNotifications.filter((n: { subjectId: string }) => n.subjectId === webhookId);
    expect(forHook).toEqual([{ kind: 'WEBHOOK_DISABLED', subjectId: webhookId, message: 'Webhook disabled: 5 deliveries in a row failed' }]);
  });

  it('a bulk operation that completed or failed notifies its submitter in myNotifications, once; a cancel does not', async () => {
    const consumer = new DurableConsumer(cs.app.dataSource, bulkNotifications(cs.app.services.notifications));
    const owner = viewers.head('RESI');
    const ended = (status: 'COMPLETED' | 'FAILED' | 'CANCELED', errorCode: string | null = null): EventEnvelope => {
      const operationId = randomUUID();
      return {
        id: randomUUID(),
        type: 'BulkOperationFinished',
        schemaVersion: 1,
        source: 'bulk',
        aggregateType: 'BulkOperation',
        aggregateId: operationId,
        aggregateVersion: 1,
        segmentId: null,
        occurredAt: new Date().toISOString(),
        actor: null,
        payload: { operationId, accountId: owner.accountId, employeeId: owner.employeeId, status, errorCode },
      };
    };
    const [done, failed, canceled] = [ended('COMPLETED'), ended('FAILED', 'ACCESS_DENIED'), ended('CANCELED')];
    for (const e of [done, failed, canceled]) expect(await consumer.deliver(e)).toBe('applied');
    expect(await consumer.deliver({ ...done, id: randomUUID() })).toBe('duplicate');
    const mine = (await cs.exec(owner, '{ myNotifications { kind subjectId message } }')).data.myNotifications.filter(
      (n: { kind: string }) => n.kind === 'BULK_OPERATION_FINISHED',
    );
    expect(mine.map((n: { subjectId: string }) => n.subjectId).sort()).toEqual([done.aggregateId, failed.aggregateId].sort());
    expect(mine.find((n: { subjectId: string }) => n.subjectId === failed.aggregateId).message).toContain('failed (ACCESS_DENIED)');
  });
});
