import { createDataSource, DatabaseConfig } from '@group/shared';
import { BulkAccount, BulkOperation, BulkTaskRow } from '../bulk-operation.entity';
import { BulkFoundation1766000000000 } from './migrations/1766000000000-bulk-foundation';

export const BULK_ENTITIES = [BulkOperation, BulkTaskRow, BulkAccount];
export const BULK_MIGRATIONS = [BulkFoundation1766000000000];

export function createBulkDataSource(database: DatabaseConfig) {
  return createDataSource({ database, entities: BULK_ENTITIES, migrations: BULK_MIGRATIONS });
}
