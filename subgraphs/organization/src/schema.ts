import { buildFederatedSchema, referenceResolver } from '@group/shared';
// Load order fixes the order of the printed schema (schema.graphql): employees, departments, companies.
import { EmployeeResolver } from './employees/employee.resolver';
import { DepartmentResolver } from './departments/department.resolver';
import { CompanyResolver, SegmentResolver } from './companies/company.resolver';
import { AccountResolver } from './accounts/account.resolver';
import { CompanyGovernanceResolver, GoverningBodyResolver } from './governing-bodies/governing-body.resolver';
import { CompanyHoldingResolver, ShareholdingResolver } from './holdings/holding.resolver';
import { BodyMembershipResolver, GoverningBodyMembersResolver } from './memberships/membership.resolver';
// The change log's query comes right after the memberships' (the printed schema keeps its order).
import { GovernanceChangeResolver } from './governance/governance-change.resolver';
import { CompanyDelegationResolver, DelegationResolver } from './delegations/delegation.resolver';
import { GoverningBodyMeetingsResolver, MeetingResolver, ResolutionResolver } from './meetings/meeting.resolver';
import { DepartmentPositionsResolver, EmployeePositionsResolver, PositionAssignmentResolver, PositionResolver } from './positions/position.resolver';
import { GoverningBodyCharterResolver, PolicyDocumentResolver, PolicyVersionResolver, PositionJobDescriptionResolver } from './policies/policy.resolver';
import { DepartmentChangeResolver } from './departments/department-change.resolver';
import { EmployeeChangeResolver } from './employees/employee-change.resolver';
import {
  CircularListingResolver,
  ComplianceCircularResolver,
  ComplianceResolver,
  EconomicPenaltyResolver,
  InactiveAccountResolver,
  LoginComplianceRowResolver,
} from './compliance/compliance.resolver';
import { AccountChangeRequestResolver } from './accounts/account-change.resolver';
import { GovernanceReportResolver, MeetingReportsResolver } from './governance-reports/governance-report.resolver';
import { SupervisoryActionResolver } from './supervisory-actions/supervisory-action.resolver';
import { CheckpointReviewResolver } from './checkpoint-reviews/checkpoint-review.resolver';
import { GovernanceMetricsResolver, SpanOfControlRowResolver } from './governance-metrics/governance-metrics.resolver';
import { OrgAssessmentFindingResolver, OrgAssessmentOpinionResolver, OrgAssessmentResolver } from './org-assessments/org-assessment.resolver';
import { PlanCompletionRowResolver, PlanResolver, PlanTargetResolver } from './plans/plan.resolver';
import { OversightRegisterRowResolver, SubsidiaryOversightResolver } from './subsidiary-oversight/subsidiary-oversight.resolver';
import { DepartmentPortfolioResolver, EmployeePortfolioResolver, PortfolioResolver } from './portfolios/portfolio.resolver';
import { DepartmentDutiesResolver, DutyFieldsResolver, DutyResolver, GoverningBodyDutiesResolver } from './duties/duty.resolver';
import { DepartmentItLiaisonResolver, ItLiaisonCoverageResolver, ItLiaisonFieldsResolver, ItLiaisonResolver } from './it-liaisons/it-liaison.resolver';
import { PerformanceEvaluationFieldsResolver, PerformanceEvaluationResolver } from './performance-evaluations/performance-evaluation.resolver';
import {
  DepartmentItWorkAssessmentsResolver,
  ItWorkAssessmentFieldsResolver,
  ItWorkAssessmentReportRowResolver,
  ItWorkAssessmentResolver,
} from './it-work-assessments/it-work-assessment.resolver';
import type { OrganizationContext } from './context';

/** Collects the organization subgraph's modules into one Federation 2 schema. */
export function buildOrganizationSchema() {
  return buildFederatedSchema({
    audit: 'organization',
    resolvers: [
      CompanyResolver,
      CompanyGovernanceResolver,
      SegmentResolver,
      DepartmentResolver,
      EmployeeResolver,
      AccountResolver,
      GoverningBodyResolver,
      CompanyHoldingResolver,
      ShareholdingResolver,
      BodyMembershipResolver,
      GoverningBodyMembersResolver,
      GovernanceChangeResolver,
      DelegationResolver,
      CompanyDelegationResolver,
      MeetingResolver,
      ResolutionResolver,
      GoverningBodyMeetingsResolver,
      PositionResolver,
      PositionAssignmentResolver,
      DepartmentPositionsResolver,
      EmployeePositionsResolver,
      PolicyDocumentResolver,
      PolicyVersionResolver,
      GoverningBodyCharterResolver,
      PositionJobDescriptionResolver,
      DepartmentChangeResolver,
      EmployeeChangeResolver,
      AccountChangeRequestResolver,
      ComplianceResolver,
      LoginComplianceRowResolver,
      InactiveAccountResolver,
      CircularListingResolver,
      ComplianceCircularResolver,
      EconomicPenaltyResolver,
      GovernanceMetricsResolver,
      SpanOfControlRowResolver,
      GovernanceReportResolver,
      MeetingReportsResolver,
      SupervisoryActionResolver,
      CheckpointReviewResolver,
      OrgAssessmentResolver,
      OrgAssessmentFindingResolver,
      OrgAssessmentOpinionResolver,
      PlanResolver,
      PlanTargetResolver,
      PlanCompletionRowResolver,
      SubsidiaryOversightResolver,
      OversightRegisterRowResolver,
      DutyResolver,
      DutyFieldsResolver,
      DepartmentDutiesResolver,
      GoverningBodyDutiesResolver,
      ItLiaisonResolver,
      ItLiaisonCoverageResolver,
      DepartmentItLiaisonResolver,
      ItLiaisonFieldsResolver,
      PerformanceEvaluationResolver,
      PerformanceEvaluationFieldsResolver,
      ItWorkAssessmentResolver,
      ItWorkAssessmentReportRowResolver,
      ItWorkAssessmentFieldsResolver,
      DepartmentItWorkAssessmentsResolver,
      PortfolioResolver,
      DepartmentPortfolioResolver,
      EmployeePortfolioResolver,
    ],
    referenceResolvers: {
      Company: referenceResolver((ctx: OrganizationContext) => ctx.loaders.companyById),
      Segment: referenceResolver((ctx: OrganizationContext) => ctx.loaders.segmentById),
      Department: referenceResolver((ctx: OrganizationContext) => ctx.loaders.departmentById),
      Employee: referenceResolver((ctx: OrganizationContext) => ctx.loaders.employeeById),
      GoverningBody: referenceResolver((ctx: OrganizationContext) => ctx.loaders.governingBodyById),
      Position: referenceResolver((ctx: OrganizationContext) => ctx.loaders.positionById),
      PolicyDocument: referenceResolver((ctx: OrganizationContext) => ctx.loaders.policyDocumentById),
    },
  });
}
