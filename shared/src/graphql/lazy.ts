/**
 * A promise that does not start its work until someone awaits it. graphql-js
 * awaits a field's value only when the field is selected, so a connection's
 * `totalCount: lazy(() => count())` runs its COUNT query only when asked for.
 */
export class Lazy<T> implements PromiseLike<T> {
  private promise?: Promise<T>;
  constructor(private readonly run: () => Promise<T>) {}
  then<A = T, B = never>(ok?: ((v: T) => A | PromiseLike<A>) | null, fail?: ((e: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    this.promise ??= this.run();
    return this.promise.then(ok, fail);
  }
}

export const lazy = <T>(run: () => Promise<T>) => new Lazy(run);
