import type { DataSource } from 'typeorm';
import DataLoader from 'dataloader';
import { BaseContext, Clock, ConnectionLoader, loaderByKey, LoaderOptions, requireViewer, systemClock, Viewer, loaderManyByKey, loadersWithoutViewer } from '@group/shared';
import { EscalationService } from './escalation/escalation.service';
import { ChainOfCommand, noChainOfCommand } from './escalation/chain-of-command';
import { SlaService } from './sla/sla.service';
import type { ComplaintEvent } from './complaints/complaint-event.entity';
import type { ComplaintEventsArgs } from './complaints/dto/complaint-events.args';
import { ServiceBranchService } from './branches/service-branch.service';
import { ComplaintReportService } from './reports/complaint-report.service';
import { BranchAssessmentService } from './assessment/branch-assessment.service';
import { ComplaintRiskService } from './complaints/complaint-risk.service';
import { RevisitService } from './revisits/revisit.service';
import { SlaAdminService } from './sla/sla-admin.service';
import { ServiceAdminService } from './branches/service-admin.service';
import { NotificationService } from './notifications/notification.service';
import { CustomerImportService } from './imports/customer-import.service';
import type { CustomerRevisit } from './revisits/revisit-plan.entity';
import type { CustomerRevisitsArgs } from './revisits/dto/revisit.args';
import type { ComplaintCompensation } from './complaints/complaint-compensation.entity';
import type { ComplaintCompensationsArgs } from './complaints/dto/complaint-risk.input';
import type { ComplaintAttachment } from './complaints/complaint-attachment.entity';
import type { ComplaintAttachmentsArgs } from './complaints/dto/complaint-attachment.input';
import type { ServiceBranch } from './branches/service-branch.entity';
import type { ServiceBranchesArgs } from './branches/dto/service-branches.args';
import { CustomerService } from './customers/customer.service';
import { ComplaintService } from './complaints/complaint.service';
import type { Customer } from './customers/customer.entity';
import type { Complaint } from './complaints/complaint.entity';
import type { CustomersArgs } from './customers/dto/customers.args';
import type { ComplaintsArgs } from './complaints/dto/complaints.args';
import { CrmSettings, DEFAULT_CRM_SETTINGS } from './crm/crm-access';
import { OpportunityService } from './opportunities/opportunity.service';
import { LeadService } from './leads/lead.service';
import { GeneralActionService } from './actions/general-action.service';
import { SalesOrderService } from './orders/sales-order.service';
import { CustomerCrmService } from './customers/customer-crm.service';
import { AllocationService } from './allocations/allocation.service';
import { FollowUpService } from './follow-ups/follow-up.service';
import type { Lead } from './leads/lead.entity';
import type { LeadsArgs } from './leads/dto/lead.inputs';
import type { Opportunity } from './opportunities/opportunity.entity';
import type { OpportunitiesArgs } from './opportunities/dto/opportunity.inputs';
import type { GeneralAction } from './actions/general-action.entity';
import type { GeneralActionsArgs } from './actions/dto/general-action.inputs';
import type { SalesOrder } from './orders/sales-order.entity';
import type { SalesOrdersArgs } from './orders/dto/sales-order.inputs';

/**
 * The customer-service subgraph's composition root: services built once per
 * process; `clock`, the CRM settings (config/env.ts) and the organization
 * reader of departments' chains of command (escalation) are injectable for tests.
 */
export function createCustomerServiceServices(ds: DataSource, clock: Clock = systemClock, crm: CrmSettings = DEFAULT_CRM_SETTINGS, chain: ChainOfCommand = noChainOfCommand) {
  const opportunities = new OpportunityService(ds, clock, crm);
  return {
    crmSettings: crm,
    opportunities,
    leads: new LeadService(ds, opportunities, clock, crm),
    generalActions: new GeneralActionService(ds, clock, crm),
    salesOrders: new SalesOrderService(ds, clock, crm),
    customerCrm: new CustomerCrmService(ds, clock),
    allocations: new AllocationService(ds, clock, crm),
    followUps: new FollowUpService(ds, clock, crm),
    customers: new CustomerService(ds, clock),
    complaints: new ComplaintService(ds, clock, new SlaService()),
    escalation: new EscalationService(ds, clock, chain),
    branches: new ServiceBranchService(ds),
    reports: new ComplaintReportService(ds, clock),
    assessment: new BranchAssessmentService(ds, clock),
    risk: new ComplaintRiskService(ds, clock),
    revisits: new RevisitService(ds, clock),
    slaAdmin: new SlaAdminService(ds),
    serviceAdmin: new ServiceAdminService(ds, clock),
    notifications: new NotificationService(ds, clock),
    imports: new CustomerImportService(ds, clock),
  };
}
export type CustomerServiceServices = ReturnType<typeof createCustomerServiceServices>;

/**
 * Per-request DataLoaders, named <entity>By<Key> / <entity>PagesBy<Key>.
 * Every batch function reads through a service method that takes the viewer,
 * so what a loader returns is already segment-scoped (and its cache can never
 * serve one viewer's rows to another).
 */
function createScopedLoaders(s: CustomerServiceServices, viewer: Viewer, opts: LoaderOptions) {
  const complaintColumns = s.complaints.metadata;
  return {
    customerById: loaderByKey(
      (ids) => s.customers.byIds(viewer, ids),
      (c) => c.id,
      opts,
    ),
    customerPagesBySegmentId: new ConnectionLoader<CustomersArgs, Customer>((ids, a) => s.customers.pagesBySegment(viewer, ids, a.filter ?? {}, a, a.sort()), opts),
    customerPagesByOwnerId: new ConnectionLoader<CustomersArgs, Customer>((ids, a) => s.customers.pagesByOwner(viewer, ids, a.filter ?? {}, a, a.sort()), opts),
    /** Only behind `Complaint.customer` of a complaint the viewer can already see (branch/centre staff). */
    customerOfVisibleComplaintById: loaderByKey(
      (ids) => s.customers.byIdsBehindVisibleComplaint(ids),
      (c) => c.id,
      opts,
    ),
    serviceBranchById: loaderByKey(
      (ids) => s.branches.byIds(ids),
      (b) => b.id,
      opts,
    ),
    serviceBranchPagesByCompanyId: new ConnectionLoader<ServiceBranchesArgs, ServiceBranch>((ids, a) => s.branches.pagesByCompany(ids, a, a.sort()), opts),
    complaintPagesByBranchId: new ConnectionLoader<ComplaintsArgs, Complaint>(
      (ids, a, select) => s.complaints.pagesByBranch(viewer, ids, a.filter ?? {}, a, a.sort(), select),
      opts,
      complaintColumns,
    ),
    complaintById: loaderByKey(
      (ids) => s.complaints.byIds(viewer, ids),
      (c) => c.id,
      opts,
    ),
    complaintPagesByCustomerId: new ConnectionLoader<ComplaintsArgs, Complaint>(
      (ids, a, select) => s.complaints.pagesByCustomer(viewer, ids, a.filter ?? {}, a, a.sort(), select),
      opts,
      complaintColumns,
    ),
    complaintPagesByDepartmentId: new ConnectionLoader<ComplaintsArgs, Complaint>(
      (ids, a, select) => s.complaints.pagesByDepartment(viewer, ids, a.filter ?? {}, a, a.sort(), select),
      opts,
      complaintColumns,
    ),
    // Parents are complaints the viewer could already read, so the events need no scope of their own.
    complaintEventPagesByComplaintId: new ConnectionLoader<ComplaintEventsArgs, ComplaintEvent>((ids, a) => s.complaints.timelines(ids, a, a.sort()), opts),
    compensationPagesByComplaintId: new ConnectionLoader<ComplaintCompensationsArgs, ComplaintCompensation>((ids, a) => s.risk.compensations(ids, a, a.sort()), opts),
    revisitPagesByPlanId: new ConnectionLoader<CustomerRevisitsArgs, CustomerRevisit>((ids, a) => s.revisits.revisits(ids, a, a.sort()), opts),
    attachmentPagesByComplaintId: new ConnectionLoader<ComplaintAttachmentsArgs, ComplaintAttachment>((ids, a) => s.complaints.attachments(ids, a, a.sort()), opts),
    complaintPagesByHandlerId: new ConnectionLoader<ComplaintsArgs, Complaint>(
      (ids, a, select) => s.complaints.pagesByHandler(viewer, ids, a.filter ?? {}, a, a.sort(), select),
      opts,
      complaintColumns,
    ),
    // CRM (issue #5): every batch goes through the CRM read scope (crm/crm-access.ts).
    leadById: loaderByKey(
      (ids) => s.leads.byIds(viewer, ids),
      (x) => x.id,
      opts,
    ),
    leadPagesByOwnerId: new ConnectionLoader<LeadsArgs, Lead>((ids, a) => s.leads.pagesByOwner(viewer, ids, a.filter ?? {}, a, a.sort()), opts),
    opportunityById: loaderByKey(
      (ids) => s.opportunities.byIds(viewer, ids),
      (x) => x.id,
      opts,
    ),
    opportunityPagesByOwnerId: new ConnectionLoader<OpportunitiesArgs, Opportunity>((ids, a) => s.opportunities.pagesByOwner(viewer, ids, a.filter ?? {}, a, a.sort()), opts),
    opportunityPagesByCustomerId: new ConnectionLoader<OpportunitiesArgs, Opportunity>((ids, a) => s.opportunities.pagesByCustomer(viewer, ids, a.filter ?? {}, a, a.sort()), opts),
    // Parents are opportunities the viewer already reads.
    stageHistoryByOpportunityId: loaderManyByKey(
      (ids) => s.opportunities.historyOf(ids),
      (x) => x.opportunityId,
      opts,
    ),
    pipelineBySegmentId: new DataLoader(
      async (ids: readonly string[]) => {
        const m = await s.opportunities.pipelineBySegments(viewer, ids);
        return ids.map((id) => m.get(id) ?? []);
      },
      { batch: opts.batch },
    ),
    generalActionById: loaderByKey(
      (ids) => s.generalActions.byIds(viewer, ids),
      (x) => x.id,
      opts,
    ),
    generalActionPagesByTargetId: new ConnectionLoader<GeneralActionsArgs, GeneralAction>(
      (ids, a) => s.generalActions.pagesByTarget(viewer, ids, a.filter ?? {}, a, a.sort()),
      opts,
    ),
    generalActionPagesByCustomerId: new ConnectionLoader<GeneralActionsArgs, GeneralAction>(
      (ids, a) => s.generalActions.pagesByCustomer(viewer, ids, a.filter ?? {}, a, a.sort()),
      opts,
    ),
    salesOrderById: loaderByKey(
      (ids) => s.salesOrders.byIds(viewer, ids),
      (x) => x.id,
      opts,
    ),
    salesOrderPagesByCustomerId: new ConnectionLoader<SalesOrdersArgs, SalesOrder>((ids, a) => s.salesOrders.pagesByCustomer(viewer, ids, a.filter ?? {}, a, a.sort()), opts),
    salesOrderPagesByOpportunityId: new ConnectionLoader<SalesOrdersArgs, SalesOrder>((ids, a) => s.salesOrders.pagesByOpportunity(viewer, ids, a.filter ?? {}, a, a.sort()), opts),
    // Parents are customers the viewer already reads.
    contactsByCustomerId: loaderManyByKey(
      (ids) => s.customerCrm.contactsOf(ids),
      (x) => x.customerId,
      opts,
    ),
  };
}
export type CustomerServiceScopedLoaders = ReturnType<typeof createScopedLoaders>;

/** Loaders for the request's viewer; without one (refused before execution anyway: no field here is public) any use is UNAUTHENTICATED. */
export function createCustomerServiceLoaders(s: CustomerServiceServices, opts: LoaderOptions, viewer: Viewer | null) {
  return viewer ? createScopedLoaders(s, viewer, opts) : loadersWithoutViewer<CustomerServiceScopedLoaders>();
}
export type CustomerServiceLoaders = CustomerServiceScopedLoaders;

export interface CustomerServiceContext extends BaseContext {
  services: CustomerServiceServices;
  loaders: CustomerServiceLoaders;
}

/** The request's loaders, scoped to its viewer; UNAUTHENTICATED without one. */
export const loadersOf = (ctx: CustomerServiceContext): CustomerServiceScopedLoaders => (requireViewer(ctx), ctx.loaders);
