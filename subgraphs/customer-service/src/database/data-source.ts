import { createDataSource, DatabaseConfig } from '@group/shared';
import { Customer } from '../customers/customer.entity';
import { Complaint } from '../complaints/complaint.entity';
import { CodeSequence } from './code-sequence.entity';
import { CustomerServiceFoundation1764230500000 } from './migrations/1764230500000-customer-service-foundation';

export const CUSTOMER_SERVICE_ENTITIES = [Customer, Complaint, CodeSequence];
export const CUSTOMER_SERVICE_MIGRATIONS = [CustomerServiceFoundation1764230500000];

export function createCustomerServiceDataSource(database: DatabaseConfig) {
  return createDataSource({ database, entities: CUSTOMER_SERVICE_ENTITIES, migrations: CUSTOMER_SERVICE_MIGRATIONS });
}
