import 'reflect-metadata';
import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, createLogger, NODE_FLAGS } from '@group/shared';
import { loadGatewayConfig, SUBGRAPH_NAMES } from './config';
import { startGateway } from './gateway';

/**
 * `npm start`: runs the three subgraphs as child processes (each with its own
 * embedded SQLite database unless <NAME>_DATABASE_URL is set), waits until
 * each is ready, then runs the gateway in this process. Ctrl-C (SIGINT) or
 * SIGTERM stops the gateway first, then the subgraphs, each gracefully.
 * `--migrate-only` runs the subgraphs' migrations and seeds, then exits.
 */
const ROOT = join(__dirname, '..', '..');
const log = createLogger('launcher');

async function waitReady(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const readyUrl = url.replace(/\/graphql$/, '/ready');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${readyUrl}: process exited with code ${child.exitCode}`);
    const ok = await fetch(readyUrl, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${readyUrl} not ready after ${timeoutMs} ms`);
}

async function main() {
  const migrateOnly = process.argv.includes('--migrate-only');
  const config = loadGatewayConfig();
  const children: ChildProcess[] = [];

  const stopChildren = () =>
    Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
            setTimeout(() => c.kill('SIGKILL'), config.shutdownGraceMs + 5000).unref();
          }),
      ),
    );

  for (const name of SUBGRAPH_NAMES) {
    const port = new URL(config.subgraphs.find((s) => s.name === name)!.url).port;
    const prefix = name.toUpperCase().replace(/-/g, '_');
    const child = spawn(process.execPath, [...NODE_FLAGS, join(ROOT, 'subgraphs', name, 'dist', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, [`${prefix}_PORT`]: port },
      stdio: ['ignore', 'inherit', 'inherit'],
      // Own process group: a terminal Ctrl-C reaches only the launcher, which stops children in order.
      detached: true,
    });
    children.push(child);
  }
  try {
    await Promise.all(config.subgraphs.map((s, i) => waitReady(s.url, children[i])));
  } catch (e) {
    log.error({ err: (e as Error).message }, 'a subgraph failed to start');
    await stopChildren();
    process.exit(1);
  }
  if (migrateOnly) {
    log.info({}, 'migrations and seeds done');
    await stopChildren();
    return;
  }

  const gw = await startGateway(config);
  log.info({ url: `http://localhost:${config.port}/graphql` }, 'group graph is up (Ctrl-C to stop)');
  const jobs = scheduleJobs(config.subgraphs.find((s) => s.name === 'marketing')!.url);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    clearInterval(jobs);
    await gw.stop();
    await stopChildren();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  for (const c of children) {
    c.once('exit', (code, signal) => {
      if (!stopping) log.error({ pid: c.pid, code, signal }, 'a subgraph exited unexpectedly; the gateway keeps serving the rest');
    });
  }
}

/**
 * The periodic jobs a production scheduler (cron, Kubernetes CronJob) runs, run
 * here every LAUNCHER_JOBS_INTERVAL_MS (default 60 s; 0 = off) so the demo
 * behaves like production: SLA escalation, and customer-service's indicators
 * published to marketing. Each run is a short child process; both jobs are
 * idempotent, so an overlapping or failed run is harmless.
 */
function scheduleJobs(marketingUrl: string): NodeJS.Timeout | undefined {
  const every = Number(process.env.LAUNCHER_JOBS_INTERVAL_MS ?? 60_000);
  if (!(every > 0)) return undefined;
  const run = (job: string) =>
    spawn(process.execPath, [join(ROOT, 'subgraphs', 'customer-service', 'dist', 'jobs', `${job}.js`)], {
      cwd: ROOT,
      env: { ...process.env, MARKETING_URL: marketingUrl, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  const timer = setInterval(() => {
    run('run-escalation');
    run('publish-indicators');
  }, every);
  timer.unref();
  return timer;
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
