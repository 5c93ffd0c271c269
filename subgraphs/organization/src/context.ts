import type { DataSource } from 'typeorm';
import { BaseContext, ConnectionLoader, loaderByKey, loaderManyByKey, LoaderOptions, AuthConfig, Role, Viewer } from '@group/shared';
import { GovernanceService } from './governance/governance.service';
import { CompanyService } from './companies/company.service';
import { DepartmentService } from './departments/department.service';
import { EmployeeService } from './employees/employee.service';
import { AccountService, AuthService } from './accounts/auth.service';
import type { Department } from './departments/department.entity';
import type { Employee } from './employees/employee.entity';
import type { DepartmentsArgs } from './departments/department.resolver';
import type { EmployeesPageArgs } from './employees/employee.resolver';

/** The organization subgraph's composition root: services built once per process. */
export function createOrganizationServices(ds: DataSource, auth: AuthConfig) {
  return {
    companies: new CompanyService(ds),
    departments: new DepartmentService(ds),
    employees: new EmployeeService(ds),
    auth: new AuthService(ds, auth),
    accounts: new AccountService(ds),
    governance: new GovernanceService(ds),
  };
}
export type OrganizationServices = ReturnType<typeof createOrganizationServices>;

/** Per-request DataLoaders, named <entity>By<Key> / <entities>By<Key>. */
export function createOrganizationLoaders(s: OrganizationServices, opts: LoaderOptions, viewer: Viewer | null) {
  // Loaders of scoped data need a viewer; without one they return nothing (the
  // authentication plugin refuses such requests before they get here anyway).
  const anonymous: Viewer = { accountId: '', employeeId: null, role: Role.SYSTEM_ADMIN, segmentIds: [] };
  const v = viewer ?? anonymous;
  return {
    companyById: loaderByKey((ids) => s.companies.companiesByIds(ids), (c) => c.id, opts),
    companiesByParentId: loaderManyByKey((ids) => s.companies.companiesByParentIds(ids), (c) => c.parentId!, opts),
    segmentById: loaderByKey((ids) => s.companies.segmentsByIds(ids), (x) => x.id, opts),
    segmentsByCompanyId: loaderManyByKey((ids) => s.companies.segmentsByCompanyIds(ids), (x) => x.companyId, opts),
    departmentById: loaderByKey((ids) => s.departments.byIds(ids), (d) => d.id, opts),
    departmentsByParentId: loaderManyByKey((ids) => s.departments.childrenOf(ids), (d) => d.parentId!, opts),
    departmentPagesByCompanyId: new ConnectionLoader<DepartmentsArgs, Department>(
      (ids, a) => s.departments.pagesByCompany(ids, a.filter ?? {}, a, a.sort()),
      opts,
    ),
    employeeById: loaderByKey((ids) => s.employees.byIds(ids), (e) => e.id, opts),
    employeePagesByDepartmentId: new ConnectionLoader<EmployeesPageArgs, Employee>((ids, a) => s.employees.pagesByDepartment(ids, a, a.sort()), opts),
    accountById: loaderByKey((ids) => s.accounts.byIds(ids), (a) => a.id, opts),
    governingBodyById: loaderByKey((ids) => (viewer ? s.governance.bodiesByIds(v, ids) : Promise.resolve([])), (b) => b.id, opts),
    governingBodiesByCompanyId: loaderManyByKey((ids) => (viewer ? s.governance.bodiesByCompanyIds(v, ids) : Promise.resolve([])), (b) => b.companyId, opts),
    accountSegmentsByAccountId: loaderManyByKey((ids) => s.accounts.segmentLinks(ids), (l) => l.accountId, opts),
  };
}
export type OrganizationLoaders = ReturnType<typeof createOrganizationLoaders>;

export interface OrganizationContext extends BaseContext {
  services: OrganizationServices;
  loaders: OrganizationLoaders;
}
