// X3: every request body is bounded while it streams, signed in or not: a declared length over the
// limit is answered 413 before anything is read, and a chunked body is cut (413) as soon as it passes
// the limit, so no handler ever holds more than the limit in memory.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Room for the multipart envelope around an uploaded file. */
export const ENVELOPE_BYTES = 64 * 1024;
/** Server actions, sign-in forms, the language switch, unsubscribe: small bodies. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

// Routes that take a file (documents, partners' supplements and opinions).
const UPLOAD_PATHS = [/^\/api\/dossiers\/[^/]+\/documents\/?$/, /^\/partner\/dossiers\/[^/]+\/(documents|opinion)\/?$/];

export function bodyLimitFor(url: string | undefined, documentMaxBytes: number): number {
  const path = (url ?? "/").split("?")[0];
  return UPLOAD_PATHS.some((r) => r.test(path)) ? documentMaxBytes + ENVELOPE_BYTES : DEFAULT_BODY_LIMIT;
}

function tooLarge(res: ServerResponse, limit: number) {
  if (!res.headersSent) {
    res.writeHead(413, { "content-type": "application/json", connection: "close" });
    res.end(JSON.stringify({ ok: false, error: { code: "invalid", message: `Request body over ${limit} bytes` } }));
  }
}

/**
 * Bounds the request's body to `limit` bytes. Returns false when the request was answered already
 * (declared too large). The count sits on the stream's own push, which the HTTP parser calls for every
 * chunk, so whoever reads the body later (Next, a route handler) never sees more than the limit.
 */
export function limitBody(req: IncomingMessage, res: ServerResponse, limit: number): boolean {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (Number.isFinite(declared) && declared > limit) {
    tooLarge(res, limit);
    req.resume();
    req.socket.destroySoon?.();
    return false;
  }
  let received = 0;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk !== null && chunk !== undefined) {
      received += (chunk as Buffer).length;
      if (received > limit) {
        tooLarge(res, limit);
        req.destroy();
        return false;
      }
    }
    return push(chunk, encoding);
  };
  return true;
}
