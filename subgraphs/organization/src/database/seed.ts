import { DataSource } from 'typeorm';
import {
  DEMO_COMPANIES,
  DEMO_DEPARTMENTS,
  DEMO_EMPLOYEES_PER_DEPARTMENT,
  DEMO_GROUP_DEPARTMENTS,
  DEMO_PASSWORD,
  DEMO_SEGMENTS,
  demoDepartmentId,
  demoSegmentPersonId,
  demoStaffEmployeeId,
  hashPassword,
  inTransaction,
  Role,
  stableId,
} from '@group/shared';
import { Company, CompanyKind, CompanyLegalForm, OwnershipType, Segment } from '../companies/company.entity';
import { Shareholding } from '../holdings/shareholding.entity';
import { seedDutyDemo } from '../duties/duty-demo.seed';
import { seedItWorkAssessmentDemo } from '../it-work-assessments/it-work-assessment-demo.seed';
import { seedPortfolioDemo } from '../portfolios/portfolio-demo.seed';
import { Delegation, DelegationStatus } from '../delegations/delegation.entity';
import { ExecutionStatus, Meeting, MeetingAgendaItem, MeetingAttendance, MeetingKind, MeetingStatus, Resolution, ResolutionOutcome } from '../meetings/meeting.entity';
import { GovernanceMatter, DelegatedPower } from '../governance/authority';
import { PolicyDocument, PolicyDocumentType, PolicyVersion, PolicyVersionStatus } from '../policies/policy.entity';
import { AssignmentStatus, Position, PositionAssignment, PositionRank, PositionTarget } from '../positions/position.entity';
import { AppointmentMethod, BodyMembership, MembershipStatus, OfficeRole } from '../memberships/body-membership.entity';
import { Department, DepartmentKind } from '../departments/department.entity';
import { Employee, EmployeeStatus } from '../employees/employee.entity';
import { Account, AccountSegment, AccountStatus } from '../accounts/account.entity';
import { DEMO_OPERATOR_KEY, demoOperatorEmployeeId, seedAccountDemo } from '../accounts/account-demo.seed';
import { GovernanceFunction, GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';

/** Legal data of the demo companies: together they show all eight ownership types. */
export const DEMO_LEGAL_DATA: Record<string, { legalForm: CompanyLegalForm; ownershipType: OwnershipType }> = {
  JA: { legalForm: CompanyLegalForm.LIMITED_LIABILITY, ownershipType: OwnershipType.PRIVATE },
  JARE: { legalForm: CompanyLegalForm.LIMITED_LIABILITY, ownershipType: OwnershipType.PRIVATE },
  JACN: { legalForm: CompanyLegalForm.LIMITED_LIABILITY, ownershipType: OwnershipType.STATE_OWNED },
  JAPM: { legalForm: CompanyLegalForm.LIMITED_LIABILITY, ownershipType: OwnershipType.COLLECTIVE },
  LANE: { legalForm: CompanyLegalForm.JOINT_STOCK_LIMITED, ownershipType: OwnershipType.JOINT_STOCK },
  HHTR: { legalForm: CompanyLegalForm.LIMITED_LIABILITY, ownershipType: OwnershipType.FOREIGN },
  JAHT: { legalForm: CompanyLegalForm.LIMITED_LIABILITY, ownershipType: OwnershipType.JOINT_VENTURE },
  JATC: { legalForm: CompanyLegalForm.LIMITED_LIABILITY, ownershipType: OwnershipType.JOINT_OPERATION },
  JAFN: { legalForm: CompanyLegalForm.LIMITED_LIABILITY, ownershipType: OwnershipType.COOPERATIVE },
};

/** Demo shareholdings: [held company, holder company code or outside name, percentage]. JAFN is held partly through JATC. */
export const DEMO_SHAREHOLDINGS: [string, string, number][] = [
  ['JARE', 'JA', 100],
  ['JACN', 'JA', 100],
  ['JAPM', 'JA', 100],
  ['JATC', 'JA', 100],
  ['JAFN', 'JA', 80],
  ['JAFN', 'JATC', 20],
  ['HHTR', 'JA', 70],
  ['HHTR', '香港海汇投资有限公司', 30],
  ['JAHT', 'JA', 60],
  ['JAHT', '环球酒店管理集团', 40],
  ['LANE', 'JA', 51],
  ['LANE', '社会公众股东', 49],
];

export const demoPositionId = (companyCode: string, deptCode: string, kind: 'MGR' | 'STAFF') => stableId('position', `${companyCode}-${deptCode}-${kind}`);

export const demoPolicyId = (key: string) => stableId('policy', key);

export const demoBodyId = (companyCode: string, key: 'SHM' | 'BOD' | 'BOS' | 'MGT' | 'SAFETY' | 'ITLG') => stableId('governing-body', `${companyCode}-${key}`);
/** Group board chairman: also the group's legal representative (ORG-R24). */
export const DEMO_GROUP_CHAIR_ID = demoStaffEmployeeId('JA', 'LEGAL', 1);
/** The group board's five directors, in seat order (JA-BOD-chair, JA-BOD-2 … JA-BOD-5): its chair and four of JA's staff. */
export const DEMO_GROUP_DIRECTORS: readonly string[] = [
  DEMO_GROUP_CHAIR_ID,
  demoStaffEmployeeId('JA', 'MKT', 1),
  demoStaffEmployeeId('JA', 'IT', 1),
  demoStaffEmployeeId('JA', 'CSC', 1),
  demoStaffEmployeeId('JA', 'MKT', 2),
];
const TERM_START = new Date('2024-07-01T00:00:00Z');
const TERM_END = new Date('2027-06-30T00:00:00Z');

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '涛'];
const personName = (n: number) => SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length] + (n % 3 === 0 ? GIVEN[(n * 5) % GIVEN.length] : '');

/**
 * Demo data: the group of shared/src/demo/catalogue.ts with departments,
 * employees and the demo accounts (all with password "demo-password").
 * Runs only on an empty database; a single transaction.
 */
export async function seedOrganization(ds: DataSource): Promise<boolean> {
  if ((await ds.getRepository(Company).count()) > 0) return false;
  const now = new Date();
  const audit = { createdAt: now, updatedAt: now, version: 1 };
  // One hash shared by the demo accounts (same demo password): keeps start-up fast. Demo seed only.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const byCode = new Map(DEMO_COMPANIES.map((c) => [c.code, c]));

  await inTransaction(ds, async (m) => {
    await m.insert(
      Company,
      DEMO_COMPANIES.map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        nameEn: c.nameEn,
        kind: c.kind as CompanyKind,
        parentId: c.parentCode ? byCode.get(c.parentCode)!.id : null,
        ...DEMO_LEGAL_DATA[c.code],
        creditCode: `91310000${stableId('credit', c.code)
          .replace(/[^0-9]/g, '')
          .slice(0, 10)}`,
        registeredAddress: null,
        legalRepresentativeId: c.kind === 'GROUP' ? DEMO_GROUP_CHAIR_ID : null,
        ...audit,
      })),
    );
    await m.insert(
      Segment,
      DEMO_SEGMENTS.map((s) => ({ id: s.id, code: s.code, name: s.name, nameEn: s.nameEn, companyId: byCode.get(s.companyCode)!.id, createdAt: now, version: 1 })),
    );

    const departments: Partial<Department>[] = [];
    const employees: Partial<Employee>[] = [];
    let n = 0;
    for (const c of DEMO_COMPANIES) {
      const list = c.kind === 'GROUP' ? DEMO_GROUP_DEPARTMENTS : DEMO_DEPARTMENTS;
      for (const d of list) {
        const id = demoDepartmentId(c.code, d.code);
        departments.push({ id, companyId: c.id, parentId: null, code: d.code, name: d.name, nameEn: d.nameEn, kind: DepartmentKind.FUNCTIONAL, ...audit });
        for (let i = 1; i <= DEMO_EMPLOYEES_PER_DEPARTMENT; i++) {
          const eid = demoStaffEmployeeId(c.code, d.code, i);
          employees.push({
            id: eid,
            companyId: c.id,
            departmentId: id,
            name: personName(n++),
            title: i === 1 ? `${d.name}经理` : `${d.name}专员`,
            email: `${c.code}.${d.code}.${i}@staff.example.com`.toLowerCase(),
            status: n % 17 === 0 ? EmployeeStatus.ON_LEAVE : EmployeeStatus.ACTIVE,
            managerId: i === 1 ? null : demoStaffEmployeeId(c.code, d.code, 1),
            ...audit,
          });
        }
      }
      if (c.kind !== 'GROUP') {
        // A hotline team under customer service shows the department tree.
        departments.push({
          id: demoDepartmentId(c.code, 'CS-HOTLINE'),
          companyId: c.id,
          parentId: demoDepartmentId(c.code, 'CS'),
          code: 'CS-HOTLINE',
          name: '客服热线组',
          nameEn: 'Hotline team',
          kind: DepartmentKind.OFFICE,
          ...audit,
        });
      }
    }

    const accounts: Partial<Account>[] = [];
    const links: AccountSegment[] = [];
    const groupId = byCode.get('JA')!.id;
    const addPerson = (key: string, name: string, title: string, email: string, role: Role, companyId: string, departmentId: string, employeeId: string, segmentId?: string) => {
      employees.push({ id: employeeId, companyId, departmentId, name, title, email, status: EmployeeStatus.ACTIVE, managerId: null, ...audit });
      const accountId = stableId('account', key);
      accounts.push({ id: accountId, email, passwordHash, role, employeeId, status: AccountStatus.ACTIVE, lastLoginAt: null, ...audit });
      if (segmentId) links.push({ accountId, segmentId });
    };
    addPerson('executive', '金总', '集团副总裁', 'executive@example.com', Role.GROUP_EXECUTIVE, groupId, demoDepartmentId('JA', 'MKT'), stableId('employee', 'executive'));
    addPerson('sysadmin', '系统管理员', 'CRM 系统管理员', 'sysadmin@example.com', Role.SYSTEM_ADMIN, groupId, demoDepartmentId('JA', 'IT'), stableId('employee', 'sysadmin'));
    // The group marketing department's CRM operator (domain.md §3.1.2 last column): implements account changes, issues circulars.
    addPerson(
      DEMO_OPERATOR_KEY,
      '市场部专员',
      '集团市场营销部 CRM 专员',
      'operator.mkt@example.com',
      Role.BUSINESS_STAFF,
      groupId,
      demoDepartmentId('JA', 'MKT'),
      demoOperatorEmployeeId(),
    );
    for (const s of DEMO_SEGMENTS) {
      const company = byCode.get(s.companyCode)!;
      const code = s.code.toLowerCase();
      addPerson(
        `head.${code}`,
        personName(n++),
        `${s.name}负责人`,
        `head.${code}@example.com`,
        Role.SEGMENT_HEAD,
        company.id,
        demoDepartmentId(company.code, 'SALES'),
        demoSegmentPersonId(s.code, 'head'),
        s.id,
      );
      addPerson(
        `staff.${code}`,
        personName(n++),
        `${s.name}业务员`,
        `staff.${code}@example.com`,
        Role.BUSINESS_STAFF,
        company.id,
        demoDepartmentId(company.code, 'SALES'),
        demoSegmentPersonId(s.code, 'staff'),
        s.id,
      );
      addPerson(
        `admin.${code}`,
        personName(n++),
        `${s.name}版块管理员`,
        `admin.${code}@example.com`,
        Role.SEGMENT_ADMIN,
        company.id,
        demoDepartmentId(company.code, 'MKT'),
        demoSegmentPersonId(s.code, 'admin'),
        s.id,
      );
    }

    // Every company has the four bodies of D08 第二条; the group adds the committees the source names.
    const bodies: Partial<GoverningBody>[] = [];
    for (const c of DEMO_COMPANIES) {
      const group = c.kind === 'GROUP';
      const add = (key: string, type: GoverningBodyType, label: string, fn: GovernanceFunction, seatLimit: number | null) =>
        bodies.push({
          id: stableId('governing-body', `${c.code}-${key}`),
          companyId: c.id,
          type,
          label,
          governanceFunction: fn,
          seatLimit,
          quorumPercent: null,
          passPercent: null,
          ...audit,
        });
      add('SHM', GoverningBodyType.SHAREHOLDERS_MEETING, group ? '股东管理委员会' : '股东大会', GovernanceFunction.HIGHEST_AUTHORITY, null);
      add('BOD', GoverningBodyType.BOARD_OF_DIRECTORS, group ? '董事局' : '董事会', GovernanceFunction.MAJOR_DECISION, 7);
      add('BOS', GoverningBodyType.BOARD_OF_SUPERVISORS, '监事会', GovernanceFunction.AUDIT_SUPERVISION, 5);
      add('MGT', GoverningBodyType.MANAGEMENT_LAYER, group ? '总裁及其行政班子' : '经营层', GovernanceFunction.GENERAL_DECISION_AND_EXECUTION, null);
      if (group) {
        add('SAFETY', GoverningBodyType.COMMITTEE, '安全生产委员会', GovernanceFunction.SPECIALISED, null);
        add('ITLG', GoverningBodyType.COMMITTEE, '信息化领导小组', GovernanceFunction.SPECIALISED, null);
      }
    }
    await m.insert(GoverningBody, bodies);
    await m.insert(Department, departments);
    for (let i = 0; i < employees.length; i += 200) await m.insert(Employee, employees.slice(i, i + 200));
    // Accounts were opened four weeks ago, so the login-compliance demo has history to judge.
    const opened = new Date(now.getTime() - 28 * 86_400_000);
    await m.insert(
      Account,
      accounts.map((a) => ({ ...a, createdAt: opened })),
    );
    await m.insert(AccountSegment, links);
    await seedAccountDemo(m, now);

    await m.insert(
      Shareholding,
      DEMO_SHAREHOLDINGS.map(([held, holder, pct]) => {
        const holderCompany = byCode.get(holder);
        return {
          id: stableId('shareholding', `${held}-${holder}`),
          companyId: byCode.get(held)!.id,
          holderCompanyId: holderCompany?.id ?? null,
          holderName: holderCompany?.name ?? holder,
          basisPoints: pct * 100,
          ...audit,
        };
      }),
    );

    // Group bodies with members (board 5 of 7 seats, supervisors 3 of 5), plus the
    // sub-group flows: a director recommended by the group board awaiting election
    // by JATC's shareholders' meeting (A8) and a CFO dispatched by the group board (A11).
    const seat = (
      key: string,
      company: string,
      body: Parameters<typeof demoBodyId>[1],
      employeeId: string,
      role: OfficeRole,
      method: AppointmentMethod,
      decider: Parameters<typeof demoBodyId>[1],
      opts: { status?: MembershipStatus; nominatedBy?: string; parentDecides?: boolean; rep?: boolean } = {},
    ) => ({
      id: stableId('membership', key),
      bodyId: demoBodyId(company, body),
      companyId: byCode.get(company)!.id,
      employeeId,
      role,
      status: opts.status ?? MembershipStatus.ACTIVE,
      method,
      nominatedByBodyId: opts.nominatedBy ?? null,
      decidingBodyId: demoBodyId(opts.parentDecides ? 'JA' : company, decider),
      isShareholderRepresentative: opts.rep ?? false,
      termStart: TERM_START,
      termEnd: TERM_END,
      decidedAt: (opts.status ?? MembershipStatus.ACTIVE) === MembershipStatus.ACTIVE ? TERM_START : null,
      endReason: null,
      ...audit,
    });
    const E = AppointmentMethod.ELECTION;
    const A = AppointmentMethod.APPOINTMENT;
    await m.insert(BodyMembership, [
      seat('JA-SHM-1', 'JA', 'SHM', demoStaffEmployeeId('JA', 'CSC', 3), OfficeRole.SHAREHOLDER, A, 'SHM'),
      seat('JA-SHM-2', 'JA', 'SHM', demoStaffEmployeeId('JA', 'IT', 3), OfficeRole.SHAREHOLDER, A, 'SHM'),
      seat('JA-SHM-3', 'JA', 'SHM', demoStaffEmployeeId('JA', 'MKT', 3), OfficeRole.SHAREHOLDER, A, 'SHM'),
      seat('JA-BOD-chair', 'JA', 'BOD', DEMO_GROUP_DIRECTORS[0], OfficeRole.BOARD_CHAIR, A, 'BOD'),
      seat('JA-BOD-2', 'JA', 'BOD', DEMO_GROUP_DIRECTORS[1], OfficeRole.DIRECTOR, E, 'SHM', { rep: true }),
      seat('JA-BOD-3', 'JA', 'BOD', DEMO_GROUP_DIRECTORS[2], OfficeRole.DIRECTOR, E, 'SHM', { rep: true }),
      seat('JA-BOD-4', 'JA', 'BOD', DEMO_GROUP_DIRECTORS[3], OfficeRole.DIRECTOR, E, 'SHM'),
      seat('JA-BOD-5', 'JA', 'BOD', DEMO_GROUP_DIRECTORS[4], OfficeRole.DIRECTOR, E, 'SHM'),
      seat('JA-BOS-chief', 'JA', 'BOS', demoStaffEmployeeId('JA', 'LEGAL', 2), OfficeRole.CHIEF_SUPERVISOR, A, 'BOS'),
      seat('JA-BOS-2', 'JA', 'BOS', demoStaffEmployeeId('JA', 'LEGAL', 3), OfficeRole.SUPERVISOR, E, 'SHM', { rep: true }),
      seat('JA-BOS-3', 'JA', 'BOS', demoStaffEmployeeId('JA', 'CSC', 2), OfficeRole.SUPERVISOR, E, 'SHM'),
      seat('JA-MGT-president', 'JA', 'MGT', demoStaffEmployeeId('JA', 'IT', 2), OfficeRole.PRESIDENT, A, 'BOD'),
      seat('JA-MGT-vp', 'JA', 'MGT', stableId('employee', 'executive'), OfficeRole.VICE_PRESIDENT, A, 'BOD'),
      seat('JATC-BOD-nominee', 'JATC', 'BOD', demoStaffEmployeeId('JATC', 'SALES', 1), OfficeRole.DIRECTOR, E, 'SHM', {
        status: MembershipStatus.NOMINATED,
        nominatedBy: demoBodyId('JA', 'BOD'),
        rep: true,
      }),
      seat('JATC-MGT-cfo', 'JATC', 'MGT', demoStaffEmployeeId('JATC', 'FIN', 1), OfficeRole.CFO, AppointmentMethod.DISPATCH, 'BOD', { parentDecides: true }),
    ]);

    // The delegation chain of D15 (WF-ORG-1) for the group: shareholders → board →
    // president's office → a vice president → the group marketing department.
    const groupCompanyId = byCode.get('JA')!.id;
    const delegation = (
      key: string,
      grantor: { body?: string; employee?: string },
      grantee: { body?: string; employee?: string; department?: string },
      power: DelegatedPower,
      limit: number | null,
      scope: string,
      validTo: Date | null,
    ) => ({
      id: stableId('delegation', key),
      companyId: groupCompanyId,
      grantorBodyId: grantor.body ?? null,
      grantorEmployeeId: grantor.employee ?? null,
      granteeBodyId: grantee.body ?? null,
      granteeEmployeeId: grantee.employee ?? null,
      granteeDepartmentId: grantee.department ?? null,
      power,
      matter: null,
      amountLimitWan: limit,
      scopeDescription: scope,
      validFrom: TERM_START,
      validTo,
      status: DelegationStatus.ACTIVE,
      ...audit,
    });
    await m.insert(Delegation, [
      delegation(
        'JA-SHM-BOD',
        { body: demoBodyId('JA', 'SHM') },
        { body: demoBodyId('JA', 'BOD') },
        DelegatedPower.MAJOR_DECISION,
        null,
        '股东大会授权委托董事局行使重大决策权',
        null,
      ),
      delegation(
        'JA-BOD-MGT-GD',
        { body: demoBodyId('JA', 'BOD') },
        { body: demoBodyId('JA', 'MGT') },
        DelegatedPower.GENERAL_DECISION,
        5000,
        '董事局授权委托总裁及行政班子行使一般决策权(单笔5000万元以内)',
        null,
      ),
      delegation('JA-BOD-MGT-OE', { body: demoBodyId('JA', 'BOD') }, { body: demoBodyId('JA', 'MGT') }, DelegatedPower.OPERATIONAL_EXECUTION, 5000, '经营管理执行权', null),
      delegation(
        'JA-MGT-VP',
        { body: demoBodyId('JA', 'MGT') },
        { employee: stableId('employee', 'executive') },
        DelegatedPower.GENERAL_DECISION,
        1000,
        '分管市场营销系统(单笔1000万元以内)',
        TERM_END,
      ),
      delegation(
        'JA-VP-MKT',
        { employee: stableId('employee', 'executive') },
        { department: demoDepartmentId('JA', 'MKT') },
        DelegatedPower.PROCESS_MANAGEMENT_AND_CONTROL,
        100,
        '营销过程管理与控制(单笔100万元以内)',
        TERM_END,
      ),
    ]);

    // A board meeting and a shareholders' meeting with agenda, attendance and resolutions (WF-ORG-6).
    const boardSeats = ['JA-BOD-chair', 'JA-BOD-2', 'JA-BOD-3', 'JA-BOD-4', 'JA-BOD-5'];
    const shareholders = [demoStaffEmployeeId('JA', 'CSC', 3), demoStaffEmployeeId('JA', 'IT', 3), demoStaffEmployeeId('JA', 'MKT', 3)];
    const meetings = [
      {
        key: 'JA-BOD-2025-1',
        body: 'BOD' as const,
        kind: MeetingKind.REGULAR,
        title: '2025年第一次董事局会议',
        at: new Date('2025-03-15T02:00:00Z'),
        present: DEMO_GROUP_DIRECTORS,
        seats: boardSeats,
        seatBase: 7,
        convener: null,
      },
      {
        key: 'JA-SHM-2024',
        body: 'SHM' as const,
        kind: MeetingKind.REGULAR,
        title: '2024年度股东大会',
        at: new Date('2025-04-20T02:00:00Z'),
        present: shareholders,
        seats: ['JA-SHM-1', 'JA-SHM-2', 'JA-SHM-3'],
        seatBase: 3,
        convener: demoBodyId('JA', 'BOD'),
      },
    ];
    await m.insert(
      Meeting,
      meetings.map((x) => ({
        id: stableId('meeting', x.key),
        bodyId: demoBodyId('JA', x.body),
        companyId: groupCompanyId,
        convenedByBodyId: x.convener,
        kind: x.kind,
        title: x.title,
        scheduledFor: x.at,
        heldAt: x.at,
        status: MeetingStatus.HELD,
        presentCount: x.present.length,
        seatBase: x.seatBase,
        quorumMet: true,
        ...audit,
      })),
    );
    await m.insert(
      MeetingAttendance,
      meetings.flatMap((x) =>
        x.present.map((employeeId, i) => ({
          id: stableId('attendance', `${x.key}-${i}`),
          meetingId: stableId('meeting', x.key),
          employeeId,
          membershipId: stableId('membership', x.seats[i]),
        })),
      ),
    );
    await m.insert(MeetingAgendaItem, [
      {
        id: stableId('agenda', 'JA-BOD-2025-1-1'),
        meetingId: stableId('meeting', 'JA-BOD-2025-1'),
        ordinal: 1,
        title: '审议2025年度生产经营计划',
        matter: GovernanceMatter.ANNUAL_OPERATING_PLAN,
      },
      {
        id: stableId('agenda', 'JA-BOD-2025-1-2'),
        meetingId: stableId('meeting', 'JA-BOD-2025-1'),
        ordinal: 2,
        title: '审议新能源项目投资方案',
        matter: GovernanceMatter.MAJOR_INVESTMENT,
      },
      {
        id: stableId('agenda', 'JA-SHM-2024-1'),
        meetingId: stableId('meeting', 'JA-SHM-2024'),
        ordinal: 1,
        title: '听取董事局和监事会的工作报告',
        matter: GovernanceMatter.EVALUATE_BOARD_AND_SUPERVISORS,
      },
      {
        id: stableId('agenda', 'JA-SHM-2024-2'),
        meetingId: stableId('meeting', 'JA-SHM-2024'),
        ordinal: 2,
        title: '选举董事、监事',
        matter: GovernanceMatter.ELECT_DIRECTORS_AND_SUPERVISORS,
      },
    ]);
    const resolution = (
      key: string,
      meeting: string,
      body: 'BOD' | 'SHM',
      matter: GovernanceMatter,
      amountWan: number | null,
      text: string,
      votes: [number, number, number],
      executor: 'BOD' | 'MGT',
      execution: ExecutionStatus,
    ) => ({
      id: stableId('resolution', key),
      meetingId: stableId('meeting', meeting),
      bodyId: demoBodyId('JA', body),
      companyId: groupCompanyId,
      matter,
      amountWan,
      text,
      votesFor: votes[0],
      votesAgainst: votes[1],
      abstentions: votes[2],
      outcome: ResolutionOutcome.PASSED,
      executorBodyId: demoBodyId('JA', executor),
      executionStatus: execution,
      ...audit,
    });
    await m.insert(Resolution, [
      resolution(
        'JA-BOD-2025-1-1',
        'JA-BOD-2025-1',
        'BOD',
        GovernanceMatter.ANNUAL_OPERATING_PLAN,
        null,
        '通过2025年度生产经营计划和绩效目标',
        [5, 0, 0],
        'MGT',
        ExecutionStatus.IN_PROGRESS,
      ),
      resolution('JA-BOD-2025-1-2', 'JA-BOD-2025-1', 'BOD', GovernanceMatter.MAJOR_INVESTMENT, 30000, '同意投资3亿元建设新能源项目', [4, 1, 0], 'MGT', ExecutionStatus.PENDING),
      resolution(
        'JA-SHM-2024-1',
        'JA-SHM-2024',
        'SHM',
        GovernanceMatter.EVALUATE_BOARD_AND_SUPERVISORS,
        null,
        '听取并批准董事局、监事会2024年度工作报告',
        [3, 0, 0],
        'BOD',
        ExecutionStatus.EXECUTED,
      ),
    ]);

    // Positions with the five determinations for every department: a manager (quota 1,
    // filled) and specialists (quota 3, two filled: one vacancy each); then the demo accounts' posts.
    const positions: Partial<Position>[] = [];
    const assignments: Partial<PositionAssignment>[] = [];
    const targets: PositionTarget[] = [];
    for (const c of DEMO_COMPANIES) {
      for (const d of c.kind === 'GROUP' ? DEMO_GROUP_DEPARTMENTS : DEMO_DEPARTMENTS) {
        for (const [kind, title, quota, holders] of [
          ['MGR', `${d.name}经理`, 1, [1]],
          ['STAFF', `${d.name}专员`, 3, [2, 3]],
        ] as const) {
          const id = demoPositionId(c.code, d.code, kind);
          positions.push({
            id,
            companyId: c.id,
            departmentId: demoDepartmentId(c.code, d.code),
            title,
            headcountQuota: quota,
            duties: kind === 'MGR' ? `负责${d.name}的全面管理工作` : `执行${d.name}的日常业务`,
            incentives: kind === 'MGR' ? '年薪制 + 年度绩效奖金' : '岗位工资 + 季度绩效奖金',
            jobDescriptionId: c.code === 'JA' && d.code === 'CSC' && kind === 'MGR' ? demoPolicyId('JA-JD-CSC-MGR') : null,
            rank: kind === 'MGR' ? PositionRank.DEPARTMENT_HEAD : PositionRank.STAFF,
            segmentId: null,
            ...audit,
          });
          for (const n of holders) {
            assignments.push({
              id: stableId('assignment', `${id}-${n}`),
              positionId: id,
              companyId: c.id,
              employeeId: demoStaffEmployeeId(c.code, d.code, n),
              status: AssignmentStatus.ACTIVE,
              from: TERM_START,
              to: null,
              ...audit,
            });
          }
          targets.push({
            id: stableId('target', id),
            positionId: id,
            name: kind === 'MGR' ? '部门预算执行率' : '客户满意度',
            period: '2026',
            targetValue: kind === 'MGR' ? 95 : 90,
            unit: '%',
          });
        }
      }
    }
    // The posts the demo accounts' roles follow from (CS-R38, accounts/role-grant.ts): the group vice
    // president, and each segment's head and administrator.
    const post = (key: string, companyCode: string, deptCode: string, title: string, rank: PositionRank, segmentId: string | null, holder: string) => {
      const id = stableId('position', key);
      const companyId = byCode.get(companyCode)!.id;
      positions.push({
        id,
        companyId,
        departmentId: demoDepartmentId(companyCode, deptCode),
        title,
        headcountQuota: 1,
        duties: `${title}职责`,
        incentives: '年薪制 + 年度绩效奖金',
        jobDescriptionId: null,
        rank,
        segmentId,
        ...audit,
      });
      assignments.push({
        id: stableId('assignment', `${id}-1`),
        positionId: id,
        companyId,
        employeeId: holder,
        status: AssignmentStatus.ACTIVE,
        from: TERM_START,
        to: null,
        ...audit,
      });
      targets.push({ id: stableId('target', id), positionId: id, name: '客户满意度', period: '2026', targetValue: 90, unit: '%' });
    };
    post('JA-VP', 'JA', 'MKT', '集团副总裁', PositionRank.GROUP_VP_AND_ABOVE, null, stableId('employee', 'executive'));
    for (const s of DEMO_SEGMENTS) {
      post(`${s.code}-HEAD`, s.companyCode, 'SALES', `${s.name}负责人`, PositionRank.SEGMENT_HEAD, s.id, demoSegmentPersonId(s.code, 'head'));
      post(`${s.code}-ADMIN`, s.companyCode, 'MKT', `${s.name}管理员`, PositionRank.SEGMENT_ADMINISTRATOR, s.id, demoSegmentPersonId(s.code, 'admin'));
    }
    for (let i = 0; i < positions.length; i += 100) await m.insert(Position, positions.slice(i, i + 100));
    for (let i = 0; i < assignments.length; i += 100) await m.insert(PositionAssignment, assignments.slice(i, i + 100));
    for (let i = 0; i < targets.length; i += 100) await m.insert(PositionTarget, targets.slice(i, i + 100));

    // Policy documents of every kind the source names, with their version tables.
    type V = [string, string, PolicyVersionStatus, string];
    const docs: Partial<PolicyDocument>[] = [];
    const versions: Partial<PolicyVersion>[] = [];
    const doc = (key: string, company: string, type: PolicyDocumentType, title: string, vs: V[], opts: { number?: string; trial?: boolean; owner?: string } = {}) => {
      const companyId = byCode.get(company)!.id;
      docs.push({ id: demoPolicyId(key), companyId, type, title, documentNumber: opts.number ?? null, isTrial: opts.trial ?? false, ownerBodyId: opts.owner ?? null, ...audit });
      let predecessorId: string | null = null;
      for (const [number, date, status, change] of vs) {
        const at = new Date(`${date}T00:00:00Z`);
        const signed = status !== PolicyVersionStatus.DRAFT && status !== PolicyVersionStatus.PENDING_APPROVAL;
        const published = status === PolicyVersionStatus.PUBLISHED || status === PolicyVersionStatus.SUPERSEDED;
        const id = stableId('policy-version', `${key}-${number}`);
        versions.push({
          id,
          documentId: demoPolicyId(key),
          companyId,
          versionNumber: number,
          date: at,
          changeRecord: change,
          isMajorChange: true,
          content: `《${title}》 ${number}`,
          status,
          authorizerEmployeeId: signed ? DEMO_GROUP_CHAIR_ID : null,
          approvedAt: signed ? at : null,
          publishedAt: published ? at : null,
          effectiveFrom: published ? at : null,
          predecessorId,
          ...audit,
        });
        predecessorId = id;
      }
    };
    const P = PolicyVersionStatus.PUBLISHED;
    doc('JA-ARTICLES', 'JA', PolicyDocumentType.ARTICLES_OF_ASSOCIATION, '金岸集团有限公司章程', [
      ['1.0', '2019-01-01', PolicyVersionStatus.SUPERSEDED, '首次制定'],
      ['2.0', '2024-06-01', P, '增设股东管理委员会, 董事局7名董事'],
    ]);
    doc('JA-SHM-RULES', 'JA', PolicyDocumentType.SHAREHOLDERS_MEETING_RULES, '股东大会议事规则', [['1.0', '2024-06-01', P, '首次制定']], { owner: demoBodyId('JA', 'SHM') });
    doc('JA-BOD-RULES', 'JA', PolicyDocumentType.BOARD_RULES, '董事局议事规则', [['1.0', '2024-06-01', P, '首次制定']], { owner: demoBodyId('JA', 'BOD') });
    doc('JA-BOS-RULES', 'JA', PolicyDocumentType.SUPERVISORY_BOARD_RULES, '监事会议事规则', [['1.0', '2024-06-01', P, '首次制定']], { owner: demoBodyId('JA', 'BOS') });
    doc('JA-MGT-RULES', 'JA', PolicyDocumentType.GM_AND_SENIOR_MANAGEMENT_RULES, '总经理及高级管理人员职责与工作细则', [['1.0', '2024-06-01', P, '首次制定']], {
      owner: demoBodyId('JA', 'MGT'),
    });
    doc('JA-AUTHORITY', 'JA', PolicyDocumentType.AUTHORITY_GUIDELINE, '集团权限指引', [['1.0', '2024-07-01', P, '首次制定']]);
    doc('JA-CRM', 'JA', PolicyDocumentType.CRM_MANAGEMENT_POLICY, '客户关系管理系统(CRM)管理办法', [
      ['1.0', '2014-08-01', P, '最终版'],
      ['1.1', '2026-01-10', PolicyVersionStatus.PENDING_APPROVAL, '补充账号冻结规则'],
    ]);
    doc('JA-IT', 'JA', PolicyDocumentType.IT_MANAGEMENT_POLICY, '信息化管理办法', [['1.0', '2024-09-01', P, '首次制定']]);
    doc('JA-JD-CSC-MGR', 'JA', PolicyDocumentType.JOB_DESCRIPTION, '集团客户服务中心经理职位说明书', [['1.0', '2024-07-01', P, '首次制定']]);
    doc('LANE-SAFETY', 'LANE', PolicyDocumentType.SAFETY_ORGANISATION_STANDARD, '安全管理组织体系建设标准', [['1.0', '2016-01-05', P, '试行版发布']], {
      number: 'LANE-AQ-001',
      trial: true,
    });
    doc('JAPM-CRM', 'JAPM', PolicyDocumentType.SUBSIDIARY_CRM_POLICY, '金岸物业CRM管理制度', [['1.0', '2015-03-01', P, '首次制定']]);
    doc('JACN-COMPLAINTS', 'JACN', PolicyDocumentType.COMPLAINT_HANDLING_RULES, '投诉处理管理办法(实施细则)', [
      ['1.0', '2020-05-01', P, '首次制定'],
      ['1.1', '2026-02-01', PolicyVersionStatus.DRAFT, '调整处理时限'],
    ]);
    await m.insert(PolicyDocument, docs);
    await m.insert(PolicyVersion, versions);
    await seedDutyDemo(m, demoBodyId('JA', 'ITLG'), demoPolicyId('JA-IT'));
    await seedItWorkAssessmentDemo(m);
    await seedPortfolioDemo(m, TERM_START);
  });
  return true;
}
