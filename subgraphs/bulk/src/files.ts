import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { AuthConfig } from '@group/shared';

/** The path the graph's HTTP front serves result files at (the gateway proxies it to this subgraph). */
export const FILES_PATH = '/bulk/files/';

export type FileKind = 'result' | 'partial';

/**
 * Result files: one JSON Lines file per operation under BULK_FILES_DIR, and
 * the signed, expiring URLs that download them. A URL names the operation, the
 * kind, its expiry and the signing key's id, and carries an HMAC-SHA256 over
 * all four with that key of the token key ring (so every instance signs and
 * verifies alike, and key rotation works as for tokens). Anything changed: 403.
 */
export class BulkFiles {
  constructor(
    private readonly dir: string,
    private readonly auth: AuthConfig,
  ) {}

  pathOf(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`bad bulk operation id ${id}`);
    return resolve(join(this.dir, `${id}.jsonl`));
  }

  async ensureDir(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
  }

  async remove(id: string): Promise<void> {
    await fs.rm(this.pathOf(id), { force: true });
  }

  private sign(secret: string, id: string, kind: FileKind, expires: number): string {
    return createHmac('sha256', secret).update(`bulk-file\n${id}\n${kind}\n${expires}`).digest('base64url');
  }

  /** `<publicUrl>/bulk/files/<id>.jsonl?kind=...&expires=...&kid=...&sig=...` */
  url(publicUrl: string, id: string, kind: FileKind, expiresAt: Date): string {
    const key = this.auth.keys[0];
    const expires = Math.floor(expiresAt.getTime() / 1000);
    const q = new URLSearchParams({ kind, expires: String(expires), kid: key.kid, sig: this.sign(key.secret, id, kind, expires) });
    return `${publicUrl}${FILES_PATH}${id}.jsonl?${q.toString()}`;
  }

  /** The operation id and kind a URL grants, or why not ('invalid': tampered or malformed; 'expired'). */
  verify(pathname: string, search: URLSearchParams, now: Date): { id: string; kind: FileKind } | 'invalid' | 'expired' {
    const m = /^\/bulk\/files\/([0-9a-f-]{36})\.jsonl$/.exec(pathname);
    const kind = search.get('kind');
    const expires = Number(search.get('expires'));
    const key = this.auth.keys.find((k) => k.kid === search.get('kid'));
    const sig = search.get('sig') ?? '';
    if (!m || (kind !== 'result' && kind !== 'partial') || !Number.isInteger(expires) || !key) return 'invalid';
    const expected = Buffer.from(this.sign(key.secret, m[1], kind, expires));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
    if (expires * 1000 <= now.getTime()) return 'expired';
    return { id: m[1], kind };
  }

  /** Streams `bytes` of the file (what the operation committed; never a page being written). */
  serve(res: ServerResponse, id: string, bytes: number): void {
    res.writeHead(200, {
      'content-type': 'application/jsonl; charset=utf-8',
      'content-length': String(bytes),
      'content-disposition': `attachment; filename="bulk-${id}.jsonl"`,
      'cache-control': 'private, no-store',
    });
    if (bytes === 0) {
      res.end();
      return;
    }
    const stream = createReadStream(this.pathOf(id), { start: 0, end: bytes - 1 });
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }
}
