// Route-handler glue shared by every upload (documents, supplements, opinions) and every download:
// the signed-in actor, same-origin POSTs only, oversized bodies refused before they are read, the
// service's answer as JSON with the HTTP status of its error code; files always as attachments.
import { NextResponse, type NextRequest } from "next/server";
import type { Actor } from "../auth/actor";
import { currentActor, currentLocale } from "../auth/session";
import { contentDisposition, maxDocumentMegabytes } from "../domain/document/service";
import { env } from "../env";
import { fail, type AppError, type ErrorCode } from "../errors";
import { t, type MessageKey } from "../i18n";
import { logger } from "../logger";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  not_found: 404,
  invalid: 400,
  rate_limited: 429,
  conflict: 409,
  internal: 500,
};

/** Room for the multipart envelope around the file. */
const ENVELOPE_BYTES = 64 * 1024;

type Outcome = { ok: true } | { ok: false; error: AppError };

export async function handleUpload(
  req: NextRequest,
  what: string,
  handle: (actor: Actor, form: FormData) => Promise<Outcome>,
  unreadableForm: MessageKey = "error.invalid",
): Promise<NextResponse> {
  const actor = await currentActor();
  if (!actor) return NextResponse.json(fail("unauthorized", await currentLocale()), { status: 401 });
  // A cookie-authenticated POST from another site is refused (SameSite=Lax already keeps the cookie out).
  const origin = req.headers.get("origin");
  if (origin && origin !== env().appOrigin) return NextResponse.json(fail("invalid", actor.locale), { status: 400 });
  if (Number(req.headers.get("content-length") ?? "0") > env().DOCUMENT_MAX_BYTES + ENVELOPE_BYTES) {
    return NextResponse.json(
      {
        ok: false,
        error: { code: "invalid", message: t(actor.locale, "doc.tooLarge", { max: maxDocumentMegabytes() }) },
      },
      { status: 413 },
    );
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return NextResponse.json(fail("invalid", actor.locale, unreadableForm), { status: 400 });
  }
  try {
    const res = await handle(actor, form);
    return NextResponse.json(res, { status: res.ok ? 201 : HTTP_STATUS[res.error.code] });
  } catch (e) {
    logger.error(`${what} failed`, { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return NextResponse.json(fail("internal", actor.locale), { status: 500 });
  }
}

/** The form's file field as bytes (possibly empty: the service says so), or null when absent. */
export async function formFile(form: FormData, field = "file"): Promise<{ name: string; bytes: Buffer } | null> {
  const file = form.get(field);
  return file instanceof File ? { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : null;
}

/** A stored file as a download, or 404 when the policy found none. */
export function attachmentResponse(
  doc: { bytes: Buffer | Uint8Array; mimeType: string; name: string } | null,
): Response {
  if (!doc) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(doc.bytes), {
    status: 200,
    headers: {
      "Content-Type": doc.mimeType,
      "Content-Length": String(doc.bytes.length),
      "Content-Disposition": contentDisposition(doc.name),
      // Never rendered by the browser as another type, never cached by shared caches.
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
