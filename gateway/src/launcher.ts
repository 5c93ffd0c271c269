import 'reflect-metadata';
import { spawn, ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ConfigError, createLogger, LauncherMessage, NODE_FLAGS } from '@group/shared';
import { loadGatewayConfig, SUBGRAPH_NAMES } from './config';
import { startGateway } from './gateway';

/**
 * `npm start`: runs the subgraphs (organization, customer-service, marketing, bulk) as child processes (each with its own
 * embedded SQLite database unless <NAME>_DATABASE_URL is set), waits until
 * each is ready, then runs the gateway in this process. Ctrl-C (SIGINT) or
 * SIGTERM stops the gateway first, then the subgraphs, each gracefully.
 * `--migrate-only` runs the subgraphs' migrations and seeds, reports what each did, then exits.
 *
 * Ports: a subgraph listens on <NAME>_PORT, else on the port of <NAME>_URL
 * (defaults 4001-4004); the gateway on GATEWAY_PORT (4000). Every port is
 * checked before anything starts: a busy one stops the launcher at once.
 * customer-service runs the scheduled jobs itself (JOBS_INTERVAL_MS).
 */
const ROOT = join(__dirname, '..', '..');
const log = createLogger('launcher');

class LaunchError extends Error {}

interface Planned {
  name: (typeof SUBGRAPH_NAMES)[number];
  port: number;
  url: string;
  portVariable: string;
}

/** The subgraphs' ports and the URLs the gateway uses to reach them. */
export function planSubgraphs(source: NodeJS.ProcessEnv): Planned[] {
  const defaults = loadGatewayConfig({ ...source, NODE_ENV: source.NODE_ENV ?? 'development' }).subgraphs;
  return SUBGRAPH_NAMES.map((name) => {
    const prefix = name.toUpperCase().replace(/-/g, '_');
    const portVariable = `${prefix}_PORT`;
    const configured = defaults.find((s) => s.name === name)!.url;
    const raw = source[portVariable];
    if (raw === undefined || raw === '') return { name, port: Number(new URL(configured).port), url: configured, portVariable: `${prefix}_URL` };
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new LaunchError(`${portVariable} must be a port number (1-65535), got "${raw}"`);
    if (source[`${prefix}_URL`] && Number(new URL(configured).port) !== port) {
      throw new LaunchError(`${portVariable}=${port} but ${prefix}_URL points at port ${new URL(configured).port}: the launcher runs the subgraph itself, set only one of them`);
    }
    return { name, port, url: source[`${prefix}_URL`] || `http://127.0.0.1:${port}/graphql`, portVariable };
  });
}

/** Resolves when nothing listens on `port` (the services listen on 0.0.0.0, so that is what is tried). */
function checkPortFree(port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new LaunchError(
          e.code === 'EADDRINUSE'
            ? `port ${port} (${variable}) is already in use by another process: stop it or choose another port with ${variable}`
            : `port ${port} (${variable}) cannot be used: ${e.message}`,
        ),
      ),
    );
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve()));
  });
}

/** Waits for the child's own message of the given type (or its exit). */
function waitFor<T extends LauncherMessage['type']>(name: string, child: ChildProcess, type: T, timeoutMs = 120_000): Promise<Extract<LauncherMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new LaunchError(`${name}: no "${type}" after ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m: LauncherMessage) => m?.type === type && done(undefined, m as Extract<LauncherMessage, { type: T }>);
    const onExit = (code: number | null, signal: string | null) => done(new LaunchError(`${name}: process exited (code ${code}, signal ${signal}) before "${type}"`));
    const done = (err?: Error, m?: Extract<LauncherMessage, { type: T }>) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(m!);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * Waits until the subgraph's /ready answers 200. A subgraph that listens may not be ready yet:
 * customer-service and marketing are not until their first token revocation list has arrived
 * from organization, which starts at the same time.
 */
async function checkReady(s: Planned, timeoutMs = 60_000): Promise<void> {
  const readyUrl = `http://127.0.0.1:${s.port}/ready`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(readyUrl, { signal: AbortSignal.timeout(5000) }).catch((e: Error) => e);
    if (!(res instanceof Error) && res.ok) return;
    if (Date.now() > deadline) {
      const why = res instanceof Error ? res.message : `${res.status} ${await res.text().catch(() => '')}`.trim();
      throw new LaunchError(`${s.name}: ${readyUrl} is not ready after ${timeoutMs / 1000} s (${why})`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main() {
  const migrateOnly = process.argv.includes('--migrate-only');
  const planned = planSubgraphs(process.env);
  const config = loadGatewayConfig({ ...process.env, ...Object.fromEntries(planned.map((s) => [`${s.name.toUpperCase().replace(/-/g, '_')}_URL`, s.url])) });
  if (!migrateOnly) {
    for (const s of planned) await checkPortFree(s.port, s.portVariable);
    await checkPortFree(config.port, 'GATEWAY_PORT');
  }
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
  const fail = async (e: Error) => {
    log.error({ err: e.message }, migrateOnly ? 'migration failed' : 'the group graph did not start');
    console.error(e.message);
    await stopChildren();
    process.exit(1);
  };

  // Every subgraph learns where the others are (revocation feed, indicator publisher).
  const urls = Object.fromEntries(planned.map((s) => [`${s.name.toUpperCase().replace(/-/g, '_')}_URL`, s.url]));
  // The bulk subgraph runs its jobs' pages through this gateway and points download URLs at it.
  const bulkUrls = {
    BULK_GATEWAY_URL: process.env.BULK_GATEWAY_URL || `http://127.0.0.1:${config.port}/graphql`,
    BULK_PUBLIC_URL: process.env.BULK_PUBLIC_URL || `http://localhost:${config.port}`,
  };
  for (const s of planned) {
    const prefix = s.name.toUpperCase().replace(/-/g, '_');
    const child = spawn(process.execPath, [...NODE_FLAGS, join(ROOT, 'subgraphs', s.name, 'dist', 'main.js'), ...(migrateOnly ? ['--migrate-only'] : [])], {
      cwd: ROOT,
      env: { ...process.env, ...urls, ...bulkUrls, [`${prefix}_PORT`]: String(s.port) },
      // The IPC channel carries the child's own "ready" / "migrated" message.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Own process group: a terminal Ctrl-C reaches only the launcher, which stops children in order.
      detached: true,
    });
    children.push(child);
  }

  if (migrateOnly) {
    try {
      const reports = await Promise.all(planned.map((s, i) => waitFor(s.name, children[i], 'migrated')));
      await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : Promise.resolve())));
      const failed = children.findIndex((c) => c.exitCode !== 0);
      if (failed >= 0) throw new LaunchError(`${planned[failed].name}: exited with code ${children[failed].exitCode}`);
      planned.forEach((s, i) => {
        const r = reports[i];
        const migrations = r.migrationsRun.length ? `ran ${r.migrationsRun.length} migration(s): ${r.migrationsRun.join(', ')}` : 'no pending migrations';
        const seed = { applied: 'demo data seeded', skipped: 'seed skipped (database not empty)', off: 'seed off' }[r.seed];
        console.log(`${s.name}: ${migrations}; ${seed}`);
      });
      log.info({}, 'migrations done');
    } catch (e) {
      await fail(e as Error);
    }
    return;
  }

  let gw: Awaited<ReturnType<typeof startGateway>>;
  try {
    await Promise.all(planned.map((s, i) => waitFor(s.name, children[i], 'ready')));
    await Promise.all(planned.map((s) => checkReady(s)));
    gw = await startGateway(config);
  } catch (e) {
    return fail(e as Error);
  }
  log.info({ url: `http://localhost:${config.port}/graphql` }, 'group graph is up (Ctrl-C to stop)');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
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

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof ConfigError || e instanceof LaunchError ? e.message : e);
    process.exit(1);
  });
}
