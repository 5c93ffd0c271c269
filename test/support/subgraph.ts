import 'reflect-metadata';
import { createSubgraphApp, loadSubgraphConfig, SubgraphApp, SubgraphModule, Viewer } from '@group/shared';
import { createTestDatabase, TestDatabase, TestDbKind } from '../../shared/src/testing/databases';

/** One subgraph on a fresh, seeded database of the given kind, with helpers to run operations. */
export interface TestSubgraph<S> {
  app: SubgraphApp<S, unknown>;
  url: string;
  /** Runs an operation in process as `viewer` (null = anonymous). */
  exec<T = any>(query: string, viewer: Viewer | null, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: any[] }>;
  /** POSTs over HTTP, as a client (or an attacker) reaching the subgraph directly. */
  post<T = any>(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: any[] } }>;
  stop(): Promise<void>;
}

export async function startTestSubgraph<S>(kind: TestDbKind, prefix: string, module: SubgraphModule<S, unknown>): Promise<TestSubgraph<S>> {
  const db: TestDatabase = await createTestDatabase(kind, module.name);
  const config = loadSubgraphConfig(prefix, 0, { NODE_ENV: 'test' });
  config.database = db.config;
  let app: SubgraphApp<S, unknown>;
  try {
    app = await createSubgraphApp(module, config);
  } catch (e) {
    await db.drop();
    throw e;
  }
  const { url } = await app.server.start(0);
  return {
    app,
    url,
    async exec(query, viewer, variables) {
      const res = await app.server.apollo.executeOperation({ query, variables }, { contextValue: app.createContext({ requestId: 'test', viewer }) });
      if (res.body.kind !== 'single') throw new Error('unexpected incremental result');
      return res.body.singleResult as { data?: any; errors?: any[] };
    },
    async post(body, headers = {}) {
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
}
