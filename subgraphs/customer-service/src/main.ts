import 'reflect-metadata';
import { ConfigError, runSubgraph } from '@group/shared';
import { loadCustomerServiceConfig } from './config/env';
import { customerServiceModule } from './module';

try {
  void runSubgraph(customerServiceModule, loadCustomerServiceConfig()).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
}
