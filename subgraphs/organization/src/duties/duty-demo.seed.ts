import type { EntityManager } from 'typeorm';
import { DEMO_COMPANIES, demoDepartmentId, stableId } from '@group/shared';
import { Duty, DutyHolderKind } from './duty.entity';
import { IT_ASSESSMENT_DUTY } from '../it-work-assessments/it-work-assessment.entity';

/**
 * ORG-R40: the IT governance duty catalogue of D12 (27 rows), verbatim order, for the group: the IT
 * leading group, the IT department as 技术部, then the units and roles the source names by kind
 * (信息专业, 信息运维, business departments, 信息化专员) as ROLE holders.
 */
export const IT_LEADING_GROUP_DUTIES: [string, string][] = [
  ['贯彻落实公司有关信息化工作的方针政策', 'Implement company IT policies'],
  ['从战略层面统一组织、指导、决策,推动公司信息化建设工作', 'Organise, guide and decide IT construction at strategic level'],
  ['研究解决公司信息化建设中的重大事项', 'Study and resolve major IT issues'],
  ['审议公司信息化规划和年度项目、资金计划', 'Deliberate the IT plan and annual project & funding plans'],
  ['审议公司信息化工作制度及相关标准', 'Deliberate IT rules and standards'],
  ['审查公司信息化重大项目的建设方案和工作计划', 'Examine construction plans & work plans of major IT projects'],
  ['在规划安排、资源集成、监督检查、队伍组织等方面给予充分保证', 'Guarantee planning, resource integration, supervision/inspection, team organisation'],
  ['决策信息化建设中的其他重大事项和问题', 'Decide other major IT matters'],
];
export const TECHNOLOGY_DEPARTMENT_DUTIES: [string, string][] = [
  ['负责信息化规划和计划管理', 'IT planning and plan management'],
  ['负责信息化项目和费用管理', 'IT project and cost management'],
  [IT_ASSESSMENT_DUTY, 'Supervision, inspection and assessment of IT work'],
  ['负责对外协单位的管理', 'Management of external contractors'],
];

export const IT_SPECIALTY_DUTIES: [string, string][] = [
  ['负责公司信息化技术体系建设', 'IT technical architecture'],
  ['负责信息化项目实施管理', 'IT project implementation management'],
  ['负责信息系统运维的管理工作', 'Management of IS operations'],
  ['负责公司信息安全管理工作', 'Information security management'],
  ['负责公司信息相关设备资产管理', 'IT equipment asset management'],
];
export const IT_OPERATIONS_DUTIES: [string, string][] = [
  ['负责公司信息系统运维工作', 'IS operations'],
  ['负责公司基础网络运维工作', 'Base network operations'],
  ['负责公司服务器系统运维工作', 'Server operations'],
  ['负责公司所有办公计算机、打印机维护工作', 'Maintenance of all office PCs and printers'],
  ['负责与集团公司会议联调工作', 'Joint testing of conferences with the group company'],
];
export const BUSINESS_DEPARTMENT_IT_DUTIES: [string, string][] = [
  ['负责提出业务应用的信息化需求和建设目标', 'Raise IT requirements and goals for business applications'],
  ['负责确定业务流程和数据标准', 'Define business processes and data standards'],
  ['推进涉及本部门的信息化建设工作', 'Advance IT work concerning the department'],
  ['促进本部门相关信息系统的深化应用', "Deepen use of the department's systems"],
];
export const IT_LIAISON_DUTIES: [string, string][] = [['负责本部门有关信息化工作的协调联络', "Coordination & liaison for the department's IT work"]];

export async function seedDutyDemo(m: EntityManager, itLeadingGroupId: string, itPolicyId: string): Promise<void> {
  const groupId = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
  const rows = (kind: DutyHolderKind, holderId: string, list: [string, string][]) =>
    list.map(([text, textEn], i) => ({
      id: stableId('duty', `${holderId}-${i + 1}`),
      companyId: groupId,
      holderKind: kind,
      holderId,
      ordinal: i + 1,
      text,
      textEn,
      sourceDocumentId: itPolicyId,
      resolutionId: null,
    }));
  await m.insert(Duty, [
    ...rows(DutyHolderKind.GOVERNING_BODY, itLeadingGroupId, IT_LEADING_GROUP_DUTIES),
    ...rows(DutyHolderKind.DEPARTMENT, demoDepartmentId('JA', 'IT'), TECHNOLOGY_DEPARTMENT_DUTIES),
    ...rows(DutyHolderKind.ROLE, 'IT_SPECIALTY', IT_SPECIALTY_DUTIES),
    ...rows(DutyHolderKind.ROLE, 'IT_OPERATIONS', IT_OPERATIONS_DUTIES),
    ...rows(DutyHolderKind.ROLE, 'BUSINESS_DEPARTMENT', BUSINESS_DEPARTMENT_IT_DUTIES),
    ...rows(DutyHolderKind.ROLE, 'IT_LIAISON', IT_LIAISON_DUTIES),
  ]);
}
