import { buildFederatedSchema, canReadSegment, referenceResolver } from '@group/shared';
import { CustomerResolver } from './customers/customer.resolver';
import { ComplaintResolver } from './complaints/complaint.resolver';
import { SegmentResolver } from './federated/segment.resolver';
import { DepartmentResolver } from './federated/department.resolver';
import { EmployeeResolver } from './federated/employee.resolver';
import { loadersOf, type CustomerServiceContext } from './context';
import type { Customer } from './customers/customer.entity';
import type { Complaint } from './complaints/complaint.entity';

/**
 * Collects the customer-service subgraph's modules into one Federation 2
 * schema. `_entities` for Customer and Complaint goes through the viewer-scoped
 * loaders and re-checks the segment; the Segment/Department/Employee stubs use
 * the default reference resolver (the representation itself), and their
 * contributed fields are scoped like every other read.
 */
export function buildCustomerServiceSchema() {
  return buildFederatedSchema({
    resolvers: [CustomerResolver, ComplaintResolver, SegmentResolver, DepartmentResolver, EmployeeResolver],
    referenceResolvers: {
      Customer: referenceResolver(
        (ctx: CustomerServiceContext) => loadersOf(ctx).customerById,
        (viewer, row: Customer) => canReadSegment(viewer, row.segmentId),
      ),
      Complaint: referenceResolver(
        (ctx: CustomerServiceContext) => loadersOf(ctx).complaintById,
        (viewer, row: Complaint) => canReadSegment(viewer, row.segmentId),
      ),
    },
  });
}
