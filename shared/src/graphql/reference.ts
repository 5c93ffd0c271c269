import type DataLoader from 'dataloader';
import type { BaseContext } from '../auth/context';
import type { Viewer } from '../auth/roles';

/**
 * A federation `__resolveReference` that goes through a per-request DataLoader
 * (the gateway sends many representations per `_entities` call) and applies
 * the same visibility rule as the queries. type-graphql's auth never runs for
 * reference resolvers, so this is where `_entities` is access-checked:
 * no viewer, or not allowed to see the row, resolves to null.
 */
export function referenceResolver<C extends BaseContext, T>(loader: (ctx: C) => DataLoader<string, T | null>, canSee: (viewer: Viewer, row: T) => boolean = () => true) {
  return {
    async __resolveReference(ref: { id: string }, ctx: C): Promise<T | null> {
      if (!ctx.viewer || typeof ref?.id !== 'string') return null;
      const row = await loader(ctx).load(ref.id);
      return row && canSee(ctx.viewer, row) ? row : null;
    },
  };
}
