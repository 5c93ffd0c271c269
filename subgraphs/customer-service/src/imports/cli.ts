import 'reflect-metadata';
import { ConfigError, openDatabase, interruptSignal, runImportCommand } from '@group/shared';
import { loadCustomerServiceConfig } from '../config/env';
import { createCustomerServiceDataSource } from '../database/data-source';
import { importKinds } from './kinds';

/**
 * Bulk import into the customer-service database (issue #10), configured like
 * the subgraph itself (CUSTOMER_SERVICE_DATABASE_URL or the SQLite file; see
 * README). Usually run as `npm run import -- customers|leads file.csv ...` (see shared/src/bulk/README.md).
 */
async function main(): Promise<number> {
  const config = loadCustomerServiceConfig();
  return runImportCommand(process.argv.slice(2), {
    program: 'npm run import --',
    kinds: importKinds(),
    signal: interruptSignal(),
    openDataSource: async () => (await openDatabase('customer-service', config, createCustomerServiceDataSource)).dataSource,
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(1);
  },
);
