import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run import -- <kind> <file.csv> [options]`: hands the command to the
 * import CLI of the subgraph that owns the records (each writes only its own
 * database, with its own configuration), passing signals through so Ctrl-C
 * stops it cleanly after the current batch.
 */
const OWNERS: Record<string, string> = {
  customers: 'customer-service',
  leads: 'customer-service',
  complaints: 'customer-service',
  'tag-assignments': 'marketing',
};

const ROOT = join(__dirname, '..', '..', '..');
const [kind] = process.argv.slice(2);
const owner = OWNERS[kind ?? ''];
if (!owner) {
  process.stderr.write(
    `usage: npm run import -- <${Object.keys(OWNERS).join('|')}> <file.csv> [--mode all|batch] [--batch 1000] [--resume] [--errors out.csv] [--checkpoint file]\n`,
  );
  process.exit(2);
}
const cli = join(ROOT, 'subgraphs', owner, 'dist', 'imports', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`${cli} is missing: run npm run build first\n`);
  process.exit(2);
}
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
// Forwarded: a terminal's Ctrl-C may reach the child twice (directly and from here); it treats
// two signals within a second as one (see interruptSignal).
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
