import 'reflect-metadata';
import { ConfigError, openDatabase } from '@group/shared';
import { loadCustomerServiceConfig } from '../config/env';
import { createCustomerServiceDataSource } from '../database/data-source';
import { EscalationService } from '../escalation/escalation.service';
import { organizationChainOfCommand } from '../escalation/chain-of-command';

/**
 * One run of the SLA escalation job, for a scheduler (cron, Kubernetes
 * CronJob): `node subgraphs/customer-service/dist/jobs/run-escalation.js`,
 * configured like the subgraph (CUSTOMER_SERVICE_DATABASE_URL, ORGANIZATION_URL for
 * departments' chains of command ...). Safe to
 * start on several machines at once and to repeat (EscalationService).
 * Prints one JSON line; exit code 1 on failure.
 */
async function main(): Promise<void> {
  const config = loadCustomerServiceConfig();
  const { dataSource } = await openDatabase('customer-service', config, createCustomerServiceDataSource);
  try {
    const result = await new EscalationService(dataSource, undefined, organizationChainOfCommand(config.auth, config.revocation.organizationUrl)).run();
    console.log(JSON.stringify({ job: 'complaint-escalation', ...result }));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
