import { createDataSource, DatabaseConfig } from '@group/shared';
import { Customer } from '../customers/customer.entity';
import { Complaint } from '../complaints/complaint.entity';
import { CodeSequence } from './code-sequence.entity';
import { ComplaintEvent } from '../complaints/complaint-event.entity';
import { ComplaintEscalation } from '../escalation/complaint-escalation.entity';
import { SlaPolicy } from '../sla/sla-policy.entity';
import { BusinessCalendar, BusinessCalendarDay, CalendarRevision } from '../sla/business-calendar.entity';
import { ServiceBranch, ServiceStaff } from '../branches/service-branch.entity';
import { ServiceBranches1764300100000 } from './migrations/1764300100000-service-branches';
import { BranchAssessment1764300200000 } from './migrations/1764300200000-branch-assessment';
import { AssessmentWeight } from '../assessment/assessment-weight.entity';
import { ComplaintCompensation } from '../complaints/complaint-compensation.entity';
import { ComplaintRisk1764300300000 } from './migrations/1764300300000-complaint-risk';
import { RevisitPlans1764300400000 } from './migrations/1764300400000-revisit-plans';
import { ComplaintCategory1764300500000 } from './migrations/1764300500000-complaint-category';
import { ComplaintAttachments1764300600000 } from './migrations/1764300600000-complaint-attachments';
import { ComplaintAttachment } from '../complaints/complaint-attachment.entity';
import { CustomerRevisit, RevisitPlan } from '../revisits/revisit-plan.entity';
import { CustomerServiceFoundation1764230500000 } from './migrations/1764230500000-customer-service-foundation';
import { ComplaintHandling1764300000000 } from './migrations/1764300000000-complaint-handling';
import { Crm1764300700000 } from './migrations/1764300700000-crm';
import { Lead } from '../leads/lead.entity';
import { Opportunity, OpportunityStage, OpportunityStageChange } from '../opportunities/opportunity.entity';
import { GeneralAction } from '../actions/general-action.entity';
import { SalesOrder } from '../orders/sales-order.entity';
import { CustomerContact } from '../customers/customer-contact.entity';
import { SegmentAllocation } from '../allocations/segment-allocation.entity';
import { CustomerMerge } from '../customers/customer-merge.entity';

import { PublicationWatermark } from '../indicators/publication-watermark.entity';
import { CustomerIndicatorVersion, CustomerIndicatorVersions1765200700000 } from '../indicators/indicator-events';
import { AssessmentPeriod, BranchAssessmentResult } from '../assessment/assessment-result.entity';
import { AssessmentResults1764309100000 } from './migrations/1764309100000-assessment-results';
import { FirstResponseWarning1764309200000 } from './migrations/1764309200000-first-response-warning';
import { Notifications1764309300000 } from './migrations/1764309300000-notifications';
import { ComplaintKeysToShared1764900200000 } from './migrations/1764900200000-complaint-keys-to-shared';
import { ChangedSinceIndexes1764309400000 } from './migrations/1764309400000-changed-since-indexes';
import { ReportIndexes1764309500000 } from './migrations/1764309500000-report-indexes';
import { Notification } from '../notifications/notification.entity';
import { IndicatorPublication1764309000000 } from './migrations/1764309000000-indicator-publication';
import { ConfigurationVersions1764309600000 } from './migrations/1764309600000-configuration-versions';
import { FollowUpSegmentIndex1764900300000 } from './migrations/1764900300000-follow-up-segment-index';
import { FollowUpLateCorrections1765000100000 } from './migrations/1765000100000-follow-up-late-corrections';
import { ComplaintReceivedAt1765000200000 } from './migrations/1765000200000-complaint-received-at';
import { ComplaintReceivedIndex1765100100000 } from './migrations/1765100100000-complaint-received-index';
import { EscalationChain1765100200000 } from './migrations/1765100200000-escalation-chain';
import { CalendarRevision1765100300000 } from './migrations/1765100300000-calendar-revision';
import { EmployeeRoster1765200000000 } from './migrations/1765200000000-employee-roster';
import { RosterEmployee } from '../roster/employee-roster.entity';
import { AssessmentPeriod1765200100000 } from './migrations/1765200100000-assessment-period';

export const CUSTOMER_SERVICE_ENTITIES = [
  PublicationWatermark,
  BranchAssessmentResult,
  AssessmentPeriod,
  Notification,
  Customer,
  Complaint,
  CodeSequence,
  ComplaintEvent,
  ComplaintEscalation,
  SlaPolicy,
  BusinessCalendar,
  BusinessCalendarDay,
  CalendarRevision,
  ServiceBranch,
  ServiceStaff,
  AssessmentWeight,
  ComplaintCompensation,
  RevisitPlan,
  CustomerRevisit,
  ComplaintAttachment,
  Lead,
  Opportunity,
  OpportunityStage,
  OpportunityStageChange,
  GeneralAction,
  SalesOrder,
  CustomerContact,
  SegmentAllocation,
  CustomerMerge,
  CustomerIndicatorVersion,
  RosterEmployee,
];
export const CUSTOMER_SERVICE_MIGRATIONS = [
  CustomerServiceFoundation1764230500000,
  ComplaintHandling1764300000000,
  ServiceBranches1764300100000,
  BranchAssessment1764300200000,
  ComplaintRisk1764300300000,
  RevisitPlans1764300400000,
  ComplaintCategory1764300500000,
  ComplaintAttachments1764300600000,
  Crm1764300700000,
  IndicatorPublication1764309000000,
  AssessmentResults1764309100000,
  FirstResponseWarning1764309200000,
  Notifications1764309300000,
  ChangedSinceIndexes1764309400000,
  ReportIndexes1764309500000,
  ConfigurationVersions1764309600000,
  ComplaintKeysToShared1764900200000,
  FollowUpSegmentIndex1764900300000,
  FollowUpLateCorrections1765000100000,
  ComplaintReceivedAt1765000200000,
  ComplaintReceivedIndex1765100100000,
  EscalationChain1765100200000,
  CalendarRevision1765100300000,
  EmployeeRoster1765200000000,
  AssessmentPeriod1765200100000,
  CustomerIndicatorVersions1765200700000,
];

export function createCustomerServiceDataSource(database: DatabaseConfig) {
  return createDataSource({ database, entities: CUSTOMER_SERVICE_ENTITIES, migrations: CUSTOMER_SERVICE_MIGRATIONS });
}
