import { stableId } from '../ids';
import {
  DEMO_COMPANIES,
  DEMO_DEPARTMENTS,
  DEMO_EMPLOYEES_PER_DEPARTMENT,
  DEMO_GROUP_DEPARTMENTS,
  DEMO_SEGMENTS,
  demoDepartmentId,
  demoSegmentPersonId,
  demoStaffEmployeeId,
} from './catalogue';

/** One demo employee as organization's Employee* events describe it (EmployeeState, without status). */
export interface DemoRosterEntry {
  employeeId: string;
  companyId: string;
  departmentId: string;
  /** The CRM segments of the employee's company (ordered by id, as organization's events list them). */
  segmentIds: string[];
}

/**
 * Every employee organization's demo seed creates (ordinary staff of each department, the executive,
 * the system administrator, the group marketing operator and each segment's head, staff and admin),
 * so a subgraph that keeps a roster of organization's employees (customer-service) can seed the same
 * people without reading organization's database (organization's employees/demo-roster.test.ts
 * checks the two agree; the roster's repair job corrects any difference where organization runs).
 */
export function demoEmployeeRoster(): DemoRosterEntry[] {
  const companies = new Map(DEMO_COMPANIES.map((c) => [c.code, c]));
  const segmentsOf = (companyCode: string) =>
    DEMO_SEGMENTS.filter((s) => s.companyCode === companyCode)
      .map((s) => s.id)
      .sort();
  const out: DemoRosterEntry[] = [];
  const add = (employeeId: string, companyCode: string, deptCode: string) =>
    out.push({ employeeId, companyId: companies.get(companyCode)!.id, departmentId: demoDepartmentId(companyCode, deptCode), segmentIds: segmentsOf(companyCode) });
  for (const c of DEMO_COMPANIES) {
    for (const d of c.kind === 'GROUP' ? DEMO_GROUP_DEPARTMENTS : DEMO_DEPARTMENTS) {
      for (let i = 1; i <= DEMO_EMPLOYEES_PER_DEPARTMENT; i++) add(demoStaffEmployeeId(c.code, d.code, i), c.code, d.code);
    }
  }
  add(stableId('employee', 'executive'), 'JA', 'MKT');
  add(stableId('employee', 'sysadmin'), 'JA', 'IT');
  add(stableId('employee', 'operator.mkt'), 'JA', 'MKT');
  for (const s of DEMO_SEGMENTS) {
    add(demoSegmentPersonId(s.code, 'head'), s.companyCode, 'SALES');
    add(demoSegmentPersonId(s.code, 'staff'), s.companyCode, 'SALES');
    add(demoSegmentPersonId(s.code, 'admin'), s.companyCode, 'MKT');
  }
  return out;
}
