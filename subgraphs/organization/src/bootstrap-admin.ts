import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { ConfigError, openDatabase } from '@group/shared';
import { loadOrganizationConfig } from './config/env';
import { createOrganizationDataSource } from './database/data-source';
import { bootstrapAdmin, BootstrapRefused } from './accounts/bootstrap-admin';

/**
 * `npm run bootstrap-admin` (in Docker: `docker compose run --rm organization
 * node subgraphs/organization/dist/bootstrap-admin.js`): creates the first
 * SYSTEM_ADMIN. Configured like the organization subgraph
 * (ORGANIZATION_DATABASE_URL ...); runs the migrations first, never seeds.
 * Email and password come from BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD,
 * else from the first two lines of stdin. Exit code 1 when refused.
 */
async function readStdinLines(count: number): Promise<string[]> {
  const lines: string[] = [];
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    lines.push(line);
    if (lines.length === count) break;
  }
  rl.close();
  return lines;
}

async function main(): Promise<void> {
  const config = loadOrganizationConfig();
  let email = process.env.BOOTSTRAP_ADMIN_EMAIL ?? '';
  let password = process.env.BOOTSTRAP_ADMIN_PASSWORD ?? '';
  if (!email || !password) {
    if (process.stdin.isTTY) process.stderr.write('email and password of the first SYSTEM_ADMIN, one per line:\n');
    const lines = await readStdinLines(email ? 1 : 2);
    if (!email) email = lines.shift() ?? '';
    password = lines.shift() ?? '';
  }
  if (!email || !password) throw new BootstrapRefused('give the email and password in BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD, or on stdin');
  const { dataSource } = await openDatabase('organization', { ...config, migrateOnStart: true }, createOrganizationDataSource);
  try {
    const account = await bootstrapAdmin(dataSource, { email, password });
    console.log(JSON.stringify({ created: 'SYSTEM_ADMIN', id: account.id, email: account.email }));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError || e instanceof BootstrapRefused ? `bootstrap-admin refused: ${e.message}` : e);
  process.exit(1);
});
