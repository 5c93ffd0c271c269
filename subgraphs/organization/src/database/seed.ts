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
import { Company, CompanyKind, Segment } from '../companies/company.entity';
import { Department, DepartmentKind } from '../departments/department.entity';
import { Employee, EmployeeStatus } from '../employees/employee.entity';
import { Account, AccountSegment, AccountStatus } from '../accounts/account.entity';
import { GovernanceFunction, GoverningBody, GoverningBodyType } from '../governance/governing-body.entity';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '涛'];
const personName = (n: number) => SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length] + (n % 3 === 0 ? GIVEN[(n * 5) % GIVEN.length] : '');

/**
 * Demo data: the group of shared/src/demo/catalogue.ts with departments,
 * employees and the demo accounts (all with password "demo-password").
 * Runs only on an empty database; a single transaction.
 */
export async function seedOrganization(ds: DataSource): Promise<void> {
  if ((await ds.getRepository(Company).count()) > 0) return;
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
      employees.push({ id: employeeId, companyId, departmentId, name, title, email, status: EmployeeStatus.ACTIVE, ...audit });
      const accountId = stableId('account', key);
      accounts.push({ id: accountId, email, passwordHash, role, employeeId, status: AccountStatus.ACTIVE, lastLoginAt: null, ...audit });
      if (segmentId) links.push({ accountId, segmentId });
    };
    addPerson('executive', '金总', '集团副总裁', 'executive@example.com', Role.GROUP_EXECUTIVE, groupId, demoDepartmentId('JA', 'MKT'), stableId('employee', 'executive'));
    addPerson('sysadmin', '系统管理员', 'CRM 系统管理员', 'sysadmin@example.com', Role.SYSTEM_ADMIN, groupId, demoDepartmentId('JA', 'IT'), stableId('employee', 'sysadmin'));
    for (const s of DEMO_SEGMENTS) {
      const company = byCode.get(s.companyCode)!;
      const code = s.code.toLowerCase();
      addPerson(`head.${code}`, personName(n++), `${s.name}负责人`, `head.${code}@example.com`, Role.SEGMENT_HEAD, company.id, demoDepartmentId(company.code, 'SALES'), demoSegmentPersonId(s.code, 'head'), s.id);
      addPerson(`staff.${code}`, personName(n++), `${s.name}业务员`, `staff.${code}@example.com`, Role.BUSINESS_STAFF, company.id, demoDepartmentId(company.code, 'SALES'), demoSegmentPersonId(s.code, 'staff'), s.id);
      addPerson(`admin.${code}`, personName(n++), `${s.name}版块管理员`, `admin.${code}@example.com`, Role.SEGMENT_ADMIN, company.id, demoDepartmentId(company.code, 'MKT'), demoSegmentPersonId(s.code, 'admin'), s.id);
    }

    // Every company has the four bodies of D08 第二条; the group adds the committees the source names.
    const bodies: Partial<GoverningBody>[] = [];
    for (const c of DEMO_COMPANIES) {
      const group = c.kind === 'GROUP';
      const add = (key: string, type: GoverningBodyType, label: string, fn: GovernanceFunction, seatLimit: number | null) =>
        bodies.push({ id: stableId('governing-body', `${c.code}-${key}`), companyId: c.id, type, label, governanceFunction: fn, seatLimit, ...audit });
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
    await m.insert(Account, accounts);
    await m.insert(AccountSegment, links);
  });
}
