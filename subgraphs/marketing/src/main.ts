import 'reflect-metadata';
import { ConfigError, runSubgraph } from '@group/shared';
import { loadMarketingConfig } from './config/env';
import { marketingModule } from './module';

try {
  void runSubgraph(marketingModule, loadMarketingConfig()).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
}
