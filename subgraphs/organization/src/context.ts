import type { DataSource } from 'typeorm';
import { BaseContext, Clock, ConnectionLoader, systemClock, loaderByKey, loaderManyByKey, LoaderOptions, AuthConfig, Viewer, forViewer } from '@group/shared';
import { GovernanceService } from './governance/governance.service';
import { GoverningBodyService } from './governing-bodies/governing-body.service';
import { CompanyService } from './companies/company.service';
import { DepartmentService } from './departments/department.service';
import { EmployeeService } from './employees/employee.service';
import { AccountService, AuthService, DEFAULT_LOGIN_POLICY, LoginPolicy } from './accounts/auth.service';
import { AccountLifecycleService } from './accounts/account-lifecycle.service';
import { ComplianceService } from './compliance/compliance.service';
import { CompanyCalendars, standardCalendars } from './common/working-calendar';
import { ComplianceCircular } from './compliance/compliance.entity';
import { HoldingService } from './holdings/holding.service';
import { MembershipService } from './memberships/membership.service';
import { DelegationService } from './delegations/delegation.service';
import { MeetingService } from './meetings/meeting.service';
import { PositionService } from './positions/position.service';
import { PolicyService } from './policies/policy.service';
import { DepartmentChangeService } from './departments/department-change.service';
import { EmployeeChangeService } from './employees/employee-change.service';
import { EmployeeHireService } from './employees/employee-hire.service';
import { GovernanceReportService } from './governance-reports/governance-report.service';
import { SupervisoryActionService } from './supervisory-actions/supervisory-action.service';
import { CheckpointReviewService } from './checkpoint-reviews/checkpoint-review.service';
import { OrgAssessmentService } from './org-assessments/org-assessment.service';
import { GovernanceMetricsService } from './governance-metrics/governance-metrics.service';
import { PlanService } from './plans/plan.service';
import { SubsidiaryOversightService } from './subsidiary-oversight/subsidiary-oversight.service';
import { DutyService } from './duties/duty.service';
import { DutyHolderKind } from './duties/duty.entity';
import { ItLiaisonService } from './it-liaisons/it-liaison.service';
import { PerformanceEvaluationService } from './performance-evaluations/performance-evaluation.service';
import { ItWorkAssessmentService } from './it-work-assessments/it-work-assessment.service';
import { PortfolioService } from './portfolios/portfolio.service';
import type { Department } from './departments/department.entity';
import type { Employee } from './employees/employee.entity';
import type { DepartmentsArgs } from './departments/dto/departments.args';
import type { EmployeesPageArgs } from './employees/dto/employees-page.args';

/** The organization subgraph's composition root: services built once per process. */
export function createOrganizationServices(
  ds: DataSource,
  auth: AuthConfig,
  clock: Clock = systemClock,
  loginPolicy: LoginPolicy = DEFAULT_LOGIN_POLICY,
  calendars: CompanyCalendars = standardCalendars,
) {
  const governance = new GovernanceService(ds);
  const delegations = new DelegationService(ds, governance, clock);
  const accountLifecycle = new AccountLifecycleService(ds, clock);
  const positions = new PositionService(ds, governance, clock);
  const plans = new PlanService(ds, governance, delegations, clock);
  return {
    clock,
    companies: new CompanyService(ds),
    departments: new DepartmentService(ds),
    employees: new EmployeeService(ds),
    auth: new AuthService(ds, auth, clock, loginPolicy),
    accounts: new AccountService(ds),
    accountLifecycle,
    compliance: new ComplianceService(ds, accountLifecycle, clock, calendars),
    governance,
    governingBodies: new GoverningBodyService(ds, governance),
    holdings: new HoldingService(ds, governance, clock),
    memberships: new MembershipService(ds, governance, clock),
    delegations,
    meetings: new MeetingService(ds, governance, delegations, clock),
    positions,
    policies: new PolicyService(ds, governance, delegations, clock),
    departmentChanges: new DepartmentChangeService(ds, clock),
    employeeChanges: new EmployeeChangeService(ds, governance, clock, calendars),
    employeeHires: new EmployeeHireService(ds, positions, clock),
    governanceReports: new GovernanceReportService(ds, governance, clock),
    supervisoryActions: new SupervisoryActionService(ds, governance, clock),
    checkpointReviews: new CheckpointReviewService(ds, governance, clock),
    orgAssessments: new OrgAssessmentService(ds, governance, clock),
    governanceMetrics: new GovernanceMetricsService(ds, governance, clock),
    plans,
    subsidiaryOversight: new SubsidiaryOversightService(ds, governance, plans, delegations, clock),
    duties: new DutyService(ds, governance, clock),
    itLiaisons: new ItLiaisonService(ds, governance, clock),
    performanceEvaluations: new PerformanceEvaluationService(ds, governance, clock),
    itWorkAssessments: new ItWorkAssessmentService(ds, governance, clock),
    portfolios: new PortfolioService(ds, governance, clock),
  };
}
export type OrganizationServices = ReturnType<typeof createOrganizationServices>;

/** Per-request DataLoaders, named <entity>By<Key> / <entities>By<Key>. */
export function createOrganizationLoaders(s: OrganizationServices, opts: LoaderOptions, viewer: Viewer | null) {
  // Loaders of scoped data need a viewer; without one (only `login` runs
  // anonymously, and reads no scoped data) they read nothing (`forViewer`).
  return {
    companyById: loaderByKey(
      (ids) => s.companies.companiesByIds(ids),
      (c) => c.id,
      opts,
    ),
    companiesByParentId: loaderManyByKey(
      (ids) => s.companies.companiesByParentIds(ids),
      (c) => c.parentId!,
      opts,
    ),
    segmentById: loaderByKey(
      (ids) => s.companies.segmentsByIds(ids),
      (x) => x.id,
      opts,
    ),
    segmentsByCompanyId: loaderManyByKey(
      (ids) => s.companies.segmentsByCompanyIds(ids),
      (x) => x.companyId,
      opts,
    ),
    departmentById: loaderByKey(
      (ids) => s.departments.byIds(ids),
      (d) => d.id,
      opts,
    ),
    departmentsByParentId: loaderManyByKey(
      (ids) => s.departments.childrenOf(ids),
      (d) => d.parentId!,
      opts,
    ),
    departmentPagesByCompanyId: new ConnectionLoader<DepartmentsArgs, Department>((ids, a) => s.departments.pagesByCompany(ids, a.filter ?? {}, a, a.sort()), opts),
    employeeById: loaderByKey(
      (ids) => s.employees.byIds(ids),
      (e) => e.id,
      opts,
    ),
    employeePagesByDepartmentId: new ConnectionLoader<EmployeesPageArgs, Employee>((ids, a) => s.employees.pagesByDepartment(ids, a, a.sort()), opts),
    accountById: loaderByKey(
      (ids) => s.accounts.byIds(ids),
      (a) => a.id,
      opts,
    ),
    governingBodyById: loaderByKey(
      (ids) => forViewer(viewer, (v) => s.governingBodies.byIds(v, ids)),
      (b) => b.id,
      opts,
    ),
    governingBodiesByCompanyId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.governingBodies.byCompanyIds(v, ids)),
      (b) => b.companyId,
      opts,
    ),
    shareholdingsByCompanyId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.holdings.byCompanyIds(v, ids)),
      (h) => h.companyId,
      opts,
    ),
    membershipById: loaderByKey(
      (ids) => forViewer(viewer, (v) => s.memberships.byIds(v, ids)),
      (m) => m.id,
      opts,
    ),
    membershipsByBodyId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.memberships.byBodyIds(v, ids)),
      (m) => m.bodyId,
      opts,
    ),
    delegationsByCompanyId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.delegations.byCompanyIds(v, ids)),
      (d) => d.companyId,
      opts,
    ),
    meetingById: loaderByKey(
      (ids) => forViewer(viewer, (v) => s.meetings.byIds(v, ids)),
      (m) => m.id,
      opts,
    ),
    meetingsByBodyId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.meetings.byBodyIds(v, ids)),
      (m) => m.bodyId,
      opts,
    ),
    // Agenda and attendance are reached only through a meeting already resolved by the scoped loaders above.
    agendaByMeetingId: loaderManyByKey(
      (ids) => s.meetings.agendaOf(ids),
      (a) => a.meetingId,
      opts,
    ),
    attendanceByMeetingId: loaderManyByKey(
      (ids) => s.meetings.attendanceOf(ids),
      (a) => a.meetingId,
      opts,
    ),
    resolutionsByMeetingId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.meetings.resolutionsOf(v, ids)),
      (r) => r.meetingId,
      opts,
    ),
    positionById: loaderByKey(
      (ids) => forViewer(viewer, (v) => s.positions.byIds(v, ids)),
      (p) => p.id,
      opts,
    ),
    positionsByDepartmentId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.positions.byDepartmentIds(v, ids)),
      (p) => p.departmentId,
      opts,
    ),
    assignmentsByPositionId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.positions.assignmentsByPositionIds(v, ids)),
      (a) => a.positionId,
      opts,
    ),
    activeAssignmentsByEmployeeId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.positions.assignmentsByEmployeeIds(v, ids)),
      (a) => a.employeeId,
      opts,
    ),
    // Targets are reached only through a position already resolved by the scoped loaders above.
    targetsByPositionId: loaderManyByKey(
      (ids) => s.positions.targetsOf(ids),
      (t) => t.positionId,
      opts,
    ),
    headcountChangesByPositionId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.positions.headcountChangesOf(v, ids)),
      (c) => c.positionId,
      opts,
    ),
    policyDocumentById: loaderByKey(
      (ids) => forViewer(viewer, (v) => s.policies.byIds(v, ids)),
      (d) => d.id,
      opts,
    ),
    policyDocumentsByOwnerBodyId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.policies.byOwnerBodyIds(v, ids)),
      (d) => d.ownerBodyId!,
      opts,
    ),
    policyVersionById: loaderByKey(
      (ids) => forViewer(viewer, (v) => s.policies.versionsByIds(v, ids)),
      (x) => x.id,
      opts,
    ),
    policyVersionsByDocumentId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.policies.versionsOf(v, ids)),
      (x) => x.documentId,
      opts,
    ),
    employeeChangesByEmployeeId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.employeeChanges.changesOf(v, ids)),
      (c) => c.employeeId,
      opts,
    ),
    accountChangeSegmentsByRequestId: loaderManyByKey(
      (ids) => s.accountLifecycle.segmentsOf(ids),
      (l) => l.requestId,
      opts,
    ),
    circularAccountsByCircularId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.compliance.circularAccounts(v, ids)),
      (l) => l.circularId,
      opts,
    ),
    // The CRM rules a penalty applied: reached only through a penalty already scoped to the viewer.
    penaltyRulesVersionById: loaderByKey(
      (ids) => s.compliance.rulesVersionsByIds(ids),
      (x) => x.id,
      opts,
    ),
    circularById: loaderByKey(
      (ids) => s.compliance.circularsByIds(ids),
      (c: ComplianceCircular) => c.id,
      opts,
    ),
    resolutionById: loaderByKey(
      (ids) => forViewer(viewer, (v) => s.meetings.resolutionsByIds(v, ids)),
      (r) => r.id,
      opts,
    ),
    governanceReportsByMeetingId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.governanceReports.reportsByMeetingIds(v, ids)),
      (r) => r.meetingId!,
      opts,
    ),
    orgAssessmentById: loaderByKey(
      (ids) => forViewer(viewer, (v) => s.orgAssessments.byIds(v, ids)),
      (a) => a.id,
      opts,
    ),
    // Findings and opinions are reached only through an assessment already resolved by a scoped path.
    findingsByAssessmentId: loaderManyByKey(
      (ids) => s.orgAssessments.findingsOf(ids),
      (f) => f.assessmentId,
      opts,
    ),
    opinionsByAssessmentId: loaderManyByKey(
      (ids) => s.orgAssessments.opinionsOf(ids),
      (o) => o.assessmentId,
      opts,
    ),
    planById: loaderByKey(
      (ids) => forViewer(viewer, (v) => s.plans.byIds(v, ids)),
      (p) => p.id,
      opts,
    ),
    // Targets are reached only through a plan already resolved by a scoped path.
    targetsByPlanId: loaderManyByKey(
      (ids) => s.plans.targetsOf(ids),
      (t) => t.planId,
      opts,
    ),
    // Duties and liaisons are reached only through a department (unscoped, like departments) or a body resolved by a scoped loader.
    dutiesByDepartmentId: loaderManyByKey(
      (ids) => s.duties.dutiesOf(DutyHolderKind.DEPARTMENT, ids),
      (d) => d.holderId,
      opts,
    ),
    dutiesByBodyId: loaderManyByKey(
      (ids) => s.duties.dutiesOf(DutyHolderKind.GOVERNING_BODY, ids),
      (d) => d.holderId,
      opts,
    ),
    itLiaisonByDepartmentId: loaderByKey(
      (ids) => s.itLiaisons.ofDepartments(ids),
      (l) => l.departmentId,
      opts,
    ),
    activePortfolioByDepartmentId: loaderByKey(
      (ids) => s.portfolios.activeOfDepartments(ids),
      (p) => p.departmentId,
      opts,
    ),
    activePortfoliosByExecutiveId: loaderManyByKey(
      (ids) => s.portfolios.activeOfExecutives(ids),
      (p) => p.executiveId,
      opts,
    ),
    // Departments are unscoped: the results are filtered by the assessed department's company.
    itWorkAssessmentsByDepartmentId: loaderManyByKey(
      (ids) => forViewer(viewer, (v) => s.itWorkAssessments.byDepartmentIds(v, ids)),
      (a) => a.departmentId,
      opts,
    ),
    accountSegmentsByAccountId: loaderManyByKey(
      (ids) => s.accounts.segmentLinks(ids),
      (l) => l.accountId,
      opts,
    ),
  };
}
export type OrganizationLoaders = ReturnType<typeof createOrganizationLoaders>;

export interface OrganizationContext extends BaseContext {
  services: OrganizationServices;
  loaders: OrganizationLoaders;
}
