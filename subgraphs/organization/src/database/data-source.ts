import { createDataSource, DatabaseConfig } from '@group/shared';
import { Company, Segment } from '../companies/company.entity';
import { Department } from '../departments/department.entity';
import { Employee } from '../employees/employee.entity';
import { Account, AccountSegment, LoginRecord } from '../accounts/account.entity';
import { OrganizationFoundation1764230400000 } from './migrations/1764230400000-organization-foundation';
import { GoverningBodies1764230700000 } from './migrations/1764230700000-governing-bodies';
import { GoverningBody } from '../governance/governing-body.entity';

export const ORGANIZATION_ENTITIES = [Company, Segment, Department, Employee, Account, AccountSegment, LoginRecord, GoverningBody];
export const ORGANIZATION_MIGRATIONS = [OrganizationFoundation1764230400000, GoverningBodies1764230700000];

export function createOrganizationDataSource(database: DatabaseConfig) {
  return createDataSource({ database, entities: ORGANIZATION_ENTITIES, migrations: ORGANIZATION_MIGRATIONS });
}
