import { createDataSource, DatabaseConfig } from '@group/shared';
import { Company, Segment } from '../companies/company.entity';
import { Department } from '../departments/department.entity';
import { Employee, EmployeeChange } from '../employees/employee.entity';
import { EmployeeChanges1764300700000 } from './migrations/1764300700000-employee-changes';
import { AccountSecurity1764300800000 } from './migrations/1764300800000-account-security';
import { LoginCompliance1764301000000 } from './migrations/1764301000000-login-compliance';
import { ForcedPasswordChangeAndPenaltyPolicy1764301100000 } from './migrations/1764301100000-forced-password-change-and-penalty-policy';
import { ShareCapitalQuorum1764301200000 } from './migrations/1764301200000-share-capital-quorum';
import { GovernanceOversight1764301300000 } from './migrations/1764301300000-governance-oversight';
import { PlansAndSubsidiaryOversight1764301400000 } from './migrations/1764301400000-plans-and-subsidiary-oversight';
import { DutiesLiaisonsEvaluations1764301500000 } from './migrations/1764301500000-duties-liaisons-evaluations';
import { Duty } from '../duties/duty.entity';
import { ItLiaison } from '../it-liaisons/it-liaison.entity';
import { PerformanceEvaluation } from '../performance-evaluations/performance-evaluation.entity';
import { Portfolio } from '../portfolios/portfolio.entity';
import { Portfolios1764302500000 } from './migrations/1764302500000-portfolios';
import { StrategicPlanLinks1764302600000 } from './migrations/1764302600000-strategic-plan-links';
import { TokensNotBeforeMs1764302680000 } from './migrations/1764302680000-tokens-not-before-ms';
import { ItWorkAssessment } from '../it-work-assessments/it-work-assessment.entity';
import { ItWorkAssessments1764301600000 } from './migrations/1764301600000-it-work-assessments';
import { HeadcountReportIndex1764301700000 } from './migrations/1764301700000-headcount-report-index';
import { PositionRank1764301800000 } from './migrations/1764301800000-position-rank';
import { ResolutionSubject1764302050000 } from './migrations/1764302050000-resolution-subject';
import { Plan, PlanTarget } from '../plans/plan.entity';
import { SubsidiaryOversightItem } from '../subsidiary-oversight/subsidiary-oversight.entity';
import { CheckpointReview } from '../checkpoint-reviews/checkpoint-review.entity';
import { GovernanceReport } from '../governance-reports/governance-report.entity';
import { SupervisoryAction } from '../supervisory-actions/supervisory-action.entity';
import { OrgAssessment, OrgAssessmentFinding, OrgAssessmentOpinion } from '../org-assessments/org-assessment.entity';
import { ComplianceCircular, ComplianceCircularAccount, EconomicPenalty, TravelPeriod } from '../compliance/compliance.entity';
import { AccountChangeRequests1764300900000 } from './migrations/1764300900000-account-change-requests';
import { AccountChangeRequest, AccountChangeRequestSegment } from '../accounts/account-change.entity';
import { Account, AccountSegment, LoginRecord } from '../accounts/account.entity';
import { OrganizationFoundation1764230400000 } from './migrations/1764230400000-organization-foundation';
import { GoverningBodies1764230700000 } from './migrations/1764230700000-governing-bodies';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { Shareholding } from '../holdings/shareholding.entity';
import { GovernanceChange } from '../governance/governance-change.entity';
import { BodyMembership } from '../memberships/body-membership.entity';
import { Delegation } from '../delegations/delegation.entity';
import { PolicyDocument, PolicyVersion } from '../policies/policy.entity';
import { PolicyDocuments1764300600000 } from './migrations/1764300600000-policy-documents';
import { HeadcountChange, Position, PositionAssignment, PositionTarget } from '../positions/position.entity';
import { Positions1764300500000 } from './migrations/1764300500000-positions';
import { Meeting, MeetingAgendaItem, MeetingAttendance, Resolution } from '../meetings/meeting.entity';
import { Meetings1764300400000 } from './migrations/1764300400000-meetings';
import { Delegations1764300300000 } from './migrations/1764300300000-delegations';
import { CompanyLegalDataAndShareholdings1764300000000 } from './migrations/1764300000000-company-legal-data-and-shareholdings';
import { GovernanceChangeLog1764300100000 } from './migrations/1764300100000-governance-change-log';
import { BodyMemberships1764300200000 } from './migrations/1764300200000-body-memberships';

export const ORGANIZATION_ENTITIES = [
  Company,
  Segment,
  Department,
  Employee,
  Account,
  AccountSegment,
  LoginRecord,
  GoverningBody,
  Shareholding,
  GovernanceChange,
  BodyMembership,
  Delegation,
  Meeting,
  MeetingAgendaItem,
  MeetingAttendance,
  Resolution,
  Position,
  PositionAssignment,
  PositionTarget,
  HeadcountChange,
  PolicyDocument,
  PolicyVersion,
  EmployeeChange,
  AccountChangeRequest,
  AccountChangeRequestSegment,
  TravelPeriod,
  ComplianceCircular,
  ComplianceCircularAccount,
  EconomicPenalty,
  GovernanceReport,
  SupervisoryAction,
  CheckpointReview,
  OrgAssessment,
  OrgAssessmentFinding,
  OrgAssessmentOpinion,
  Plan,
  PlanTarget,
  SubsidiaryOversightItem,
  Duty,
  ItLiaison,
  PerformanceEvaluation,
  ItWorkAssessment,
  Portfolio,
];
export const ORGANIZATION_MIGRATIONS = [
  OrganizationFoundation1764230400000,
  GoverningBodies1764230700000,
  CompanyLegalDataAndShareholdings1764300000000,
  GovernanceChangeLog1764300100000,
  BodyMemberships1764300200000,
  Delegations1764300300000,
  Meetings1764300400000,
  Positions1764300500000,
  PolicyDocuments1764300600000,
  EmployeeChanges1764300700000,
  AccountSecurity1764300800000,
  AccountChangeRequests1764300900000,
  LoginCompliance1764301000000,
  ForcedPasswordChangeAndPenaltyPolicy1764301100000,
  ShareCapitalQuorum1764301200000,
  GovernanceOversight1764301300000,
  PlansAndSubsidiaryOversight1764301400000,
  DutiesLiaisonsEvaluations1764301500000,
  ItWorkAssessments1764301600000,
  HeadcountReportIndex1764301700000,
  PositionRank1764301800000,
  ResolutionSubject1764302050000,
  Portfolios1764302500000,
  StrategicPlanLinks1764302600000,
  TokensNotBeforeMs1764302680000,
];

export function createOrganizationDataSource(database: DatabaseConfig) {
  return createDataSource({ database, entities: ORGANIZATION_ENTITIES, migrations: ORGANIZATION_MIGRATIONS });
}
