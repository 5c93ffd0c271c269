import type { GraphQLFormattedError } from 'graphql';

/**
 * Apollo Gateway sends one `_entities` representation per occurrence: a
 * report's 1,000 complaints of 150 customers ask marketing for 1,000
 * customers. The subgraph's DataLoader collapses them, but every duplicate is
 * still serialised, sent, parsed, resolved and answered. These two steps send
 * each distinct representation once and give the gateway back the answer it
 * expects, one entity (and its errors) per original position.
 */
export interface Deduped {
  representations: unknown[];
  /** Original position -> index in `representations`. */
  positions: number[];
}

/** Distinct representations (by value) and where each original one went; undefined when all are distinct. */
export function dedupeRepresentations(representations: readonly unknown[]): Deduped | undefined {
  const index = new Map<string, number>();
  const unique: unknown[] = [];
  const positions = representations.map((r) => {
    const key = JSON.stringify(r);
    let i = index.get(key);
    if (i === undefined) {
      index.set(key, (i = unique.length));
      unique.push(r);
    }
    return i;
  });
  return unique.length < representations.length ? { representations: unique, positions } : undefined;
}

/** The subgraph's answer for the distinct representations -> the answer for the original ones. */
export function expandEntities(
  data: { _entities?: unknown[] | null } | null | undefined,
  errors: readonly GraphQLFormattedError[] | undefined,
  positions: readonly number[],
): { errors?: GraphQLFormattedError[] } {
  const entities = data?._entities;
  if (data && Array.isArray(entities)) data._entities = positions.map((i) => entities[i]);
  if (!errors) return {};
  const originals = new Map<number, number[]>();
  positions.forEach((u, original) => {
    const list = originals.get(u);
    if (list) list.push(original);
    else originals.set(u, [original]);
  });
  return {
    errors: errors.flatMap((e) => {
      const [root, at, ...rest] = e.path ?? [];
      if (root !== '_entities' || typeof at !== 'number') return [e];
      return (originals.get(at) ?? [at]).map((original) => ({ ...e, path: [root, original, ...rest] }));
    }),
  };
}
