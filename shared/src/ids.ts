import { createHash, randomUUID } from 'node:crypto';

/** New entity ids are UUIDs (string keys travel across subgraphs unchanged). */
export const newId = (): string => randomUUID();

/**
 * Deterministic UUID-shaped id for seed data, so that the three subgraphs'
 * seeds agree on the ids of shared things (a customer, a department) without
 * reading each other's databases.
 */
export function stableId(kind: string, key: string | number): string {
  const h = createHash('sha1').update(`${kind}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
