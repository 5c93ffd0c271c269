import { executionAsyncId } from 'node:async_hooks';
import { ApolloServer } from '@apollo/server';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { currentAuditScope } from '../../shared/src/audit/audit-scope';
import { createHttpServer, listen } from '../../shared/src/server/http';
import { createLogger } from '../../shared/src/logger';

/**
 * A tiny server over the shared HTTP layer that answers from the request scope, for the request
 * scope tests (shared/src/server/http.test.ts). Run as a script, it prints whether promise hooks
 * run before, during and after a write: that needs a fresh process (jest itself keeps them on).
 */
export async function startScopeServer() {
  let release: () => void = () => undefined;
  const scope = { type: GraphQLString, resolve: () => currentAuditScope()?.requestId ?? null };
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        scope,
        // Promise continuations get an async id only while promise hooks run (AsyncLocalStorage in use).
        hooks: {
          type: GraphQLString,
          resolve: async () => {
            await Promise.resolve();
            return executionAsyncId() === 0 ? 'off' : 'on';
          },
        },
      },
    }),
    mutation: new GraphQLObjectType({
      name: 'Mutation',
      fields: {
        scope,
        // Waits until released, then answers from its scope: a write in flight during other requests.
        slow: {
          type: GraphQLString,
          resolve: async () => {
            await new Promise<void>((r) => (release = r));
            return currentAuditScope()?.requestId ?? null;
          },
        },
      },
    }),
  });
  const apollo = new ApolloServer({ schema });
  await apollo.start();
  const http = await listen(
    createHttpServer({ apollo, log: createLogger('test', 'warn'), maxBodyBytes: 10_000, context: async () => ({}), ready: async () => true }),
    0,
    '127.0.0.1',
  );
  return {
    post: async (query: string, requestId: string) => {
      const res = await fetch(http.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify({ query }) });
      return ((await res.json()) as { data: Record<string, unknown> }).data;
    },
    /** Lets the `slow` mutation in flight finish. */
    release: () => release(),
    async stop() {
      await http.close(100);
      await apollo.stop();
    },
  };
}

if (require.main === module) {
  void (async () => {
    const s = await startScopeServer();
    const hooks = async () => (await s.post('{ hooks }', 'q')).hooks;
    const beforeAnyWrite = await hooks();
    await s.post('mutation { scope }', 'm1');
    const afterWrite = await hooks();
    const slow = s.post('mutation { slow }', 'm2');
    await new Promise((r) => setTimeout(r, 50));
    const duringWrite = await hooks();
    s.release();
    await slow;
    const afterSecondWrite = await hooks();
    await s.stop();
    process.stdout.write(JSON.stringify({ beforeAnyWrite, afterWrite, duringWrite, afterSecondWrite }));
  })();
}
