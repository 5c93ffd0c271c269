import { buildFederatedSchema, canReadSegment, referenceResolver } from '@group/shared';
import { CustomerResolver } from './customers/customer.resolver';
import { ComplaintEventResolver, ComplaintResolver } from './complaints/complaint.resolver';
import { SegmentResolver } from './federated/segment.resolver';
import { DepartmentResolver } from './federated/department.resolver';
import { EmployeeResolver } from './federated/employee.resolver';
import { EscalationResolver } from './escalation/escalation.resolver';
import { CompanyResolver, ServiceBranchResolver } from './branches/service-branch.resolver';
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
export function buildCustomerServiceSchema() {
  return buildFederatedSchema({
    audit: 'customerService',
    resolvers: [CustomerResolver, ComplaintResolver, ComplaintEventResolver, SegmentResolver, DepartmentResolver, EmployeeResolver, EscalationResolver, ServiceBranchResolver, CompanyResolver, ComplaintReportResolver, BranchAssessmentResolver, RevisitPlanResolver, CustomerRevisitResolver, SlaResolver],
    referenceResolvers: {
      Customer: referenceResolver(
        (ctx: CustomerServiceContext) => loadersOf(ctx).customerById,
        (viewer, row: Customer) => canReadSegment(viewer, row.segmentId),
      ),
      // complaintById is scoped by scopeComplaints (segment, or branch/centre staff): what it returns is readable.
      Complaint: referenceResolver((ctx: CustomerServiceContext) => loadersOf(ctx).complaintById),
      // Organisational data, readable by every signed-in viewer.
      ServiceBranch: referenceResolver((ctx: CustomerServiceContext) => loadersOf(ctx).serviceBranchById),
    },
  });
}
