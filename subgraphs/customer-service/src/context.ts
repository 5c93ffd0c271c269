import type { DataSource } from 'typeorm';
import { BaseContext, ConnectionLoader, loaderByKey, LoaderOptions, requireViewer, Role, Viewer } from '@group/shared';
import { CustomerService } from './customers/customer.service';
import { ComplaintService } from './complaints/complaint.service';
import type { Customer } from './customers/customer.entity';
import type { Complaint } from './complaints/complaint.entity';
import type { CustomersArgs } from './customers/dto/customers.args';
import type { ComplaintsArgs } from './complaints/dto/complaints.args';

/** The customer-service subgraph's composition root: services built once per process. */
export function createCustomerServiceServices(ds: DataSource) {
  return {
    customers: new CustomerService(ds),
    complaints: new ComplaintService(ds),
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
  return {
    customerById: loaderByKey((ids) => s.customers.byIds(viewer, ids), (c) => c.id, opts),
    customerPagesBySegmentId: new ConnectionLoader<CustomersArgs, Customer>(
      (ids, a) => s.customers.pagesBySegment(viewer, ids, a.filter ?? {}, a, a.sort()),
      opts,
    ),
    customerPagesByOwnerId: new ConnectionLoader<CustomersArgs, Customer>(
      (ids, a) => s.customers.pagesByOwner(viewer, ids, a.filter ?? {}, a, a.sort()),
      opts,
    ),
    complaintById: loaderByKey((ids) => s.complaints.byIds(viewer, ids), (c) => c.id, opts),
    complaintPagesByCustomerId: new ConnectionLoader<ComplaintsArgs, Complaint>(
      (ids, a) => s.complaints.pagesByCustomer(viewer, ids, a.filter ?? {}, a, a.sort()),
      opts,
    ),
    complaintPagesByDepartmentId: new ConnectionLoader<ComplaintsArgs, Complaint>(
      (ids, a) => s.complaints.pagesByDepartment(viewer, ids, a.filter ?? {}, a, a.sort()),
      opts,
    ),
    complaintPagesByHandlerId: new ConnectionLoader<ComplaintsArgs, Complaint>(
      (ids, a) => s.complaints.pagesByHandler(viewer, ids, a.filter ?? {}, a, a.sort()),
      opts,
    ),
  };
}
export type CustomerServiceScopedLoaders = ReturnType<typeof createScopedLoaders>;

/** Loaders for the request's viewer; without one (refused before execution anyway) they read nothing. */
export function createCustomerServiceLoaders(s: CustomerServiceServices, opts: LoaderOptions, viewer: Viewer | null) {
  return createScopedLoaders(s, viewer ?? NOBODY, opts);
}
const NOBODY: Viewer = { accountId: '', employeeId: null, role: Role.SYSTEM_ADMIN, segmentIds: [] };
export type CustomerServiceLoaders = CustomerServiceScopedLoaders;

export interface CustomerServiceContext extends BaseContext {
  services: CustomerServiceServices;
  loaders: CustomerServiceLoaders;
}

/** The request's loaders, scoped to its viewer; UNAUTHENTICATED without one. */
export const loadersOf = (ctx: CustomerServiceContext): CustomerServiceScopedLoaders => (requireViewer(ctx), ctx.loaders);
