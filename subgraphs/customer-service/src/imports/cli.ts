import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, migrate } from '@group/shared';
import { loadCustomerServiceConfig } from '../config/env';
import { createCustomerServiceDataSource } from '../database/data-source';
import { interruptSignal, runImportCommand } from '@group/shared';
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
    async openDataSource() {
      if (config.database.type === 'sqlite') mkdirSync(dirname(config.database.file), { recursive: true });
      const { dataSource } = createCustomerServiceDataSource(config.database);
      await dataSource.initialize();
      if (config.migrateOnStart) await migrate(dataSource, 'customer-service-migrations');
      return dataSource;
    },
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(1);
  },
);
