import 'reflect-metadata';
import { ConfigError, openDatabase } from '@group/shared';
import { loadCustomerServiceConfig, loadMarketingUrl } from '../config/env';
import { createCustomerServiceDataSource } from '../database/data-source';
import { IndicatorPublisher } from '../indicators/indicator-publisher';
import { marketingSink } from '../indicators/marketing-sink';

/**
 * One run of the indicator publisher (customer-service -> marketing), for a
 * scheduler: `node subgraphs/customer-service/dist/jobs/publish-indicators.js`
 * every few minutes, configured like the subgraph plus MARKETING_URL (the
 * marketing subgraph, default http://localhost:4003/graphql). Safe to repeat
 * and to run on several machines at once (see IndicatorPublisher). Prints one
 * JSON line; exit code 1 on failure (the next run resends).
 */
async function main(): Promise<void> {
  const config = loadCustomerServiceConfig();
  const { dataSource } = await openDatabase('customer-service', config, createCustomerServiceDataSource);
  try {
    const sink = marketingSink(config.auth, loadMarketingUrl());
    const result = await new IndicatorPublisher(dataSource, sink).run();
    console.log(JSON.stringify({ job: 'publish-indicators', ...result }));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e instanceof Error ? e.message : e);
  process.exit(1);
});
