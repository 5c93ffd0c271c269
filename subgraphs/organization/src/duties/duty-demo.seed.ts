import type { EntityManager } from 'typeorm';
import { DEMO_COMPANIES, demoDepartmentId, stableId } from '@group/shared';
import { Duty, DutyHolderKind } from './duty.entity';

/** ORG-R40: the IT governance duty catalogue of D12, verbatim order, for the group (IT leading group; the IT department as 技术部). */
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
  ['负责信息化工作的监督、检查与考核', 'Supervision, inspection and assessment of IT work'],
  ['负责对外协单位的管理', 'Management of external contractors'],
];

export async function seedDutyDemo(m: EntityManager, itLeadingGroupId: string, itPolicyId: string): Promise<void> {
  const groupId = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
  const rows = (kind: DutyHolderKind, holderId: string, list: [string, string][]) =>
    list.map(([text, textEn], i) => ({ id: stableId('duty', `${holderId}-${i + 1}`), companyId: groupId, holderKind: kind, holderId, ordinal: i + 1, text, textEn, sourceDocumentId: itPolicyId, resolutionId: null }));
  await m.insert(Duty, [...rows(DutyHolderKind.GOVERNING_BODY, itLeadingGroupId, IT_LEADING_GROUP_DUTIES), ...rows(DutyHolderKind.DEPARTMENT, demoDepartmentId('JA', 'IT'), TECHNOLOGY_DEPARTMENT_DUTIES)]);
}
