import { stableId } from '../ids';

/**
 * The demo group every subgraph seeds from, so cross-subgraph references
 * (a complaint's department, a tag's customer) line up. Follows the source
 * documents: a group holding 8 companies across 10 business segments (D10),
 * using company names the source itself mentions where it names them.
 */
export interface DemoSegment {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  companyCode: string;
}
export interface DemoCompany {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  kind: 'GROUP' | 'SUBSIDIARY' | 'DIRECTLY_AFFILIATED_GROUP';
  parentCode: string | null;
}

const company = (code: string, name: string, nameEn: string, kind: DemoCompany['kind'], parentCode: string | null): DemoCompany => ({
  id: stableId('company', code),
  code,
  name,
  nameEn,
  kind,
  parentCode,
});

export const DEMO_COMPANIES: DemoCompany[] = [
  company('JA', '金岸集团有限公司', "Jin'an Group", 'GROUP', null),
  company('JARE', '金岸地产开发有限公司', "Jin'an Real Estate Development", 'SUBSIDIARY', 'JA'),
  company('JACN', '金岸建设有限责任公司', "Jin'an Construction", 'SUBSIDIARY', 'JA'),
  company('JAPM', '金岸物业管理有限公司', "Jin'an Property Management", 'SUBSIDIARY', 'JA'),
  company('LANE', '理昂新能源股份有限公司', "Li'ang New Energy", 'SUBSIDIARY', 'JA'),
  company('HHTR', '海汇贸易有限公司', 'Haihui Trading', 'SUBSIDIARY', 'JA'),
  company('JAHT', '金岸酒店管理有限公司', "Jin'an Hotel Management", 'SUBSIDIARY', 'JA'),
  company('JATC', '金岸科技集团有限公司', "Jin'an Technology Group", 'DIRECTLY_AFFILIATED_GROUP', 'JA'),
  company('JAFN', '金岸金融控股有限公司', "Jin'an Financial Holdings", 'SUBSIDIARY', 'JA'),
];

const segment = (code: string, name: string, nameEn: string, companyCode: string): DemoSegment => ({
  id: stableId('segment', code),
  code,
  name,
  nameEn,
  companyCode,
});

/** 10 segments mapped to 8 operating companies (the group itself holds none). */
export const DEMO_SEGMENTS: DemoSegment[] = [
  segment('RESI', '住宅开发版块', 'Residential development', 'JARE'),
  segment('COMM', '商业地产版块', 'Commercial property', 'JARE'),
  segment('CONS', '建筑施工版块', 'Construction', 'JACN'),
  segment('PROP', '物业服务版块', 'Property services', 'JAPM'),
  segment('ENGY', '新能源版块', 'New energy', 'LANE'),
  segment('TRAD', '贸易版块', 'Trading', 'HHTR'),
  segment('HOTL', '酒店版块', 'Hotels', 'JAHT'),
  segment('SOFT', '软件服务版块', 'Software services', 'JATC'),
  segment('EDUT', '教育科技版块', 'Education technology', 'JATC'),
  segment('FINA', '金融服务版块', 'Financial services', 'JAFN'),
];

/** Functional departments every operating company has (D08: board-determined functional departments). */
export const DEMO_DEPARTMENTS: { code: string; name: string; nameEn: string }[] = [
  { code: 'CS', name: '客户服务部', nameEn: 'Customer service' },
  { code: 'MKT', name: '市场营销部', nameEn: 'Marketing' },
  { code: 'SALES', name: '销售部', nameEn: 'Sales' },
  { code: 'ENG', name: '工程管理部', nameEn: 'Engineering' },
  { code: 'FIN', name: '财务部', nameEn: 'Finance' },
];

export const demoDepartmentId = (companyCode: string, deptCode: string) => stableId('department', `${companyCode}-${deptCode}`);
export const demoEmployeeId = (key: string) => stableId('employee', key);
export const demoCustomerId = (n: number) => stableId('customer', n);

/** Demo customers: 30 per segment. Customer n belongs to segment n % 10. */
export const DEMO_CUSTOMERS_PER_SEGMENT = 30;
export const DEMO_CUSTOMER_COUNT = DEMO_SEGMENTS.length * DEMO_CUSTOMERS_PER_SEGMENT;
export const demoCustomerSegment = (n: number): DemoSegment => DEMO_SEGMENTS[n % DEMO_SEGMENTS.length];

export const DEMO_PASSWORD = 'demo-password';

/** Group head-office departments (the group customer service centre and marketing department the source names). */
export const DEMO_GROUP_DEPARTMENTS: { code: string; name: string; nameEn: string }[] = [
  { code: 'CSC', name: '集团客户服务中心', nameEn: 'Group customer service center' },
  { code: 'MKT', name: '集团市场营销部', nameEn: 'Group marketing department' },
  { code: 'LEGAL', name: '法务部', nameEn: 'Legal' },
  { code: 'IT', name: '信息技术部', nameEn: 'Information technology' },
];

/** Ordinary employees: `${companyCode}-${deptCode}-${n}` for n = 1..EMPLOYEES_PER_DEPARTMENT. */
export const DEMO_EMPLOYEES_PER_DEPARTMENT = 3;
export const demoStaffEmployeeId = (companyCode: string, deptCode: string, n: number) => demoEmployeeId(`${companyCode}-${deptCode}-${n}`);
/** The three CRM people of each segment: head, business staff and segment admin. */
export const demoSegmentPersonId = (segmentCode: string, who: 'head' | 'staff' | 'admin') => demoEmployeeId(`${segmentCode}-${who}`);
