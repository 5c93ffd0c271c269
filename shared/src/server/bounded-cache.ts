import type { DocumentNode } from 'graphql';

/**
 * A key-value store bounded by bytes (as the caller counts them), least recently used evicted
 * first; the shape of Apollo's KeyValueCache. An entry bigger than the whole budget is not stored.
 */
export class ByteBoundedCache<V> {
  private readonly entries = new Map<string, { value: V; size: number }>();
  private used = 0;

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (key: string, value: V) => number,
  ) {}

  /** Bytes held. */
  get bytes() {
    return this.used;
  }

  async get(key: string): Promise<V | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used goes last (Maps keep insertion order).
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  async set(key: string, value: V): Promise<void> {
    const size = this.sizeOf(key, value);
    if (size > this.maxBytes) return;
    this.remove(key);
    while (this.used + size > this.maxBytes) this.remove(this.entries.keys().next().value!);
    this.entries.set(key, { value, size });
    this.used += size;
  }

  async delete(key: string): Promise<boolean> {
    return this.remove(key);
  }

  private remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.used -= entry.size;
    return true;
  }
}

/**
 * Apollo's cache of parsed and validated documents, with the document's source text counted.
 * Apollo's default sizes a document by its JSON, which leaves out the source every AST node points
 * to: documents padded with comments would each hold up to LIMIT_MAX_DOCUMENT_BYTES while being
 * counted at a few hundred bytes (and anonymous requests reach this cache before authentication).
 */
export function documentStore(maxBytes = 30 * 1024 * 1024): ByteBoundedCache<DocumentNode> {
  return new ByteBoundedCache<DocumentNode>(maxBytes, (key, doc) => key.length + (doc.loc?.source.body.length ?? 0) + JSON.stringify(doc).length);
}
