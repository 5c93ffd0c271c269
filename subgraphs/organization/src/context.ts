import type { DataSource } from 'typeorm';
import { BaseContext, ConnectionLoader, loaderByKey, loaderManyByKey, LoaderOptions, AuthConfig } from '@group/shared';
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
  };
}
export type OrganizationServices = ReturnType<typeof createOrganizationServices>;

/** Per-request DataLoaders, named <entity>By<Key> / <entities>By<Key>. */
export function createOrganizationLoaders(s: OrganizationServices, opts: LoaderOptions) {
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
    accountSegmentsByAccountId: loaderManyByKey((ids) => s.accounts.segmentLinks(ids), (l) => l.accountId, opts),
  };
}
export type OrganizationLoaders = ReturnType<typeof createOrganizationLoaders>;

export interface OrganizationContext extends BaseContext {
  services: OrganizationServices;
  loaders: OrganizationLoaders;
}
