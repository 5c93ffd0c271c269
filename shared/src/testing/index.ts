/**
 * `@group/shared/testing`: the one test harness (tests only; not part of `@group/shared`'s public index).
 *
 *   const t = await startSubgraph(kind, organizationModule);
 *   const data = await ok(t, viewers.executive(), QUERY, { id });          // fails the test on any error
 *   expect(await fails(t, viewers.staff('RESI'), MUTATION, vars)).toMatchObject({ code: 'FORBIDDEN' });
 *   const raw = await exec(t, null, QUERY);                                // { data, errors } as Apollo returns them
 *   await t.ok(viewers.executive(), QUERY, { id });                       // the same calls bound to the app: t.exec, t.ok, t.fails
 *
 * Argument order is always (app, viewer, query, variables). The whole graph (gateway + subgraphs)
 * starts from test/support/graph.ts (`startTestGraph`): it imports the subgraphs, which shared may not.
 */
import 'reflect-metadata';
import type { GraphQLFormattedError } from 'graphql';
import type { DataSource } from 'typeorm';
import { createSubgraphApp, SubgraphApp, SubgraphModule } from '../server/subgraph-app';
import { loadSubgraphConfig, SubgraphConfig } from '../config/env';
import type { Viewer } from '../auth/roles';
import { createTestDatabase, TestDatabase, TestDbKind } from './databases';

export * from './databases';
export * from './viewers';

/** A GraphQL response as the tests read it. */
export interface OperationResult<D = any> {
  data?: D | null;
  errors?: readonly GraphQLFormattedError[] | any[];
}

/** A started subgraph app, or anything that carries one (`startSubgraph`'s result, a subgraph's own wrapper). */
export type ExecTarget = SubgraphApp<any, any> | { app: SubgraphApp<any, any> };

/** One subgraph on a fresh, seeded database of one kind. */
export interface TestSubgraph<S = any, L = any> {
  kind: TestDbKind;
  app: SubgraphApp<S, L>;
  db: TestDatabase;
  /** The HTTP endpoint (only with `http: true`). */
  url: string;
  /** Same as `exec(this, viewer, query, variables)`. */
  exec<T = any>(viewer: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: any[] }>;
  /** Same as `ok(this, viewer, query, variables)`. */
  ok<T = any>(viewer: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Same as `fails(this, viewer, query, variables, expected)`. */
  fails(viewer: Viewer | null, query: string, variables?: Record<string, unknown>, expected?: { code: string; reason?: string }): Promise<Record<string, any>>;
  /** POSTs over HTTP (with `http: true`), as a client (or an attacker) reaching the subgraph directly. */
  post<T = any>(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: any[] } }>;
  stop(): Promise<void>;
}

export interface StartSubgraphOptions<S = any> {
  /** Names the test database (default: the module's name). */
  label?: string;
  /** Environment the config is loaded from (always with NODE_ENV=test). */
  env?: Record<string, string>;
  /** Adjusts the loaded config before the app is created. */
  configure?(config: SubgraphConfig): void;
  /** Builds the services instead of the module's `createServices` (a test clock, test settings). */
  services?: (ds: DataSource, config: SubgraphConfig) => S;
  /** Also listen on a random port (for `post`). */
  http?: boolean;
}

/** The env prefix of a subgraph's settings: `customer-service` -> `CUSTOMER_SERVICE`. */
const prefixOf = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** Starts `module` the way production does (migrate + seed) on a fresh database of `kind`. */
export async function startSubgraph<S, L>(kind: TestDbKind, module: SubgraphModule<S, L>, opts: StartSubgraphOptions<S> = {}): Promise<TestSubgraph<S, L>> {
  const db = await createTestDatabase(kind, opts.label ?? module.name);
  let app: SubgraphApp<S, L>;
  let url = '';
  try {
    const config = loadSubgraphConfig(prefixOf(module.name), 0, { NODE_ENV: 'test', ...opts.env });
    config.database = db.config;
    opts.configure?.(config);
    app = await createSubgraphApp(opts.services ? { ...module, createServices: opts.services } : module, config);
  } catch (e) {
    await db.drop();
    throw e;
  }
  // Apollo Server started now, so that stop() works on an app no test got to use (it refuses to stop
  // before it has started; exec would otherwise start it on first use).
  await app.server.ensureStarted();
  if (opts.http) url = (await app.server.start(0)).url;
  const t: TestSubgraph<S, L> = {
    kind,
    app,
    db,
    url,
    exec: (viewer, query, variables) => exec(t, viewer, query, variables) as Promise<any>,
    ok: (viewer, query, variables) => ok(t, viewer, query, variables),
    fails: (viewer, query, variables, expected) => fails(t, viewer, query, variables, expected),
    async post(body, headers = {}) {
      if (!url) throw new Error('startSubgraph: post needs { http: true }');
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {} };
    },
    async stop() {
      await app.stop();
      await db.drop();
    },
  };
  return t;
}

const appOf = (target: ExecTarget): SubgraphApp<any, any> => ('server' in target ? target : target.app);

/** Runs one operation in process as `viewer` (null = no token); returns `{ data, errors }`. */
export async function exec<D = any>(target: ExecTarget, viewer: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<OperationResult<D>> {
  const app = appOf(target);
  const res = await app.server.apollo.executeOperation({ query, variables }, { contextValue: app.createContext({ requestId: 'test', viewer }) });
  if (res.body.kind !== 'single') throw new Error('unexpected incremental result');
  return res.body.singleResult as OperationResult<D>;
}

/** Like `exec`, but fails the test on any error; returns the data. */
export async function ok<D = any>(target: ExecTarget, viewer: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<D> {
  const r = await exec<D>(target, viewer, query, variables);
  if (r.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(r.errors, null, 2)}`);
  return r.data as D;
}

/**
 * Runs an operation expected to fail; returns the first error's extensions (`code`, `reason`, ...).
 * With `expected`, also checks them: `await fails(t, viewer, q, vars, { code: 'CONFLICT', reason: 'STALE_VERSION' })`.
 */
export async function fails(
  target: ExecTarget,
  viewer: Viewer | null,
  query: string,
  variables?: Record<string, unknown>,
  expected?: { code: string; reason?: string },
): Promise<Record<string, any>> {
  const r = await exec(target, viewer, query, variables);
  if (!r.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(r.data)}`);
  const ext: Record<string, any> = r.errors[0].extensions ?? {};
  if (expected && (ext.code !== expected.code || (expected.reason !== undefined && ext.reason !== expected.reason))) {
    throw new Error(`expected ${expected.code}${expected.reason ? `/${expected.reason}` : ''}, got ${JSON.stringify(r.errors[0])}`);
  }
  return ext;
}

/** `extensions.code` / `extensions.reason` of a result's first error. */
export const errorOf = (r: OperationResult) => ({ code: r.errors?.[0]?.extensions?.code as unknown, reason: r.errors?.[0]?.extensions?.reason as unknown });
