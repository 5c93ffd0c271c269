import 'reflect-metadata';
import { ConfigError } from '@group/shared';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

/** Runs the gateway alone (production: one process per service). */
async function main() {
  const gw = await startGateway(loadGatewayConfig());
  const stop = async () => {
    await gw.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
