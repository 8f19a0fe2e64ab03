// X3: every request body is bounded while it streams, signed in or not: a declared length over the
// limit is refused before anything reaches a handler, and a chunked body as soon as it passes the limit,
// so no handler ever holds more than the limit in memory. Both are answered 413 once the client has
// finished writing (bounded), so that it reads the answer instead of a reset.
import type { IncomingMessage, ServerResponse } from "node:http";
import { maxDocumentMegabytes } from "../domain/document/service";
import { LOCALE_COOKIE, t, toLocale } from "../i18n";

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

function tooLarge(res: ServerResponse, message: string) {
  if (!res.headersSent) {
    res.writeHead(413, { "content-type": "application/json; charset=utf-8", connection: "close" });
    res.end(JSON.stringify({ ok: false, error: { code: "invalid", message } }));
  }
}

/** The rest of a refused body is read (and dropped) up to this size before the 413; past it, cut at once. */
const DRAIN_BYTES = 64 * 1024 * 1024;
/** ...and for at most this long: a client sending slowly is cut. */
const DRAIN_MS = 10_000;

/**
 * A refused body: the 413 goes out once the rest of the body has been read and dropped (a lingering
 * close). Answering and closing while the client is still writing resets the connection under it, and
 * the client then sees EPIPE or ECONNRESET instead of the 413 (Playwright's request client, a browser on
 * a slow upload). Nothing of the body is kept; the drain is bounded in bytes and time. Returns what to
 * call with each further piece of the body (null at its end).
 */
function refuse(req: IncomingMessage, res: ServerResponse, message: string, declared = 0) {
  let answered = false;
  let drained = 0;
  const answer = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    tooLarge(res, message);
    req.socket.destroySoon?.();
  };
  const timer = setTimeout(answer, declared > DRAIN_BYTES ? 0 : DRAIN_MS);
  timer.unref();
  req.once("error", answer);
  return (chunk: Buffer | null) => {
    if (chunk === null) return answer();
    drained += chunk.length;
    if (drained > DRAIN_BYTES) answer();
  };
}

/**
 * Bounds the request's body to `limit` bytes. Returns false when the request was refused already
 * (declared too large). The count sits on the stream's own push, which the HTTP parser calls for every
 * chunk, so whoever reads the body later (Next, a route handler) never sees more than the limit: past
 * it, the handler gets nothing more (it is cut when the connection closes) and the rest is dropped.
 */
export function limitBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  // Made only when a body is refused: nothing to compute for the requests that pass.
  message: () => string = () => `Request body over ${limit} bytes`,
): boolean {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (Number.isFinite(declared) && declared > limit) {
    const drop = refuse(req, res, message(), declared);
    req.on("data", drop);
    req.once("end", () => drop(null));
    return false;
  }
  let received = 0;
  let drop: ((chunk: Buffer | null) => void) | null = null;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (drop) {
      drop((chunk as Buffer | null | undefined) ?? null);
      return true;
    }
    if (chunk !== null && chunk !== undefined) {
      received += (chunk as Buffer).length;
      if (received > limit) {
        drop = refuse(req, res, message());
        return true;
      }
    }
    return push(chunk, encoding);
  };
  return true;
}

/** The refusal in the visitor's language (the language cookie; French by default), as the routes say it. */
export function bodyTooLargeMessage(req: IncomingMessage): string {
  const cookie = req.headers.cookie ?? "";
  const locale = toLocale(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=(fr|en)`).exec(cookie)?.[1]);
  const upload = bodyLimitFor(req.url, 0) !== DEFAULT_BODY_LIMIT;
  return upload ? t(locale, "doc.tooLarge", { max: maxDocumentMegabytes() }) : t(locale, "error.bodyTooLarge");
}
