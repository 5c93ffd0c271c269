import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Persisted queries for mobile apps.
 * - Automatic persisted queries (APQ) are always on: a client sends the
 *   SHA-256 of its query; the full text only the first time.
 * - Trusted documents (optional, TRUSTED_DOCUMENTS=path to an Apollo
 *   persisted-query manifest): only the registered operations run; anything
 *   else is refused with PERSISTED_QUERY_NOT_TRUSTED. Registered operations
 *   can be sent by hash alone.
 */
export interface TrustedDocuments {
  /** sha256 hex of the document text -> text */
  byHash: Map<string, string>;
}

interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; body: string; name?: string; type?: string }[];
}

export function loadTrustedDocuments(path: string): TrustedDocuments {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
    throw new Error(`${path} is not an Apollo persisted-query manifest`);
  }
  const byHash = new Map<string, string>();
  for (const op of manifest.operations) {
    const hash = sha256(op.body);
    if (op.id !== hash) throw new Error(`${path}: operation ${op.name ?? op.id} has id ${op.id}, but its body hashes to ${hash}`);
    byHash.set(hash, op.body);
  }
  return { byHash };
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** APQ cache that also answers for the trusted documents (and never forgets them). */
/** The shape of Apollo's KeyValueCache (the APQ store). */
interface QueryCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

export function persistedQueryCache(trusted: TrustedDocuments | undefined, max = 10_000): QueryCache {
  const apq = new Map<string, string>();
  return {
    async get(key) {
      const hash = key.replace(/^apq:/, '');
      return trusted?.byHash.get(hash) ?? apq.get(key);
    },
    async set(key, value) {
      if (trusted) return; // in trusted mode nothing new is registered
      if (apq.size >= max) apq.delete(apq.keys().next().value!);
      apq.set(key, value);
    },
    async delete(key) {
      apq.delete(key);
    },
  };
}

export function trustedDocumentsPlugin(trusted: TrustedDocuments): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        // After parsing and validation (throwing earlier makes Apollo answer 500).
        async didResolveOperation({ queryHash }) {
          if (!trusted.byHash.has(queryHash)) {
            throw new GraphQLError('Only registered operations may run on this endpoint', {
              extensions: { code: 'PERSISTED_QUERY_NOT_TRUSTED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
