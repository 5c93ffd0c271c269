import 'reflect-metadata';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { ConfigError, createLogger, startTracing } from '@group/shared';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

/**
 * Runs the gateway alone (production: one process per service). With
 * GATEWAY_WORKERS=n (or "auto" = one per core) a primary process forks n
 * workers that share the port (node:cluster); the primary restarts a worker
 * that dies and, on SIGTERM/SIGINT, stops them all gracefully.
 */
async function runWorker() {
  const tracing = startTracing('gateway');
  const gw = await startGateway(loadGatewayConfig());
  const stop = async () => {
    await gw.stop();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

function runPrimary(workers: number) {
  const log = createLogger('gateway-primary');
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.error({ pid: worker.process.pid, code, signal }, 'gateway worker died; starting another');
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  log.info({ workers }, 'gateway primary started its workers');
}

const raw = process.env.GATEWAY_WORKERS ?? '1';
const workers = raw === 'auto' ? availableParallelism() : Number.parseInt(raw, 10);
try {
  if (!Number.isInteger(workers) || workers < 1) throw new ConfigError([`GATEWAY_WORKERS must be a positive integer or "auto", got "${raw}"`]);
  if (workers > 1 && cluster.isPrimary) runPrimary(workers);
  else
    runWorker().catch((e) => {
      console.error(e instanceof ConfigError ? e.message : e);
      process.exit(1);
    });
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
}
