import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ByteBoundedCache } from '@group/shared';

/**
 * Persisted queries for mobile apps.
 * - Automatic persisted queries (APQ) are always on: a client sends the
 *   SHA-256 of its query; the full text only the first time.
 * - Trusted documents (optional, TRUSTED_DOCUMENTS=path to an Apollo
 *   persisted-query manifest): only the registered operations run; anything
 *   else is refused with PERSISTED_QUERY_NOT_TRUSTED. Registered operations
 *   can be sent by hash alone. Subscriptions at /graphql/stream follow the
 *   same manifest (their full text is sent; subscriptions.ts).
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

/** Charged per entry besides its key and document: the Map's own bookkeeping. */
const ENTRY_OVERHEAD = 64;

/**
 * The APQ store, bounded by bytes (APQ_CACHE_MAX_BYTES): least recently used documents are evicted
 * first. It also answers for the trusted documents (and never forgets them).
 */
export function persistedQueryCache(trusted: TrustedDocuments | undefined, maxBytes: number) {
  const apq = new ByteBoundedCache<string>(maxBytes, (key, value) => key.length + Buffer.byteLength(value) + ENTRY_OVERHEAD);
  return {
    async get(key: string) {
      return trusted?.byHash.get(key.replace(/^apq:/, '')) ?? apq.get(key);
    },
    async set(key: string, value: string) {
      if (!trusted) await apq.set(key, value); // in trusted mode nothing new is registered
    },
    delete: (key: string) => apq.delete(key),
    /** Bytes held (keys and documents). */
    get bytes() {
      return apq.bytes;
    },
  };
}

/**
 * Only a signed-in viewer (a verified token) registers a persisted query; anyone else's operation
 * runs (login may come as APQ) but is not stored.
 */
export function persistedQueryRegistrationPlugin(): ApolloServerPlugin<{ viewer: unknown }> {
  return {
    async requestDidStart() {
      return {
        // Apollo writes the store after this hook, when `persistedQueryRegister` is still set.
        async didResolveOperation({ contextValue, metrics }) {
          if (!contextValue.viewer) metrics.persistedQueryRegister = false;
        },
      };
    },
  };
}

/**
 * Refuses operations not in the manifest. A subscription's event queries (subscriptions.ts) are
 * derived from its document, which the stream checked against the same manifest: they run.
 */
export function trustedDocumentsPlugin(trusted: TrustedDocuments): ApolloServerPlugin<{ liveEvent?: true }> {
  return {
    async requestDidStart() {
      return {
        // After parsing and validation (throwing earlier makes Apollo answer 500).
        async didResolveOperation({ queryHash, contextValue }) {
          if (!trusted.byHash.has(queryHash) && !contextValue.liveEvent) {
            throw new GraphQLError('Only registered operations may run on this endpoint', {
              extensions: { code: 'PERSISTED_QUERY_NOT_TRUSTED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
