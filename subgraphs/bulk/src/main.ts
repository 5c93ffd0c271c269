import 'reflect-metadata';
import { ConfigError, runSubgraph } from '@group/shared';
import { loadBulkConfig } from './config/env';
import { bulkModule } from './module';

try {
  void runSubgraph(bulkModule, loadBulkConfig()).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
}
