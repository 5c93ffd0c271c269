import { buildFederatedSchema, referenceResolver, Viewer } from '@group/shared';
import { canReadCrmSegment } from './crm/crm-access';
import { LeadResolver } from './leads/lead.resolver';
import { OpportunityResolver, OpportunityStageChangeResolver } from './opportunities/opportunity.resolver';
import { GeneralActionResolver } from './actions/general-action.resolver';
import { SalesOrderResolver } from './orders/sales-order.resolver';
import { SegmentAllocationResolver } from './allocations/segment-allocation.resolver';
import { CustomerCrmResolver, CustomerMergeResolver } from './customers/customer-crm.resolver';
import { CompanyFollowUpResolver, FollowUpComplianceRowResolver, FollowUpItemResolver, FollowUpResolver } from './follow-ups/follow-up.resolver';
import { CustomerResolver } from './customers/customer.resolver';
import { ComplaintEventResolver, ComplaintResolver } from './complaints/complaint.resolver';
import { SegmentResolver } from './federated/segment.resolver';
import { DepartmentResolver } from './federated/department.resolver';
import { EmployeeResolver } from './federated/employee.resolver';
import { EscalationResolver } from './escalation/escalation.resolver';
import { CompanyResolver, ServiceBranchResolver } from './branches/service-branch.resolver';
import { ServiceAdminResolver, ServiceStaffMemberResolver, WorkingCalendarResolver } from './branches/service-admin.resolver';
import { NotificationResolver } from './notifications/notification.resolver';
import { CustomerImportResolver } from './imports/import.resolver';
import { ComplaintReportResolver } from './reports/complaint-report.resolver';
import { BranchAssessmentResolver } from './assessment/branch-assessment.resolver';
import { CustomerRevisitResolver, RevisitPlanResolver } from './revisits/revisit.resolver';
import { SlaResolver } from './sla/sla.resolver';
import { loadersOf, type CustomerServiceContext } from './context';
import type { Customer } from './customers/customer.entity';

/**
 * Collects the customer-service subgraph's modules into one Federation 2
 * schema. `_entities` for Customer and Complaint goes through the viewer-scoped
 * loaders and re-checks the segment; the Segment/Department/Employee stubs use
 * the default reference resolver (the representation itself), and their
 * contributed fields are scoped like every other read.
 */
const segmentReadable = (viewer: Viewer, row: { segmentId: string }) => canReadCrmSegment(viewer, row.segmentId);

export function buildCustomerServiceSchema() {
  return buildFederatedSchema({
    audit: 'customerService',
    resolvers: [
      CustomerResolver,
      ComplaintResolver,
      ComplaintEventResolver,
      SegmentResolver,
      DepartmentResolver,
      EmployeeResolver,
      EscalationResolver,
      ServiceBranchResolver,
      ServiceAdminResolver,
      ServiceStaffMemberResolver,
      WorkingCalendarResolver,
      NotificationResolver,
      CustomerImportResolver,
      CompanyResolver,
      ComplaintReportResolver,
      BranchAssessmentResolver,
      RevisitPlanResolver,
      CustomerRevisitResolver,
      SlaResolver,
      LeadResolver,
      OpportunityResolver,
      OpportunityStageChangeResolver,
      GeneralActionResolver,
      SalesOrderResolver,
      SegmentAllocationResolver,
      CustomerCrmResolver,
      FollowUpResolver,
      FollowUpItemResolver,
      FollowUpComplianceRowResolver,
      CustomerMergeResolver,
      CompanyFollowUpResolver,
    ],
    referenceResolvers: {
      Customer: referenceResolver(
        (ctx: CustomerServiceContext) => loadersOf(ctx).customerById,
        (viewer, row: Customer) => canReadCrmSegment(viewer, row.segmentId),
      ),
      // CRM entities: the loaders apply the whole CRM read scope (segment, and own records for staff under G-15 OWN); the segment is re-checked here.
      Lead: referenceResolver((ctx: CustomerServiceContext) => loadersOf(ctx).leadById, segmentReadable),
      Opportunity: referenceResolver((ctx: CustomerServiceContext) => loadersOf(ctx).opportunityById, segmentReadable),
      GeneralAction: referenceResolver((ctx: CustomerServiceContext) => loadersOf(ctx).generalActionById, segmentReadable),
      SalesOrder: referenceResolver((ctx: CustomerServiceContext) => loadersOf(ctx).salesOrderById, segmentReadable),
      // complaintById is scoped by byComplaintVisibility (segment, or branch/centre staff): what it returns is readable.
      Complaint: referenceResolver((ctx: CustomerServiceContext) => loadersOf(ctx).complaintById),
      // Organisational data, readable by every signed-in viewer.
      ServiceBranch: referenceResolver((ctx: CustomerServiceContext) => loadersOf(ctx).serviceBranchById),
    },
  });
}
