import { buildFederatedSchema, referenceResolver } from '@group/shared';
import { CompanyResolver, SegmentResolver } from './companies/company.resolver';
import { DepartmentResolver } from './departments/department.resolver';
import { EmployeeResolver } from './employees/employee.resolver';
import { AccountResolver } from './accounts/account.resolver';
import { CompanyGovernanceResolver, GoverningBodyResolver } from './governance/governing-body.resolver';
import type { OrganizationContext } from './context';

/** Collects the organization subgraph's modules into one Federation 2 schema. */
export function buildOrganizationSchema() {
  return buildFederatedSchema({
    resolvers: [CompanyResolver, CompanyGovernanceResolver, SegmentResolver, DepartmentResolver, EmployeeResolver, AccountResolver, GoverningBodyResolver],
    referenceResolvers: {
      Company: referenceResolver((ctx: OrganizationContext) => ctx.loaders.companyById),
      Segment: referenceResolver((ctx: OrganizationContext) => ctx.loaders.segmentById),
      Department: referenceResolver((ctx: OrganizationContext) => ctx.loaders.departmentById),
      Employee: referenceResolver((ctx: OrganizationContext) => ctx.loaders.employeeById),
      GoverningBody: referenceResolver((ctx: OrganizationContext) => ctx.loaders.governingBodyById),
    },
  });
}
