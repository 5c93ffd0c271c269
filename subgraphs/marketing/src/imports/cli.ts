import 'reflect-metadata';
import { ConfigError, openDatabase, interruptSignal, runImportCommand } from '@group/shared';
import { loadMarketingConfig } from '../config/env';
import { createMarketingDataSource } from '../database/data-source';
import { tagAssignmentImportSpec } from './tag-assignment-import';

/**
 * Bulk import into the marketing database (issue #10), configured like the
 * subgraph itself (MARKETING_DATABASE_URL or the SQLite file). Usually run as
 * `npm run import -- tag-assignments file.csv ...`.
 */
async function main(): Promise<number> {
  const config = loadMarketingConfig();
  return runImportCommand(process.argv.slice(2), {
    program: 'npm run import --',
    kinds: { 'tag-assignments': () => tagAssignmentImportSpec() },
    signal: interruptSignal(),
    openDataSource: async () => (await openDatabase('marketing', config, createMarketingDataSource)).dataSource,
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(1);
  },
);
