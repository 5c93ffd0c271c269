import 'reflect-metadata';
import { ConfigError, runSubgraph } from '@group/shared';
import { loadOrganizationConfig } from './config/env';
import { organizationModule } from './module';

try {
  void runSubgraph(organizationModule, loadOrganizationConfig()).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
}
