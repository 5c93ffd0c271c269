import type { IncomingMessage, ServerResponse } from 'node:http';
import { BulkOperationStatus } from './bulk-operation.entity';
import type { BulkServices } from './context';
import { FILES_PATH } from './files';

const refuse = (res: ServerResponse, status: number, code: string, message: string) =>
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));

/**
 * GET /bulk/files/<id>.jsonl?kind&expires&kid&sig: the signature is the authorisation (the URL is
 * what the operation's owner was given), so no token is needed, as with Shopify's file URLs.
 * Tampered or malformed: 403 BULK_URL_INVALID; past its expiry: 403 BULK_URL_EXPIRED; the file
 * gone (expired, canceled): 404 BULK_FILE_NOT_FOUND.
 */
export function bulkRoutes(services: BulkServices) {
  return (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    if (!pathname.startsWith(FILES_PATH)) return false;
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'GET only');
      const search = new URL(req.url ?? '/', 'http://x').searchParams;
      const grant = services.files.verify(pathname, search, services.bulk.clock());
      if (grant === 'invalid') return refuse(res, 403, 'BULK_URL_INVALID', 'This download URL is not valid');
      if (grant === 'expired') return refuse(res, 403, 'BULK_URL_EXPIRED', 'This download URL has expired');
      const op = await services.bulk.byId(grant.id);
      const want = grant.kind === 'result' ? BulkOperationStatus.COMPLETED : BulkOperationStatus.FAILED;
      if (!op || op.status !== want || op.fileDeletedAt) return refuse(res, 404, 'BULK_FILE_NOT_FOUND', 'The file has expired or was deleted');
      services.files.serve(res, op.id, op.fileSize);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(503).end();
      else res.destroy();
    });
    return true;
  };
}
