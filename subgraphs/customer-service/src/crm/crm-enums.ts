import { registerEnumType } from 'type-graphql';

/** Where a lead came from (线索来源). The seed names none; a proposal, with OTHER for the rest. */
export enum LeadSource {
  REFERRAL = 'REFERRAL',
  WEBSITE = 'WEBSITE',
  EVENT = 'EVENT',
  COLD_CALL = 'COLD_CALL',
  ADVERTISING = 'ADVERTISING',
  PARTNER = 'PARTNER',
  WALK_IN = 'WALK_IN',
  SERVICE = 'SERVICE',
  OTHER = 'OTHER',
}
registerEnumType(LeadSource, { name: 'LeadSource', description: '推荐, 网站, 活动, 电话拜访, 广告, 合作伙伴, 到访, 客户服务 (service drives sales, CS-R12), 其他.' });

/** Lead life cycle (domain.md G-10). CONVERTED only through convertLead. */
export enum LeadStatus {
  NEW = 'NEW',
  FOLLOWING_UP = 'FOLLOWING_UP',
  CONVERTED = 'CONVERTED',
  INVALID = 'INVALID',
  CLOSED = 'CLOSED',
}
registerEnumType(LeadStatus, { name: 'LeadStatus', description: 'NEW and FOLLOWING_UP are open (they need a general action every month, CS-R25).' });
export const OPEN_LEAD_STATUSES = [LeadStatus.NEW, LeadStatus.FOLLOWING_UP];

export enum OpportunityStatus {
  OPEN = 'OPEN',
  WON = 'WON',
  LOST = 'LOST',
}
registerEnumType(OpportunityStatus, {
  name: 'OpportunityStatus',
  description: 'OPEN opportunities need a general action every month (CS-R25); WON needs a sales order; LOST needs a reason.',
});

/** What a general action (一般行动) is about (domain.md §2.2.3: lead, customer or opportunity). */
export enum CrmTargetType {
  LEAD = 'LEAD',
  CUSTOMER = 'CUSTOMER',
  OPPORTUNITY = 'OPPORTUNITY',
}
registerEnumType(CrmTargetType, { name: 'CrmTargetType' });

/** domain.md G-11. */
export enum GeneralActionType {
  CALL = 'CALL',
  VISIT = 'VISIT',
  MEETING = 'MEETING',
  EMAIL = 'EMAIL',
  MESSAGE = 'MESSAGE',
  TASK = 'TASK',
  OTHER = 'OTHER',
}
registerEnumType(GeneralActionType, { name: 'GeneralActionType' });

export enum GeneralActionStatus {
  PLANNED = 'PLANNED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(GeneralActionStatus, { name: 'GeneralActionStatus', description: 'Only DONE actions count as the monthly follow-up (CS-R25).' });

export enum SalesOrderStatus {
  ACTIVE = 'ACTIVE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SalesOrderStatus, { name: 'SalesOrderStatus' });

/** Records the group marketing department may move to another segment (WF-CRM-7). */
export enum AllocatableRecordType {
  LEAD = 'LEAD',
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(AllocatableRecordType, {
  name: 'AllocatableRecordType',
  description: 'A customer moves with everything attached to it (contacts, leads, opportunities, orders, actions, complaints, revisit plans); a lead moves with its actions.',
});

/** Amounts are DECIMAL(16,2) (MariaDB returns strings): read as numbers. */
export const decimalTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)),
};

export const money = (n: number) => Math.round(n * 100) / 100;
